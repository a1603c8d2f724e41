"""Workflows on customers. Views and background tasks call these; never e2 directly."""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from branding.models import Brand
from portal.customers.models import Customer
from portal.e2.client import get_client

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
    client = client or get_client()
    remote_users = client.list_users()
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
