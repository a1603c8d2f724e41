"""The storage endpoint a customer is told to use, in the brand's name wherever possible."""

from branding.models import BrandEndpoint


def branded_endpoint(storage) -> str:
    """A custom domain attached to this storage, else the brand's endpoint for the region,
    else the storage's own host name (the provider's, when the reseller configured neither)."""
    custom_domains = getattr(storage, "custom_domains", None)
    if custom_domains is not None:
        domain = custom_domains.order_by("-pk").first()
        if domain is not None:
            return domain.cname
    endpoint = BrandEndpoint.objects.filter(
        brand_id=storage.customer.brand_id, region_id=storage.region_id
    ).first()
    return endpoint.endpoint if endpoint else storage.storage_dn


def with_endpoints(storages) -> list:
    """The storages, each with ``endpoint`` set, in few queries."""
    storages = list(storages)
    if not storages:
        return storages
    brand_id = storages[0].customer.brand_id
    by_region = dict(
        BrandEndpoint.objects.filter(brand_id=brand_id).values_list("region_id", "endpoint")
    )
    for storage in storages:
        custom = getattr(storage, "custom_domains", None)
        domain = custom.order_by("-pk").first() if custom is not None else None
        storage.endpoint = (
            domain.cname if domain else by_region.get(storage.region_id, storage.storage_dn)
        )
    return storages
