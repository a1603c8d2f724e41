"""Workflows on regions, storages, CORS and access keys, for both consoles.

Each mutating function writes an audit record around the e2 call and changes the local mirror
only after e2 confirmed the change. When e2's answer is lost (timeout, dropped connection) the
function reads e2 back to learn the truth before it tells anyone anything.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from portal.audit.services import Actor, audited
from portal.customers.models import Customer
from portal.e2.client import open_client
from portal.e2.errors import E2Error, StorageNonExistant
from portal.e2.limits import CORS_ALLOW_ALL
from portal.e2.types import CreatedAccessKey
from portal.errors import PortalError
from portal.storage.models import AccessKey, Region, Storage

logger = logging.getLogger(__name__)


class RegionNotAllowed(PortalError):
    human_message = "This region is not offered to customers. Contact your provider."


# --- regions ------------------------------------------------------------------------------


def sync_regions(client=None) -> list[Region]:
    """Refresh the local region catalogue from e2; the reseller's own choices are kept."""
    now = timezone.now()
    with open_client(client) as e2:
        remote = e2.list_regions()
    existing = {region.key: region for region in Region.objects.all()}
    for item in remote:
        region = existing.get(item.region_key) or Region(key=item.region_key)
        region.name, region.country, region.code = item.region_name, item.country, item.region_code
        region.active, region.hdd_storage = item.active, item.hdd_storage
        region.default_cors, region.synced_at = item.cors or CORS_ALLOW_ALL, now
        region.save()
        existing[item.region_key] = region
    return sorted(existing.values(), key=lambda r: (r.country, r.name))


def regions_for_catalogue(*, for_customer: bool) -> list[Region]:
    """Regions that can be enabled: active ones, and for customers only those allowed."""
    if not Region.objects.exists():
        sync_regions()
    regions = Region.objects.filter(active=True)
    if for_customer:
        regions = regions.filter(customers_may_enable=True)
    return list(regions)


def refresh_storages(customer: Customer, client=None) -> list[Storage]:
    """Make the customer's storages in the mirror equal to e2's list of enabled regions."""
    with open_client(client) as e2:
        remote = e2.list_user_regions(customer.email)
        regions = {region.key: region for region in Region.objects.all()}
        if any(item.region_key not in regions for item in remote):
            regions = {region.key: region for region in sync_regions(e2)}
    with transaction.atomic():
        kept = []
        for item in remote:
            region = regions.get(item.region_key)
            if region is None:
                continue
            storage, _ = Storage.objects.update_or_create(
                storage_dn=item.storage_dn,
                defaults={"customer": customer, "region": region, "cors": item.cors or "*"},
            )
            kept.append(storage.pk)
        customer.storages.exclude(pk__in=kept).delete()
    return list(customer.storages.select_related("region"))


def enable_region(actor: Actor, customer: Customer, region_key: str, *, by_customer=False):
    """Enable a region for the customer and record its storage endpoint."""
    region = Region.objects.filter(key=region_key).first()
    if region is None:
        sync_regions()  # a catalogue never read, or a region new since the last read
        region = Region.objects.filter(key=region_key).first()
    if region is None or not region.active or (by_customer and not region.customers_may_enable):
        raise RegionNotAllowed(region_key)
    with (
        open_client() as client,
        audited(
            "region.enable",
            actor=actor,
            target=region_key,
            customer=customer,
            details={"region": region_key},
        ),
    ):
        try:
            storage_dn = client.enable_user_region(customer.email, region_key)
        except E2Error as error:
            if not error.outcome_unknown:
                raise
            # The answer was lost: the region may be enabled. Look before saying anything.
            storage_dn = _storage_dn_if_enabled(client, customer, region_key)
            if storage_dn is None:
                raise
        storage, _ = Storage.objects.update_or_create(
            storage_dn=storage_dn,
            defaults={"customer": customer, "region": region, "cors": region.default_cors},
        )
    return storage


def _storage_dn_if_enabled(client, customer, region_key) -> str | None:
    try:
        regions = client.list_user_regions(customer.email)
    except E2Error:
        return None
    return next((r.storage_dn for r in regions if r.region_key == region_key), None)


def remove_region(actor: Actor, storage: Storage) -> None:
    """Remove a region from a customer; e2 deletes the data stored there."""
    customer = storage.customer
    with audited(
        "region.remove",
        actor=actor,
        target=storage.storage_dn,
        customer=customer,
        details={"region": storage.region.key},
    ):
        try:
            with open_client() as client:
                client.remove_user_region(customer.email, storage.storage_dn)
        except StorageNonExistant:
            pass  # already gone in e2: the mirror catches up below
        storage.delete()


