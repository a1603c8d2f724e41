"""A staff member's own account: password and logged-in browsers."""

from django.contrib.auth import update_session_auth_hash

from portal.accounts.models import LoginSession
from portal.accounts.sessions import end_all_sessions, end_sessions, follow_session_key
from portal.audit.services import Actor, audited


def change_own_password(request, form) -> int:
    """Save the valid PasswordChangeForm ``form``; this browser stays logged in, every
    other one is logged out. Returns how many other sessions ended."""
    user = request.user
    with audited("account.password_change", actor=Actor.from_request(request), target=user.email):
        form.save()
        old_key = request.session.session_key
        # Keeps this session valid under the new password hash, with a new session key.
        update_session_auth_hash(request, user)
        follow_session_key(old_key, request.session.session_key)
    return end_all_sessions(user, except_key=request.session.session_key)


def end_own_session(request, login_session: LoginSession) -> None:
    """Log one of the user's other browsers out."""
    with audited(
        "account.session_ended",
        actor=Actor.from_request(request),
        target=request.user.email,
        details={"ip_address": login_session.ip_address, "started": str(login_session.created_at)},
    ):
        end_sessions([login_session])


def end_other_sessions(request) -> int:
    """Log every browser of the user out except this one."""
    with audited(
        "account.other_sessions_ended", actor=Actor.from_request(request), target=request.user.email
    ) as record:
        ended = end_all_sessions(request.user, except_key=request.session.session_key)
        record.details = {**record.details, "sessions": ended}
        record.save(update_fields=["details"])
    return ended
