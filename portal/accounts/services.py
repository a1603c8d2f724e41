"""A person's own account, for staff and customers alike: password and logged-in browsers.

Each change is audited; a customer's records carry the customer, so they appear in the
reseller's view of that customer too.
"""

from django.contrib.auth import update_session_auth_hash

from portal.accounts.models import LoginSession
from portal.accounts.sessions import end_all_sessions, end_sessions, follow_session_key
from portal.audit.services import Actor, audited


def _audited_own(request, action: str, **details):
    return audited(
        action,
        actor=Actor.from_request(request),
        target=request.user.email,
        customer=getattr(request, "customer", None),
        details=details or None,
    )


def change_own_password(request, password: str) -> int:
    """Set the logged-in person's new (validated) ``password``; this browser stays logged in,
    every other one is logged out. Returns how many other sessions ended."""
    user = request.user
    with _audited_own(request, "account.password_change"):
        user.set_password(password)
        user.save(update_fields=["password"])
        old_key = request.session.session_key
        # Keeps this session valid under the new password hash, with a new session key.
        update_session_auth_hash(request, user)
        follow_session_key(old_key, request.session.session_key)
    return end_all_sessions(user, except_key=request.session.session_key)


def end_own_session(request, login_session: LoginSession) -> None:
    """Log one of the person's other browsers out."""
    with _audited_own(
        request,
        "account.session_ended",
        ip_address=login_session.ip_address,
        started=str(login_session.created_at),
    ):
        end_sessions([login_session])


def end_other_sessions(request) -> int:
    """Log every browser of the person out except this one."""
    with _audited_own(request, "account.other_sessions_ended") as record:
        ended = end_all_sessions(request.user, except_key=request.session.session_key)
        record.details = {**record.details, "sessions": ended}
        record.save(update_fields=["details"])
    return ended
