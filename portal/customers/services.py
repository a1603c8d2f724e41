"""Workflows on customers. Views and background tasks call these; never e2 directly."""

import dataclasses
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from branding.emails import send_branded_email
from branding.links import console_url
from branding.models import Brand
from branding.white_label import white_label_entries
from portal.audit.services import Actor, audited
from portal.customers.models import Customer
from portal.e2.client import open_client
from portal.e2.errors import E2Error
from portal.errors import PortalError, PortalRefusal

logger = logging.getLogger(__name__)

MIRRORED_FIELDS = [
    "first_name",
    "last_name",
    "is_active",
    "is_signed_up",
    "quota_gb",
    "storage_used_bytes",
    "e2_created_at",
    "synced_at",
]


@dataclass(frozen=True)
class MirrorSyncResult:
    created: int
    updated: int
    removed: int
    total: int


def _parse_timestamp(value: str):
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value[:10])
        moment = timezone.datetime(day.year, day.month, day.day) if day else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.utc)
    return moment


def sync_customer_mirror(client=None) -> MirrorSyncResult:
    """Make the local customer mirror equal to e2's user list.

    New accounts join the default brand; accounts e2 no longer lists leave the mirror.
    A fixed number of queries whatever the number of customers.
    """
    with open_client(client) as e2:
        remote_users = e2.list_users()
    now = timezone.now()
    default_brand = Brand.objects.filter(is_default=True).first()
    with transaction.atomic():
        existing = {c.email.lower(): c for c in Customer.objects.select_for_update()}
        to_create, to_update, seen = [], [], set()
        for remote in remote_users:
            email = remote.email.lower()
            seen.add(email)
            values = {
                "first_name": remote.first_name[:64],
                "last_name": remote.last_name[:64],
                "is_active": remote.is_active,
                "is_signed_up": remote.is_signed_up,
                "quota_gb": remote.storage_quota,
                "storage_used_bytes": remote.storage_used,
                "e2_created_at": _parse_timestamp(remote.account_creation_timestamp),
                "synced_at": now,
            }
            customer = existing.get(email)
            if customer is None:
                if default_brand is None:
                    raise Brand.DoesNotExist("Create a default brand before syncing customers.")
                to_create.append(Customer(email=email, brand=default_brand, **values))
            else:
                for name, value in values.items():
                    setattr(customer, name, value)
                to_update.append(customer)
        Customer.objects.bulk_create(to_create, batch_size=500)
        Customer.objects.bulk_update(to_update, MIRRORED_FIELDS, batch_size=500)
        gone = [email for email in existing if email not in seen]
        removed = len(gone)
        if gone:
            Customer.objects.filter(email__in=gone).delete()
    result = MirrorSyncResult(len(to_create), len(to_update), removed, len(seen))
    logger.info("customer mirror synced", extra={f"mirror_{k}": v for k, v in vars(result).items()})
    return result


# --- reads for both consoles ---------------------------------------------------------------


def usage_between(customer: Customer, first, last) -> list[dict]:
    """Daily usage from the nightly sync's rows; read from e2 while it has recorded none."""
    from portal.usage.reports import daily_usage

    rows = daily_usage(customer, first, last)
    if rows:
        return rows
    with open_client() as client:
        return [dataclasses.asdict(day) for day in client.usage_stats(customer.email, first, last)]


def activity_between(customer: Customer, first, last) -> list:
    """Every activity entry of the range, all pages of e2's log, in the brand's words."""
    with open_client() as client:
        entries = list(client.iter_user_activity(customer.email, first, last))
    return white_label_entries(customer, entries)


# --- lifecycle ----------------------------------------------------------------------------


class CustomerNotDisabled(PortalError):
    human_message = "Disable the account before you delete it."


def _find_remote_user(client, email: str):
    return next((u for u in client.list_users() if u.email.lower() == email.lower()), None)


def _customer_login(email: str, password: str | None, first_name: str, last_name: str):
    """The customer's login for the branded console (the e2 account has its own password)."""
    from portal.accounts.models import User

    user, _ = User.objects.get_or_create(
        email=email.lower(),
        defaults={"first_name": first_name, "last_name": last_name, "role": User.Role.CUSTOMER},
    )
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def create_customer(
    actor: Actor,
    *,
    brand,
    email: str,
    first_name: str,
    last_name: str,
    password: str,
    quota_gb: int,
    regions: list[str] = (),
    send_welcome: bool = False,
) -> Customer:
    """Create the e2 account and the customer's console login, then enable regions.

    e2 never emails the customer (``email_notification`` is always false); the welcome email,
    when asked for, is the brand's own.
    """
    from portal.storage.services import enable_region

    email = email.strip().lower()
    with (
        open_client() as client,
        audited(
            "customer.create",
            actor=actor,
            target=email,
            details={"email": email, "quota_gb": quota_gb, "regions": list(regions)},
        ) as record,
    ):
        try:
            client.create_user(
                email, password, first_name, last_name, quota_gb=quota_gb, email_notification=False
            )
        except E2Error as error:
            # The answer was lost: the account may exist. Only e2's list can say.
            if not error.outcome_unknown or _find_remote_user(client, email) is None:
                raise
        customer = Customer.objects.create(
            brand=brand,
            email=email,
            first_name=first_name,
            last_name=last_name,
            quota_gb=quota_gb,
            is_active=True,
            is_signed_up=True,
            e2_created_at=timezone.now(),
            synced_at=timezone.now(),
            user=_customer_login(email, password, first_name, last_name),
        )
        record.customer = customer
    # The account exists now; a region that fails is reported, not a reason to undo it.
    customer.region_failures = []
    for region_key in regions:
        try:
            enable_region(actor, customer, region_key)
        except PortalError as error:
            customer.region_failures.append((region_key, error.human_message))
    if send_welcome:
        send_welcome_email(customer)
    return customer


