"""The first-run checklist of a new install, read from the real state of the portal.

Nothing is stored: each step is ticked from the rows that doing it leaves behind (the saved
API key, the audit record of a successful connection test, the default brand with its domains
and endpoint names, a customer). The reseller dashboard shows the checklist to owners until
every step is done. ``first_run_checklist()`` makes ``QUERY_COUNT`` queries, whatever the
state.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse

from branding.models import Brand, BrandDomain, BrandEndpoint
from portal.audit.models import AuditRecord
from portal.customers.models import Customer
from portal.e2.models import ApiCredential

QUERY_COUNT = 4
CONNECTION_TEST_ACTION = "settings.api_test"


@dataclass(frozen=True)
class Step:
    """One thing to do, whether it is done, and where it is done."""

    key: str
    title: str
    text: str
    url: str
    action: str
    done: bool
    substeps: tuple["Step", ...] = field(default=())


@dataclass(frozen=True)
class Checklist:
    steps: tuple[Step, ...]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 100


def first_run_checklist() -> Checklist:
    """The steps of setting up a new install, each ticked from what is in the database."""
    credential = ApiCredential.objects.values("updated_at").first()
    last_test = (
        AuditRecord.objects.filter(
            action=CONNECTION_TEST_ACTION, outcome=AuditRecord.Outcome.SUCCEEDED
        )
        .order_by("-started_at")
        .values("started_at")
        .first()
    )
    brand = (
        Brand.objects.annotate(
            has_domain=Exists(BrandDomain.objects.filter(brand=OuterRef("pk"))),
            has_endpoint=Exists(BrandEndpoint.objects.filter(brand=OuterRef("pk"))),
        )
        .order_by("-is_default", "pk")
        .first()
    )
    has_customer = Customer.objects.exists()

    api_url = reverse("reseller:api")
    # A test counts for the key it tested: replacing the key asks for a new test.
    tested = bool(credential and last_test and last_test["started_at"] >= credential["updated_at"])
    steps = (
        Step(
            key="api_key",
            title="Save the API key",
            text="Enter the reseller API key of your storage account, stored encrypted.",
            url=api_url,
            action="Enter the key",
            done=credential is not None,
        ),
        Step(
            key="connection",
            title="Test the connection",
            text="Check that the storage service answers with the saved key.",
            url=api_url,
            action="Test it",
            done=tested,
        ),
        _brand_step(brand),
        Step(
            key="customer",
            title="Create your first customer",
            text="Add a customer account, or invite one to sign up.",
            url=reverse("customers:create"),
            action="Add a customer",
            done=has_customer,
        ),
    )
    return Checklist(steps=steps)


def _brand_step(brand) -> Step:
    """Setting up the brand customers see, one sub-step per part of it."""
    url = reverse("branding:edit", args=[brand.pk]) if brand else reverse("branding:create")
    default = brand is not None and brand.is_default

    def part(key, title, text, done) -> Step:
        return Step(key=key, title=title, text=text, url=url, action="Edit", done=done)

    substeps = (
        part(
            "brand_name",
            "Name",
            "A default brand with the name customers see."
            if brand is None or default
            else "Tick “Default brand” on the brand customers should see.",
            default,
        ),
        part("brand_logo", "Logo", "Upload your logo.", default and bool(brand.logo)),
        part(
            "brand_colours",
            "Colours",
            "Choose your primary and accent colours.",
            default and _colours_chosen(brand),
        ),
        part(
            "brand_domain",
            "Domain",
            "The host name your customers open the console on.",
            default and brand.has_domain,
        ),
        part(
            "brand_endpoints",
            "Endpoint names",
            "Your own host name for each region's storage endpoint.",
            default and brand.has_endpoint,
        ),
        part(
            "brand_sender",
            "Sender address",
            "The address the brand's emails come from.",
            default and bool(brand.email_sender_address),
        ),
    )
    return Step(
        key="brand",
        title="Set up your brand",
        text="What your customers see: name, logo, colours, domain, endpoints and emails."
        if brand is None or default
        else "Tick “Default brand” on the brand your customers should see.",
        url=url,
        action="Set up the brand" if brand is None else "Edit the brand",
        done=all(substep.done for substep in substeps),
        substeps=substeps,
    )


def _colours_chosen(brand) -> bool:
    """Whether either colour differs from the one every new brand starts with."""
    for name in ("primary_colour", "accent_colour"):
        if getattr(brand, name).lower() != Brand._meta.get_field(name).default.lower():
            return True
    return False
