"""Support tools reseller staff use on one customer: a password reset link to copy and hand
over, and a read-only, time-limited look at the customer's branded console.

Both live on the customer's brand domain only, never on the portal's own host. Viewing as a
customer never logs anyone in as the customer: the brand domain's browser session only
records which view it belongs to (see portal/console/middleware.py), so the customer's last
login, session list and activity stay theirs alone.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from branding.links import console_url
from branding.resolver import normalise_host
from portal.accounts.emails import portal_url
from portal.accounts.invitations import hash_token
from portal.accounts.permissions import READ_ROLES, has_role
from portal.audit.services import Actor, audited
from portal.customers import services
from portal.customers.models import Customer
from portal.customers.support_models import SupportView
from portal.errors import PortalRefusal

# How long the link that opens a view works; a view lasts SUPPORT_VIEW_MINUTES (30).
LINK_SECONDS = 60

READ_ONLY = "This is a read-only view of this console: nothing can be changed here."
SECRET_NOT_SHOWN = (
    "Two-factor settings are not shown in a read-only view: setting it up shows a secret code."
)


class NoBrandDomain(PortalRefusal):
    human_message = (
        "The customer's brand has no domain yet. Add one to the brand first: the customer's "
        "console is served there."
    )


class NoConsoleLogin(PortalRefusal):
    human_message = "This customer has no console login yet, so there is nothing to view."


class AccountDisabled(PortalRefusal):
    human_message = "This account is disabled: its console cannot be opened. Enable it first."


class ViewLinkNotUsable(PortalRefusal):
    code = "support_view_link_not_usable"
    human_message = (
        "This link no longer works. Open the customer's console again from their page in "
        "the portal."
    )


def brand_domain(customer: Customer) -> str | None:
    """The first domain of the customer's brand, where their console is served."""
    return customer.brand.domains.values_list("domain", flat=True).first()


# --- a password reset link to copy -------------------------------------------------------


def create_password_reset_link(actor: Actor, customer: Customer) -> str:
    """A link on the customer's brand domain to choose a new console password, for staff to
    hand over themselves. It works exactly like the emailed one (same lifetime; it stops
    working once the password changes or the customer logs in). The audit record says who
    made it for whom; the link itself is returned only, never recorded."""
    if brand_domain(customer) is None:
        raise NoBrandDomain
    with audited(
        "customer.password_reset_link_created",
        actor=actor,
        target=customer.email,
        customer=customer,
    ):
        return services.password_reset_url(customer)


# --- viewing as the customer ---------------------------------------------------------------


def create_view_link(actor: Actor, customer: Customer) -> str:
    """The single-use link, on the customer's brand domain, that opens a read-only view of
    their console for ``actor``. It works for LINK_SECONDS; only its hash is stored."""
    domain = brand_domain(customer)
    if domain is None:
        raise NoBrandDomain
    if not customer.is_active:
        raise AccountDisabled
    if customer.user is None:
        raise NoConsoleLogin
    token = secrets.token_urlsafe(32)
    SupportView.objects.create(
        customer=customer,
        staff=actor.user,
        token_hash=hash_token(token),
        link_expires_at=timezone.now() + datetime.timedelta(seconds=LINK_SECONDS),
        host=normalise_host(domain),
    )
    return console_url(customer.brand, reverse("console:support_view_start", args=[token]))


def view_minutes() -> int:
    return getattr(settings, "SUPPORT_VIEW_MINUTES", 30)


def _staff_actor(view: SupportView, ip_address: str | None) -> Actor:
    return Actor(user=view.staff, label=view.staff.email, ip_address=ip_address)


def _may_view(view: SupportView) -> bool:
    return has_role(view.staff, READ_ROLES) and view.customer.is_active


def start_view(token: str, *, host: str, brand, ip_address: str | None) -> SupportView:
    """Use a view link on ``host``: once, within its minute, on the customer's own brand
    domain, by staff who still may read customers. Audited with who views whom."""
    view = (
        SupportView.objects.select_related("customer__brand", "customer__user", "staff")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if view is None:
        raise ViewLinkNotUsable
    now = timezone.now()
    with audited(
        "customer.support_view.start",
        actor=_staff_actor(view, ip_address),
        target=view.customer.email,
        customer=view.customer,
        details={"read_only": True, "minutes": view_minutes(), "host": normalise_host(host)},
    ):
        on_its_domain = (
            brand is not None
            and brand.pk == view.customer.brand_id
            and normalise_host(host) == view.host
        )
        if not on_its_domain or not _may_view(view):
            raise ViewLinkNotUsable
        with transaction.atomic():
            # Single use: of two requests with the same link, one only starts a view.
            started = SupportView.objects.filter(
                pk=view.pk, started_at__isnull=True, link_expires_at__gt=now
            ).update(started_at=now, ends_at=now + datetime.timedelta(minutes=view_minutes()))
        if not started:
            raise ViewLinkNotUsable
        view.refresh_from_db()
    return view


def attach_session(view: SupportView, session_key: str) -> None:
    """The brand domain's browser session the view lives in: the only one it works in."""
    SupportView.objects.filter(pk=view.pk).update(session_key=session_key)


def active_view(pk, *, session_key: str | None, host: str, brand) -> SupportView | None:
    """The view of this browser session while it works, else None; a view whose time ran out
    or whose staff member may no longer read customers ends now (audited)."""
    view = (
        SupportView.objects.select_related("customer__brand", "customer__user", "staff")
        .filter(pk=pk, started_at__isnull=False, ended_at__isnull=True)
        .first()
        if str(pk).isdigit()
        else None
    )
    if view is None or not session_key or view.session_key != session_key:
        return None
    if brand is None or brand.pk != view.customer.brand_id or normalise_host(host) != view.host:
        return None
    if view.ends_at <= timezone.now():
        end_view(view, reason="expired")
        return None
    if not _may_view(view):
        end_view(view, reason="revoked")
        return None
    return view


def end_view(view: SupportView, *, reason: str = "ended", ip_address: str | None = None) -> bool:
    """End the view (the staff member pressed "End view", or its time ran out), audited
    once; False when it had ended already."""
    ended = SupportView.objects.filter(pk=view.pk, ended_at__isnull=True).update(
        ended_at=timezone.now(), end_reason=reason
    )
    if ended:
        with audited(
            "customer.support_view.end",
            actor=_staff_actor(view, ip_address),
            target=view.customer.email,
            customer=view.customer,
            details={"reason": reason},
        ):
            pass
    return bool(ended)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of an absolute URL, for a Content-Security-Policy source."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def console_origin(customer: Customer) -> str | None:
    """Where the customer's console is served, if their brand has a domain."""
    return origin_of(console_url(customer.brand, "/")) if brand_domain(customer) else None


def portal_origin() -> str:
    """Where the reseller console is served."""
    return origin_of(portal_url("/"))


def staff_page_url(customer_pk) -> str:
    """The customer's page in the reseller console, on the portal's own host."""
    return portal_url(reverse("customers:detail", args=[customer_pk]))
