"""In a real Chromium: what an htmx action shows when the server refuses it, after a key is
created, and after a region's access is changed. Staff use the portal's own host, the
customer the brand's domain (mapped to the live server by Chromium's resolver rules)."""

import re

import pytest

from portal.accounts.models import User
from portal.storage.models import Region
from portal.storage.services import sync_regions
from tests.console.conftest import HOST_A, PASSWORD, make_brand, make_customer
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.fixtures.services import launch_chromium_resolving, portal_on_a_free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GENERIC = "The request failed"


@pytest.fixture
def server(transactional_db, settings, e2):
    """The portal on a free port, started after the test settings are in place."""
    with portal_on_a_free_port() as port:
        yield port


@pytest.fixture
def browser(playwright_driver):
    chromium = launch_chromium_resolving(playwright_driver, HOST_A)
    yield chromium
    chromium.close()


@pytest.fixture
def customer(e2):
    sync_regions()
    brand = make_brand("Northwind Storage", HOST_A, "#0a7f5a", "help@brand-a.test", is_default=True)
    return make_customer(brand, "olive@client-a.example")


def new_page(browser, base_url):
    page = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}).new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def console(browser, server, customer):
    """The customer, logged in to the console on the brand's domain."""
    page = new_page(browser, f"http://{HOST_A}:{server}")
    page.goto("/console/login/")
    page.fill("input[name=username]", customer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/console/")
    return page


def staff_page(browser, server, role=User.Role.ADMIN, email="admin@reseller.example"):
    user = UserFactory(email=email, role=role)
    page = new_page(browser, f"http://127.0.0.1:{server}")
    page.goto("/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"http://127.0.0.1:{server}/")
    return page, user


@pytest.fixture
def staff(browser, server, customer):
    page, user = staff_page(browser, server)
    page.goto(f"/customers/{customer.pk}/tab/keys/")
    return page, user


def toasts(page):
    return page.locator("#toasts .toast")


def assert_no_horizontal_overflow(page):
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"the page is {wide}px wider than the screen"


# --- 4xx answers -----------------------------------------------------------------------------


def test_a_bad_bucket_name_shows_next_to_the_field_in_the_customer_console(console):
    page = console
    page.goto("/console/keys/")
    page.get_by_label("Name").fill("laptop")
    page.get_by_label("Permission").select_option(label="Read")
    page.get_by_label("Buckets").fill("Bad_Bucket!!")
    page.click("#key-form-box button[type=submit]")

    feedback = page.locator("#key-form-box #id_buckets_errors")
    feedback.wait_for()
    assert "Not a valid bucket name" in feedback.inner_text()
    assert page.get_by_label("Buckets").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Name").input_value() == "laptop"
    assert page.get_by_label("Buckets").input_value() == "Bad_Bucket!!"
    assert page.get_by_label("Permission").evaluate("s => s.selectedOptions[0].text") == "Read"
    assert page.evaluate("document.activeElement.id") == "id_buckets"
    assert GENERIC not in toasts(page).all_inner_texts().__str__()
    assert_no_horizontal_overflow(page)


def test_a_bad_bucket_name_shows_next_to_the_field_on_the_staff_keys_tab(staff, customer):
    page, _ = staff
    storage = customer.storages.get()
    form = page.locator(f"#new-key-{storage.pk}")
    form.get_by_label("Name").fill("laptop")
    form.get_by_label("Buckets").fill("photos, Bad_Bucket!!")
    form.get_by_role("button", name="Create key").click()

    feedback = form.locator("#id_buckets_errors")
    feedback.wait_for()
    assert "Not a valid bucket name: Bad_Bucket!!" in feedback.inner_text()
    assert form.get_by_label("Name").input_value() == "laptop"
    assert form.get_by_label("Buckets").input_value() == "photos, Bad_Bucket!!"
    assert not storage.access_keys.exists()
    assert GENERIC not in str(toasts(page).all_inner_texts())
    assert_no_horizontal_overflow(page)


def test_a_refusal_without_a_fragment_shows_the_servers_sentence_in_a_toast(staff, customer):
    page, user = staff
    storage = customer.storages.get()
    # The role changes while the page is open: the next create is refused with a 403 page.
    User.objects.filter(pk=user.pk).update(role=User.Role.SUPPORT)
    form = page.locator(f"#new-key-{storage.pk}")
    form.get_by_label("Name").fill("laptop")
    form.get_by_role("button", name="Create key").click()

    toast = toasts(page).filter(has_text="You do not have permission to do that.")
    toast.wait_for()
    assert toasts(page).count() == 1, toasts(page).all_inner_texts()
    assert "Nothing was changed" in toast.inner_text()
    assert form.get_by_label("Name").input_value() == "laptop", "the form stays as it was"
    assert not storage.access_keys.exists()


def test_a_429_shows_its_sentence_in_a_toast(console):
    page = console
    page.goto("/console/keys/")
    # A rate limiter in front of the portal answers a whole page, or an empty body with the
    # sentence in its HX-Trigger event: either way its words are shown, not generic ones.
    limited = (
        "<!doctype html><html><body><main><p class='empty-subtitle'>"
        "Too many requests from your network. Wait a minute and try again.</p></main></body></html>"
    )
    page.route(
        "**/console/keys/new/",
        lambda route: route.fulfill(status=429, body=limited, content_type="text/html"),
    )
    page.get_by_label("Name").fill("laptop")
    page.click("#key-form-box button[type=submit]")
    toasts(page).filter(has_text="Too many requests from your network.").wait_for()

    page.unroute("**/console/keys/new/")
    page.route(
        "**/console/keys/new/",
        lambda route: route.fulfill(
            status=429,
            body="",
            headers={
                "HX-Trigger": '{"toast": {"message": "Slow down: try again in 30 seconds.",'
                ' "level": "error"}}'
            },
        ),
    )
    page.click("#key-form-box button[type=submit]")
    toasts(page).filter(has_text="Slow down: try again in 30 seconds.").wait_for()
    texts = toasts(page).all_inner_texts()
    assert len(texts) == 2, texts
    assert page.get_by_label("Name").input_value() == "laptop"


def test_a_server_error_says_nothing_was_changed(console):
    page = console
    page.goto("/console/keys/")
    page.route("**/console/keys/new/", lambda route: route.fulfill(status=500, body="oops"))
    page.get_by_label("Name").fill("laptop")
    page.click("#key-form-box button[type=submit]")
    toasts(page).filter(has_text="nothing was changed").wait_for()
    assert page.get_by_label("Name").input_value() == "laptop"


# --- the key list after a create ----------------------------------------------------------


def test_a_new_key_is_listed_at_once_in_the_customer_console(console, customer):
    page = console
    storage = customer.storages.get()
    page.goto("/console/keys/")
    listing = page.locator(f"#keys-{storage.pk}")
    listing.get_by_text("No access keys in this region yet").wait_for()
    page.get_by_label("Name").fill("laptop-backup")
    page.click("#key-form-box button[type=submit]")
    page.locator("#secret-key").wait_for()

    listing.get_by_role("cell", name="laptop-backup").wait_for()
    assert listing.get_by_text("No access keys").count() == 0
    key = storage.access_keys.get()
    assert key.key_id in listing.inner_text()
    assert page.locator("#secret-key").inner_text() not in listing.inner_text()
    assert_no_horizontal_overflow(page)


def test_a_new_key_is_listed_at_once_on_the_staff_keys_tab(staff, customer):
    page, _ = staff
    storage = customer.storages.get()
    listing = page.locator(f"#keys-{storage.pk}")
    listing.get_by_text("No access keys yet").wait_for()
    form = page.locator(f"#new-key-{storage.pk}")
    form.get_by_label("Name").fill("laptop-backup")
    form.get_by_role("button", name="Create key").click()
    page.locator("[id^=secret-key-]").wait_for()

    listing.get_by_role("cell", name="laptop-backup").wait_for()
    assert listing.get_by_text("No access keys yet").count() == 0
    assert storage.access_keys.get().key_id in listing.inner_text()
    assert listing.get_by_role("link", name=re.compile("Revoke")).count() == 1
    assert_no_horizontal_overflow(page)


# --- region access ------------------------------------------------------------------------


def test_restricting_a_region_says_what_changed_and_shows_the_new_state(browser, server, e2):
    sync_regions()
    london = Region.objects.get(key="LDN")
    assert london.customers_may_enable
    page, _ = staff_page(browser, server, User.Role.OWNER, "owner@reseller.example")
    page.goto("/settings/regions/")
    row = page.locator(f"#region-{london.pk}")

    row.get_by_role("button", name="Restrict London").click()
    toast = toasts(page).filter(has_text="London is now for staff only")
    toast.wait_for()
    assert "customers can no longer enable it themselves" in toast.inner_text()
    row.get_by_text("Staff only").wait_for()
    assert row.get_by_role("button", name="Allow London").is_visible()
    london.refresh_from_db()
    assert not london.customers_may_enable

    row.get_by_role("button", name="Allow London").click()
    toasts(page).filter(has_text="London is now offered to customers").wait_for()
    row.get_by_text("Allowed").wait_for()
    assert row.get_by_role("button", name="Restrict London").is_visible()
    london.refresh_from_db()
    assert london.customers_may_enable
    assert_no_horizontal_overflow(page)
