"""Session controls of the customer console, as the reseller sets them and the portal enforces
them: idle timeout, concurrent sessions, and sessions tied to the brand domain they began on."""

import logging
import time
from dataclasses import dataclass

from django.contrib.auth import login, logout
from django.utils import timezone

from branding.resolver import normalise_host
from portal.accounts.models import LoginSession
from portal.accounts.sessions import end_all_sessions
from portal.audit.services import Actor, audited
from portal.console.models import CustomerSessionSettings, SessionPolicy

logger = logging.getLogger(__name__)

CONSOLE_HOST = "console_host"
LAST_SEEN = "console_last_seen"
ROW_WRITTEN = "console_row_written"
PENDING_LOGIN = "console_pending_login"
# How often a LoginSession row's "last seen" is written, at most.
LAST_SEEN_WRITE_SECONDS = 60


@dataclass(frozen=True)
class EffectiveSessionSettings:
    idle_timeout: int
    concurrent_sessions: bool
    may_set_idle_timeout: bool
    may_change_concurrent_sessions: bool


def settings_of(customer) -> CustomerSessionSettings:
    own, _ = CustomerSessionSettings.objects.get_or_create(customer=customer)
    return own


def effective_settings(customer, policy: SessionPolicy | None = None) -> EffectiveSessionSettings:
    """What applies to this customer: their own choices where the reseller allows them, the
    reseller's setting for the account, else the reseller's default for all."""
    policy = policy or SessionPolicy.current()
    own = CustomerSessionSettings.objects.filter(customer=customer).first()
    idle = policy.idle_timeout
    if policy.customers_may_set_idle_timeout and own and own.idle_timeout:
        idle = own.idle_timeout
    concurrent = policy.concurrent_sessions
    may_change = policy.customers_may_change_concurrent_sessions
    if own and own.concurrent_sessions_override is not None:
        concurrent, may_change = own.concurrent_sessions_override, False
    elif may_change and own and own.concurrent_sessions is not None:
        concurrent = own.concurrent_sessions
    return EffectiveSessionSettings(
        idle_timeout=idle,
        concurrent_sessions=concurrent,
        may_set_idle_timeout=policy.customers_may_set_idle_timeout,
        may_change_concurrent_sessions=may_change,
    )


def start_console_session(request, user, customer, device=None) -> None:
    """Log the customer in on this host; where concurrent sessions are not allowed, the
    customer's older sessions end now."""
    from django_otp import login as otp_login

    login(request, user, backend=getattr(user, "backend", None))
    if device is not None:
        otp_login(request, device)
    request.session[CONSOLE_HOST] = normalise_host(request.get_host())
    request.session[LAST_SEEN] = time.time()
    if not effective_settings(customer).concurrent_sessions:
        ended = end_all_sessions(user, except_key=request.session.session_key)
        if ended:
            logger.info("older console sessions ended", extra={"ended": ended})


def end_console_session(request) -> None:
    """Log out this browser and forget its session row."""
    key = request.session.session_key
    logout(request)
    if key:
        LoginSession.objects.filter(session_key=key).delete()


def session_is_for_this_host(request) -> bool:
    return request.session.get(CONSOLE_HOST) == normalise_host(request.get_host())


def idle_for(request) -> float:
    return time.time() - float(request.session.get(LAST_SEEN, 0))


def note_activity(request) -> None:
    """The customer did something: restart the idle timer, and now and then the row's
    "last seen"."""
    now = time.time()
    request.session[LAST_SEEN] = now
    if now - float(request.session.get(ROW_WRITTEN, 0)) >= LAST_SEEN_WRITE_SECONDS:
        request.session[ROW_WRITTEN] = now
        LoginSession.objects.filter(session_key=request.session.session_key).update(
            last_seen_at=timezone.now()
        )


def keep_alive(request) -> None:
    """The customer answered the idle warning ("Stay signed in"): the idle timer restarts
    now, and the session row's "last seen" with it."""
    now = time.time()
    request.session[LAST_SEEN] = now
    request.session[ROW_WRITTEN] = now
    LoginSession.objects.filter(session_key=request.session.session_key).update(
        last_seen_at=timezone.now()
    )


def idle_timeout_of(request) -> int | None:
    """Seconds without activity after which this browser's console session ends, for the
    page's idle warning; None when no customer is logged in here (or staff are viewing the
    console for support, which has no idle logout of its own)."""
    customer = getattr(request, "customer", None)
    if customer is None or getattr(request, "support_view", None) is not None:
        return None
    if CONSOLE_HOST not in request.session:
        return None
    return effective_settings(customer).idle_timeout


# --- changing the rules (audited) ---------------------------------------------------------


def save_session_policy(actor: Actor, form) -> SessionPolicy:
    """Save the reseller's valid SessionPolicyForm for every customer console."""
    with audited(
        "session_policy.update",
        actor=actor,
        target="customer sessions",
        details={name: form.cleaned_data[name] for name in form.changed_data},
    ):
        return form.save()


def set_concurrent_sessions_override(actor: Actor, customer, allowed: bool | None) -> None:
    """The reseller's choice for one account: allowed, not allowed, or None (as for all)."""
    with audited(
        "session_policy.account_override",
        actor=actor,
        target=customer.email,
        customer=customer,
        details={"concurrent_sessions": allowed},
    ):
        own = settings_of(customer)
        own.concurrent_sessions_override = allowed
        own.save(update_fields=["concurrent_sessions_override", "updated_at"])


def save_own_session_preferences(actor: Actor, customer, cleaned: dict) -> None:
    """A customer's own idle timeout and concurrent-sessions choice, where allowed."""
    with audited(
        "account.session_preferences",
        actor=actor,
        target=customer.email,
        customer=customer,
        details=dict(cleaned),
    ):
        own = settings_of(customer)
        if "idle_timeout_minutes" in cleaned:
            own.idle_timeout = cleaned["idle_timeout_minutes"] * 60
        if "concurrent_sessions" in cleaned:
            own.concurrent_sessions = cleaned["concurrent_sessions"]
        own.save()