def send_welcome_email(customer: Customer) -> None:
    quota = f"{customer.quota_gb} GB" if customer.quota_gb else "unlimited"
    send_branded_email(
        customer.brand,
        customer.email,
        "emails/welcome",
        {
            "customer": customer,
            "login_url": console_url(customer.brand, "/console/login/"),
            "quota_text": quota,
        },
    )


def disable_customer(actor: Actor, customer: Customer) -> Customer:
    """Disable the account: no login, no data access. Ends the customer's console sessions."""
    from portal.e2.errors import UserAccountAlreadyDisabled

    with audited("customer.disable", actor=actor, target=customer.email, customer=customer):
        try:
            with open_client() as client:
                client.disable_user(customer.email)
        except UserAccountAlreadyDisabled:
            pass  # e2 already agrees; the mirror catches up
        customer.is_active = False
        customer.save(update_fields=["is_active"])
    end_sessions_of(customer.user)
    return customer


def enable_customer(actor: Actor, customer: Customer) -> Customer:
    """Re-enable a disabled account."""
    from portal.e2.errors import UserAccountAlreadyEnabled

    with audited("customer.enable", actor=actor, target=customer.email, customer=customer):
        try:
            with open_client() as client:
                client.enable_user(customer.email)
        except UserAccountAlreadyEnabled:
            pass
        customer.is_active = True
        customer.save(update_fields=["is_active"])
    return customer


def remove_customer(actor: Actor, customer: Customer) -> None:
    """Delete a disabled account and all its data, permanently."""
    from portal.e2.errors import AccountNonExistant

    if customer.is_active:
        raise CustomerNotDisabled(customer.email)
    with audited(
        "customer.remove", actor=actor, target=customer.email, details={"email": customer.email}
    ):
        try:
            with open_client() as client:
                client.remove_user(customer.email)
        except AccountNonExistant:
            pass  # already gone in e2
        login = customer.user
        customer.delete()
        if login is not None:
            end_sessions_of(login)
            login.is_active = False
            login.save(update_fields=["is_active"])


def end_sessions_of(user) -> int:
    """Log ``user`` out everywhere at once; the number of sessions ended."""
    from portal.accounts.sessions import end_all_sessions

    return end_all_sessions(user) if user is not None else 0


def set_customer_password(actor: Actor, customer: Customer, password: str) -> None:
    """A new password for the customer's console login; other sessions end."""
    with audited("customer.set_password", actor=actor, target=customer.email, customer=customer):
        login = customer.user or _customer_login(
            customer.email, None, customer.first_name, customer.last_name
        )
        login.set_password(password)
        login.save(update_fields=["password"])
        if customer.user_id != login.pk:
            customer.user = login
            customer.save(update_fields=["user"])
    end_sessions_of(login)


def password_reset_url(customer: Customer) -> str:
    """A link on the customer's brand domain to choose a new console password, giving the
    customer a console login first if they have none. It works until PASSWORD_RESET_TIMEOUT
    passes, the password changes or the customer logs in, like every link made this way."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    login = customer.user or _customer_login(
        customer.email, None, customer.first_name, customer.last_name
    )
    if customer.user_id != login.pk:
        customer.user = login
        customer.save(update_fields=["user"])
    uid = urlsafe_base64_encode(force_bytes(login.pk))
    token = default_token_generator.make_token(login)
    return console_url(customer.brand, f"/console/reset/{uid}/{token}/")


def send_password_reset_link(actor: Actor, customer: Customer) -> None:
    """Email the customer a branded link to choose a new console password."""
    with audited(
        "customer.password_reset_link", actor=actor, target=customer.email, customer=customer
    ):
        reset_url = password_reset_url(customer)
        send_branded_email(
            customer.brand,
            customer.email,
            "emails/password_reset",
            {"user": customer.user, "reset_url": reset_url},
        )


class NoTwoFactorToReset(PortalRefusal):
    human_message = "This customer has not turned on two-factor authentication."


def reset_customer_two_factor(actor: Actor, customer: Customer) -> None:
    """Turn off a customer's two-factor authentication for them (a lost phone), audited on
    the customer; they are told by a branded email and can turn it on again."""
    from portal.accounts import two_factor

    login = customer.user
    if login is None or not two_factor.has_two_factor(login):
        raise NoTwoFactorToReset
    two_factor.remove_two_factor(
        actor, login, customer=customer, action="customer.two_factor_reset"
    )
