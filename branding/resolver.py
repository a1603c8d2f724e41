"""Which brand a request is for, from its Host header: no query on a warm cache, one on a cold.

The whole brand table is small, so it is cached as one snapshot (brands by id, domains to brand
ids). Saving or deleting a brand or a domain drops the snapshot (see branding/signals.py); the
short lifetime bounds staleness in other processes that use a per-process cache.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port, validate_host

from branding.models import Brand

SNAPSHOT_KEY = "branding:snapshot:v2"
SNAPSHOT_SECONDS = 60


@dataclass
class BrandTable:
    brands: dict[int, Brand] = field(default_factory=dict)
    domains: dict[str, int] = field(default_factory=dict)
    default_id: int | None = None


@dataclass(frozen=True)
class HostMatch:
    """What a host name is to the portal."""

    brand: Brand | None
    is_brand_domain: bool  # served by its brand: the customer console only
    is_allowed: bool  # a brand domain or one of the portal's own hosts


def normalise_host(host: str) -> str:
    domain, _port = split_domain_port(host.strip().lower())
    return domain.rstrip(".") if domain else ""


def load_table() -> BrandTable:
    """The snapshot, from the cache or in one query (brands joined with their domains)."""
    table = cache.get(SNAPSHOT_KEY)
    if table is not None:
        return table
    table = BrandTable()
    columns = [f.attname for f in Brand._meta.concrete_fields]
    for row in Brand.objects.values(*columns, "domains__domain"):
        domain = row.pop("domains__domain")
        brand = table.brands.get(row["id"])
        if brand is None:
            brand = table.brands[row["id"]] = Brand(**row)
            brand._state.adding, brand._state.db = False, "default"
            if brand.is_default:
                table.default_id = brand.pk
        if domain:
            table.domains[domain] = brand.pk
    cache.set(SNAPSHOT_KEY, table, SNAPSHOT_SECONDS)
    return table


def portal_hosts() -> list[str]:
    """The portal's own host names (staff console): PORTAL_HOSTS, plus any explicit entry of
    ALLOWED_HOSTS (Django's test runner adds ``testserver`` there)."""
    extra = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    return [*settings.PORTAL_HOSTS, *extra]


def is_portal_host(host: str) -> bool:
    return bool(host) and validate_host(normalise_host(host), portal_hosts())


def match_host(raw_host: str) -> HostMatch:
    host = normalise_host(raw_host)
    table = load_table()
    # The portal's own hosts always serve the staff console, whatever a brand claims: the
    # way in that no brand domain can lock.
    brand_id = None if is_portal_host(host) else table.domains.get(host)
    if brand_id is not None:
        return HostMatch(table.brands[brand_id], is_brand_domain=True, is_allowed=True)
    default = table.brands.get(table.default_id) if table.default_id else None
    allowed = bool(host) and validate_host(host, portal_hosts())
    return HostMatch(default, is_brand_domain=False, is_allowed=allowed)


def brand_for_host(host: str) -> Brand | None:
    """The brand whose domain is ``host``, else the default brand, else None."""
    return match_host(host).brand


def forget_brand_table() -> None:
    """Drop the snapshot after brands or their domains change."""
    cache.delete(SNAPSHOT_KEY)
