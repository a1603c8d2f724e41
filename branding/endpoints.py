"""The storage endpoint a customer is told to use, in the brand's name wherever possible."""

from django.db.models import prefetch_related_objects

from branding.models import BrandEndpoint


def _newest_custom_domain(storage):
    """The custom domain most recently attached, read from a prefetch when there is one."""
    domains = list(storage.custom_domains.all())
    return max(domains, key=lambda domain: domain.pk) if domains else None


def branded_endpoint(storage) -> str:
    """A custom domain attached to this storage, else the brand's endpoint for the region,
    else the storage's own host name (the provider's, when the reseller configured neither)."""
    domain = _newest_custom_domain(storage)
    if domain is not None:
        return domain.cname
    endpoint = BrandEndpoint.objects.filter(
        brand_id=storage.customer.brand_id, region_id=storage.region_id
    ).first()
    return endpoint.endpoint if endpoint else storage.storage_dn


def with_endpoints(storages) -> list:
    """The storages, each with ``endpoint`` set, in a fixed number of queries."""
    storages = list(storages)
    if not storages:
        return storages
    prefetch_related_objects(storages, "custom_domains")
    brand_id = storages[0].customer.brand_id
    by_region = dict(
        BrandEndpoint.objects.filter(brand_id=brand_id).values_list("region_id", "endpoint")
    )
    for storage in storages:
        domain = _newest_custom_domain(storage)
        storage.endpoint = (
            domain.cname if domain else by_region.get(storage.region_id, storage.storage_dn)
        )
    return storages