def parse_cors(value: str | Sequence[str]) -> list[str]:
    """Origins from a comma/space/newline separated string (or list), trimmed, de-duplicated."""
    items = (
        value.replace("\n", ",").replace(" ", ",").split(",") if isinstance(value, str) else value
    )
    seen: list[str] = []
    for item in (part.strip() for part in items):
        if item and item not in seen:
            seen.append(item)
    return seen


def set_cors(actor: Actor, storage: Storage, origins: Sequence[str]) -> Storage:
    """Set the allowed CORS origins of a storage (up to 10 domains, or "*")."""
    value = ",".join(origins) or CORS_ALLOW_ALL
    with audited(
        "region.set_cors",
        actor=actor,
        target=storage.storage_dn,
        customer=storage.customer,
        details={"cors": value},
    ):
        with open_client() as client:
            client.set_cors(storage.customer.email, storage.storage_dn, value)
        storage.cors = value
        storage.save(update_fields=["cors"])
    return storage


# --- access keys --------------------------------------------------------------------------


def refresh_access_keys(storage: Storage, client=None) -> list[AccessKey]:
    """Read the storage's keys from e2 and make the mirror equal to them."""
    with open_client(client) as e2:
        remote = e2.list_access_keys(storage.customer.email, storage.storage_dn)
    with transaction.atomic():
        for item in remote:
            AccessKey.objects.update_or_create(
                storage=storage,
                key_id=item.key_id,
                defaults={
                    "name": item.name,
                    "description": item.description,
                    "created_on": item.creation_date,
                },
            )
        storage.access_keys.exclude(key_id__in=[item.key_id for item in remote]).delete()
    return list(storage.access_keys.all())


@dataclass(frozen=True)
class NewAccessKey:
    """A key just created: the only moment its secret exists in the portal."""

    key: AccessKey
    secret_key: object  # a portal.e2.types.Secret


def create_access_key(
    actor: Actor, storage: Storage, name: str, permissions: int, buckets: Sequence[str] = ()
) -> NewAccessKey:
    """Create an access key; the secret is returned this once and never stored."""
    customer = storage.customer
    known = set(storage.access_keys.values_list("key_id", flat=True))
    with (
        open_client() as client,
        audited(
            "access_key.create",
            actor=actor,
            target=f"{storage.storage_dn}:{name}",
            customer=customer,
            details={"name": name, "permissions": permissions, "buckets": list(buckets)},
        ),
    ):
        try:
            created: CreatedAccessKey = client.create_access_key(
                customer.email, storage.storage_dn, name, permissions, list(buckets) or None
            )
        except E2Error as error:
            if error.outcome_unknown:
                _revoke_orphans(client, storage, name, known)
            raise
        key = AccessKey.objects.create(
            storage=storage,
            key_id=created.access_key,
            name=name,
            description=_describe(permissions, buckets),
        )
    return NewAccessKey(key=key, secret_key=created.secret_key)


def _revoke_orphans(client, storage: Storage, name: str, known: set[str]) -> None:
    """A key whose creation answer was lost has a secret nobody will ever see: revoke it."""
    try:
        remote = client.list_access_keys(storage.customer.email, storage.storage_dn)
        for item in remote:
            if item.name == name and item.key_id not in known:
                client.remove_access_key(storage.customer.email, storage.storage_dn, item.key_id)
                logger.warning("revoked orphan access key", extra={"key_id": item.key_id})
    except E2Error:
        logger.warning("could not check for an orphan access key", exc_info=True)


def _describe(permissions: int, buckets: Sequence[str]) -> str:
    from portal.e2.limits import PERMISSIONS

    scope = ", ".join(buckets) if buckets else "all buckets"
    return f"{PERMISSIONS[permissions]} access to {scope}"


def remove_access_key(actor: Actor, key: AccessKey) -> None:
    """Revoke an access key."""
    storage = key.storage
    from portal.e2.errors import AccessKeyNonExistant

    with audited(
        "access_key.remove",
        actor=actor,
        target=key.key_id,
        customer=storage.customer,
        details={"name": key.name},
    ):
        try:
            with open_client() as client:
                client.remove_access_key(storage.customer.email, storage.storage_dn, key.key_id)
        except AccessKeyNonExistant:
            pass  # already revoked: the mirror catches up
        key.delete()
