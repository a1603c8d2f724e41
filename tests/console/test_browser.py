"""In a real Chromium: two brands on two domains of one portal, and a customer's day in the
console. The brand domains resolve to the live server through Chromium's resolver rules."""

import io
import time

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from branding.models import BrandDomain, BrandEndpoint
from portal.audit.services import Actor
from portal.console.sessions import LAST_SEEN
from portal.customers.services import create_customer
from portal.storage.models import Region
from portal.storage.services import sync_regions
from tests.console.conftest import PASSWORD
from tests.factories import BrandFactory
from tests.fixtures.services import launch_chromium_resolving, portal_on_a_free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 16), colour).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="asset.png")


def make_brand(name, host, primary):
    brand = BrandFactory(
        name=name,
        primary_colour=primary,
        support_email=f"help@{host}",
        copyright=f"{name} Ltd",
        logo=png(primary),
        favicon=png(primary),
    )
    BrandDomain.objects.create(brand=brand, domain=host)
    for region in Region.objects.all():
        BrandEndpoint.objects.create(
            brand=brand, region=region, endpoint=f"{region.key.lower()}.s3.{host}"
        )
    return brand


@pytest.fixture
def two_brands(e2, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sync_regions()
    northwind = make_brand("Northwind Storage", "brand-a.test", "#0a7f5a")
    bluebird = make_brand("Bluebird Cloud", "brand-b.test", "#7a1fa2")
    customer = create_customer(
        Actor.system("test"),
        brand=northwind,
        email="olive@client-a.example",
        first_name="Olive",
        last_name="Tester",
        password=PASSWORD,
        quota_gb=100,
        regions=["CH"],
    )
    e2.control(
        "POST", "activity", {"email": customer.email, "count": 5, "date": time.strftime("%Y-%m-%d")}
    )
    return northwind, bluebird, customer


@pytest.fixture
def portal_server(transactional_db, settings):
    """The portal served on a free port, started after the test settings are in place (the
    session-wide live server builds its middleware before them)."""
    with portal_on_a_free_port() as port:
        yield port


@pytest.fixture
def brand_browser(playwright_driver):
    browser = launch_chromium_resolving(playwright_driver, "brand-a.test", "brand-b.test")
    yield browser
    browser.close()


def brand_page(browser, host, port):
    context = browser.new_context(base_url=f"http://{host}:{port}", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def primary_colour(page):
    return page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--tblr-primary').trim()"
    )


def test_two_brands_on_two_domains_and_a_customers_day_in_the_console(
    portal_server, two_brands, brand_browser
):
    northwind, bluebird, customer = two_brands
    port = portal_server
    page_a = brand_page(brand_browser, "brand-a.test", port)
    page_b = brand_page(brand_browser, "brand-b.test", port)

    # The same portal shows two brands: title, colours, logo and favicon.
    for page, brand in ((page_a, northwind), (page_b, bluebird)):
        page.goto("/console/login/")
        assert page.title() == f"Log in · {brand.name}"
        assert primary_colour(page) == brand.primary_colour
        logo = page.locator("img.brand-logo")
        assert logo.get_attribute("src") == brand.logo_src
        assert logo.evaluate("img => img.complete && img.naturalWidth") == 40
        favicon = page.locator("link[rel=icon]").get_attribute("href")
        assert favicon == brand.favicon_src
        assert page.evaluate("href => fetch(href).then(r => r.status)", favicon) == 200
    assert "Northwind" not in page_b.content()

    # Brand B's domain refuses the login of brand A's customer.
    page_b.fill("input[name=username]", customer.email)
    page_b.fill("input[name=password]", PASSWORD)
    page_b.click("button[type=submit]")
    assert page_b.get_by_text("do not match an account here").is_visible()

    # On brand A's domain the customer logs in.
    page_a.fill("input[name=username]", customer.email)
    page_a.fill("input[name=password]", PASSWORD)
    page_a.click("button[type=submit]")
    page_a.wait_for_url("**/console/")
    assert page_a.get_by_role("heading", name="Welcome, Olive").is_visible()
    assert page_a.get_by_text("ch.s3.brand-a.test").first.is_visible()

    # Creates an access key: the secret once, with configs for the branded endpoint.
    page_a.goto("/console/keys/")
    page_a.fill("input[name=name]", "laptop-backup")
    page_a.click("#key-form-box button[type=submit]")
    secret = page_a.locator("#secret-key")
    secret.wait_for()
    assert len(secret.inner_text()) > 10
    assert "endpoint = https://ch.s3.brand-a.test" in page_a.locator(".key-created").inner_text()

    # Invites a team member.
    page_a.goto("/console/team/invite/")
    page_a.fill("input[name=email]", "tess@team.example")
    page_a.click("form.team-form button[type=submit]")
    page_a.wait_for_url("**/console/team/")
    assert page_a.get_by_role("cell", name="tess@team.example").is_visible()

    # Exports the activity log as a branded PDF.
    page_a.goto("/console/activity/")
    page_a.locator("#activity table").wait_for()
    assert "entries" in page_a.locator("#activity").inner_text()
    with page_a.expect_download() as download_info:
        page_a.click("#export-pdf")
    download = download_info.value
    assert download.suggested_filename.startswith("northwind-storage-activity-")
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # Left idle past the timeout, the next request goes to the login page.
    cookie = next(c for c in page_a.context.cookies() if c["name"] == "sessionid")
    from importlib import import_module

    from django.conf import settings as django_settings

    store = import_module(django_settings.SESSION_ENGINE).SessionStore
    session = store(session_key=cookie["value"])
    session[LAST_SEEN] = time.time() - 3 * 3600
    session.save()
    page_a.goto("/console/regions/")
    page_a.wait_for_url("**/console/login/?ended=idle")
    assert page_a.get_by_text("inactive for a while").is_visible()
