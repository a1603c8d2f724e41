"""Which brand a request is for, from its Host header, with at most one query per request."""

from django.core.cache import cache

from branding.models import Brand, BrandDomain

CACHE_KEY = "branding:host:{host}"
CACHE_SECONDS = 300


def normalise_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):  # IPv6 literal with a port
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def brand_for_host(host: str) -> Brand | None:
    """The brand whose domain is ``host``, else the default brand, else None."""
    key = CACHE_KEY.format(host=normalise_host(host))
    brand_id = cache.get(key)
    if brand_id is not None:
        brand = Brand.objects.filter(pk=brand_id).first()
        if brand is not None:
            return brand
    domain = BrandDomain.objects.select_related("brand").filter(domain=normalise_host(host)).first()
    brand = domain.brand if domain else Brand.objects.filter(is_default=True).first()
    if brand is not None:
        cache.set(key, brand.pk, CACHE_SECONDS)
    return brand


def forget_cached_hosts(*hosts: str) -> None:
    """Drop cached lookups after brand domains change."""
    cache.delete_many([CACHE_KEY.format(host=normalise_host(h)) for h in hosts])
