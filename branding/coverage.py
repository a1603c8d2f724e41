"""How far a brand is set up, read from what is stored: the brand editor's checklist, and the
customer-visible places that still show the provider's storage host names for the brand.

A customer's storage shows, in order: a custom domain attached to it, the brand's endpoint
name for its region, else the provider's host name (see ``branding.endpoints``). So a region
leaks the provider's host wherever the brand has no endpoint name for it and a storage there
(or one a customer may still enable) has no custom domain.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from branding.models import Brand, BrandEndpoint
from portal.jobs.models import CustomDomain
from portal.storage.models import Region, Storage

# Where a customer reads a storage's endpoint (templates/console/endpoints_table.html,
# keys.html and the client configurations of a new key).
ENDPOINT_SURFACES = "Dashboard, Regions and Access keys pages and in client configurations"


@dataclass(frozen=True)
class VendorHostGap:
    """One customer-visible place that shows the provider's host names for the brand."""

    sentence: str
    regions: tuple[str, ...]
    hosts: tuple[str, ...]  # examples of what customers see, for the reseller only
    storages: int  # storages of the brand's customers that show them today


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool
    hint: str  # what to do when it is not done
    anchor: str  # the section of the brand editor that does it


def _join(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def vendor_host_gaps(brand: Brand) -> list[VendorHostGap]:
    """What still shows the provider's storage host names to this brand's customers."""
    if brand.pk is None:
        return []
    named = set(BrandEndpoint.objects.filter(brand_id=brand.pk).values_list("region_id", flat=True))
    exposed = (
        Storage.objects.filter(customer__brand_id=brand.pk)
        .exclude(region_id__in=named)
        .exclude(Exists(CustomDomain.objects.filter(storage=OuterRef("pk"))))
        .select_related("region")
        .order_by("region__name", "storage_dn")
    )
    hosts_by_region = defaultdict(list)
    for storage in exposed:
        hosts_by_region[storage.region].append(storage.storage_dn)
    gaps = []
    if hosts_by_region:
        regions = sorted(hosts_by_region, key=lambda region: region.name)
        examples = tuple(hosts_by_region[region][0] for region in regions)
        count = sum(len(hosts) for hosts in hosts_by_region.values())
        gaps.append(
            VendorHostGap(
                sentence=(
                    f"Endpoints on the {ENDPOINT_SURFACES} show {_join(examples)} for "
                    f"{_join(region.name for region in regions)}: add endpoint names."
                ),
                regions=tuple(region.name for region in regions),
                hosts=examples,
                storages=count,
            )
        )
    in_use = {region.pk for region in hosts_by_region}
    can_enable = Region.objects.filter(active=True).exclude(pk__in=named | in_use).order_by("name")
    unnamed = [region.name for region in can_enable]
    if unnamed:
        gaps.append(
            VendorHostGap(
                sentence=(
                    f"A customer who is given {_join(unnamed)} would see the provider's host "
                    f"name on the {ENDPOINT_SURFACES}: add endpoint names."
                ),
                regions=tuple(unnamed),
                hosts=(),
                storages=0,
            )
        )
    return gaps


def checklist(brand: Brand) -> list[ChecklistItem]:
    """The brand editor's setup checklist, from the saved brand."""
    saved = brand.pk is not None
    gaps = vendor_host_gaps(brand)
    return [
        ChecklistItem(
            "Logo",
            bool(brand.logo),
            "Upload a logo for the header, the login page and emails.",
            "brand-images",
        ),
        ChecklistItem(
            "Favicon", bool(brand.favicon), "Upload a favicon for browser tabs.", "brand-images"
        ),
        ChecklistItem(
            "Console domain",
            saved and brand.domains.exists(),
            "Add the domain on which customers open the console.",
            "brand-domains",
        ),
        ChecklistItem(
            "Support contact",
            bool(brand.support_email or brand.support_url),
            "Give customers a support email address or page.",
            "brand-support",
        ),
        ChecklistItem(
            "Email sender",
            bool(brand.email_sender_address),
            "Send customer emails from an address of your own.",
            "brand-support",
        ),
        ChecklistItem(
            "Endpoint names",
            saved and not gaps,
            "Name the storage endpoint of every region your customers can use.",
            "brand-endpoints",
        ),
    ]
