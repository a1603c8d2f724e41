"""Two brands on two domains, each with customers that exist in the live sandbox, and browsers
(test clients) logged in on the right domain."""

import pytest
from django.core.cache import cache
from django.test import Client

from branding.models import BrandDomain, BrandEndpoint
from portal.audit.services import Actor
from portal.customers.services import create_customer
from portal.storage.models import Region
from portal.storage.services import sync_regions
from tests.factories import BrandFactory

PASSWORD = "violet-kettle-harbour-42"
HOST_A = "brand-a.test"
HOST_B = "brand-b.test"


@pytest.fixture(autouse=True)
def _fresh_brand_cache():
    """The brand table is cached; the database is rolled back after every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def regions(e2):
    return sync_regions()


def make_brand(name, host, primary, support, **extra):
    brand = BrandFactory(
        name=name,
        primary_colour=primary,
        support_email=support,
        email_sender_name=name,
        email_sender_address=f"no-reply@{host}",
        copyright=f"{name} Ltd",
        **extra,
    )
    BrandDomain.objects.create(brand=brand, domain=host)
    # Every region gets the brand's own endpoint name, so customers never see another.
    for region in Region.objects.all():
        BrandEndpoint.objects.create(
            brand=brand, region=region, endpoint=f"{region.key.lower()}.s3.{host}"
        )
    return brand


@pytest.fixture
def brand_a(regions):
    return make_brand("Northwind Storage", HOST_A, "#0a7f5a", "help@brand-a.test", is_default=True)


@pytest.fixture
def brand_b(regions):
    return make_brand("Bluebird Cloud", HOST_B, "#7a1fa2", "help@brand-b.test")


def make_customer(brand, email, first_name="Olive", regions=("CH",)):
    return create_customer(
        Actor.system("test"),
        brand=brand,
        email=email,
        first_name=first_name,
        last_name="Tester",
        password=PASSWORD,
        quota_gb=100,
        regions=list(regions),
    )


@pytest.fixture
def customer_a(brand_a):
    return make_customer(brand_a, "olive@client-a.example")


@pytest.fixture
def neighbour_a(brand_a):
    """Another customer of the same brand."""
    return make_customer(brand_a, "nadia@client-a2.example", first_name="Nadia")


@pytest.fixture
def customer_b(brand_b):
    return make_customer(brand_b, "bruno@client-b.example", first_name="Bruno")


def logged_in(customer, host) -> Client:
    """A browser on ``host`` with the customer logged in through the login page."""
    browser = Client(HTTP_HOST=host)
    response = browser.post("/console/login/", {"username": customer.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/console/"
    return browser


@pytest.fixture
def browser_a(customer_a):
    return logged_in(customer_a, HOST_A)
