"""Which browsers a user is logged in on, and ending those sessions from the server."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from portal.accounts.models import LoginSession
from portal.client_address import client_address


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@receiver(user_logged_in)
def remember_login_session(sender, request, user, **kwargs):
    if request is None or not getattr(request, "session", None):
        return
    if not request.session.session_key:
        request.session.save()
    LoginSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "ip_address": client_address(request),
            "user_agent": request.headers.get("User-Agent", "")[:255],
        },
    )


@receiver(user_logged_out)
def forget_login_session(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) and request.session.session_key:
        LoginSession.objects.filter(session_key=request.session.session_key).delete()


def end_sessions(sessions) -> int:
    """End the given LoginSession rows: their browsers are logged out on the next request."""
    store, ended = _session_store(), 0
    for login_session in list(sessions):
        store(session_key=login_session.session_key).delete()
        login_session.delete()
        ended += 1
    return ended


def end_all_sessions(user, *, except_key: str | None = None) -> int:
    sessions = LoginSession.objects.filter(user=user)
    if except_key:
        sessions = sessions.exclude(session_key=except_key)
    return end_sessions(sessions)


def rotate_session_key(request) -> None:
    """Give this browser a new session key (after a privilege change, against fixation),
    keeping its LoginSession row."""
    old_key = request.session.session_key
    request.session.cycle_key()
    follow_session_key(old_key, request.session.session_key)


def follow_session_key(old_key: str | None, new_key: str | None) -> None:
    """Point the LoginSession row of a browser whose session key changed at the new key."""
    if old_key and new_key and old_key != new_key:
        LoginSession.objects.filter(session_key=old_key).update(session_key=new_key)
