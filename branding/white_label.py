"""Text that comes from e2, made fit for a brand's customers: the vendor's storage host names
become the brand's endpoint names (or the customer's custom domain), and the vendor's name
becomes the brand's. Every read of e2's activity text goes through ``white_label_entries``."""

import dataclasses
import re

from branding.endpoints import with_endpoints

# Storage host names such as 3kwx.ldn.idrivee2-36.com, and the service's own hosts.
VENDOR_HOST = re.compile(r"\b(?:[a-z0-9-]+\.)*idrivee2(?:-\d+)?\.com\b", re.IGNORECASE)
VENDOR_NAME = re.compile(r"\bidrive(?:\s*e2)?\b|(?<![\w#.\-/+=])e2(?![\w.\-/+=])", re.IGNORECASE)
# Where a host has no branded name: a neutral phrase rather than the vendor's host.
NEUTRAL_HOST = "storage endpoint"


def endpoint_names(customer) -> dict[str, str]:
    """The customer's storage host names (lower case) and what the brand calls each."""
    storages = with_endpoints(customer.storages.select_related("customer", "region"))
    return {storage.storage_dn.lower(): storage.endpoint for storage in storages}


def white_labelled(text: str, brand_name: str, names: dict[str, str]) -> str:
    def host(match):
        named = names.get(match.group(0).lower())
        return named if named and not VENDOR_HOST.fullmatch(named) else NEUTRAL_HOST

    return VENDOR_NAME.sub(brand_name, VENDOR_HOST.sub(host, text or ""))


def white_label_entries(customer, entries) -> list:
    """Activity entries of ``customer`` with their descriptions white-labelled."""
    entries = list(entries)
    if not entries:
        return entries
    names = endpoint_names(customer)
    brand_name = customer.brand.name
    return [
        dataclasses.replace(entry, description=white_labelled(entry.description, brand_name, names))
        for entry in entries
    ]
