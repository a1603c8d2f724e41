"""Keeping the local mirror of a customer's sub-users equal to what e2 confirmed."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from portal.e2.types import Subuser as RemoteSubuser
from portal.e2.types import SubuserSettings
from portal.subusers.models import Subuser

# Settings e2 may leave out of a listed sub-user; when it does, the mirror keeps its value.
OPTIONAL_SETTINGS = (
    "disable_delete_object",
    "idle_timeout",
    "concurrent_sessions",
    "allow_session_timeout_settings",
    "allow_concurrent_session_settings",
    "is_active",
)


def normalise_email(email: str) -> str:
    """Sub-user emails are compared and stored lower-case, as e2 compares them."""
    return email.strip().lower()


def storage_access_as_json(storage_access) -> list[dict]:
    """StorageAccess entries as the mirror and invitations store them."""
    return [entry.to_api() for entry in storage_access or ()]


def refresh_from_list(customer, remote_subusers: Iterable[RemoteSubuser]) -> None:
    """Make the customer's mirror equal to e2's list of their sub-users."""
    now = timezone.now()
    seen = []
    with transaction.atomic():
        for remote in remote_subusers:
            email = normalise_email(remote.email)
            seen.append(email)
            values = {
                "first_name": remote.first_name[:64],
                "last_name": remote.last_name[:64],
                "signed_up": remote.signed_up,
                "is_admin": remote.is_admin,
                "permissions": remote.permissions,
                "storage_access": storage_access_as_json(remote.storage_access),
                "synced_at": now,
            }
            for name in OPTIONAL_SETTINGS:
                if getattr(remote, name) is not None:
                    values[name] = getattr(remote, name)
            Subuser.objects.update_or_create(customer=customer, email=email, defaults=values)
        customer.subusers.exclude(email__in=seen).delete()


def record_settings(
    customer, settings: SubuserSettings, *, signed_up: bool, **extra_values
) -> Subuser:
    """Mirror a sub-user that e2 has just accepted with these settings."""
    values = {
        "permissions": settings.permissions,
        "is_admin": settings.is_admin,
        "idle_timeout": settings.idle_timeout,
        "concurrent_sessions": settings.concurrent_sessions,
        "allow_session_timeout_settings": settings.allow_session_timeout_settings,
        "allow_concurrent_session_settings": settings.allow_concurrent_session_settings,
        "storage_access": storage_access_as_json(settings.storage_access),
        "signed_up": signed_up,
        "synced_at": timezone.now(),
        **extra_values,
    }
    if settings.disable_delete_object is not None:
        values["disable_delete_object"] = settings.disable_delete_object
    subuser, _created = Subuser.objects.update_or_create(
        customer=customer, email=normalise_email(settings.subuser_email), defaults=values
    )
    return subuser


def record_changes(customer, email: str, **values) -> Subuser | None:
    """Apply confirmed changes to the mirrored sub-user, if the mirror holds it."""
    subuser = customer.subusers.filter(email=normalise_email(email)).first()
    if subuser is None:
        return None
    for name, value in values.items():
        setattr(subuser, name, value)
    subuser.synced_at = timezone.now()
    subuser.save(update_fields=[*values, "synced_at"])
    return subuser


def forget(customer, email: str, **conditions) -> None:
    """Drop a sub-user e2 no longer has from the mirror."""
    customer.subusers.filter(email=normalise_email(email), **conditions).delete()
