"""The reseller's customer list in a real Chromium: sorting by a click on a heading, a bulk
action on selected rows with its confirmation and outcome, and long names that do not push
the other columns away, at a phone and a laptop width."""

import datetime
import re

import pytest
from django.utils import timezone

from portal.audit.models import AuditRecord
from portal.audit.services import Actor
from portal.customers.models import Customer
from portal.customers.services import create_customer
from portal.e2.client import get_client
from tests.browser.test_every_page import AXE, BLOCKING_IMPACTS, OVERFLOW_JS
from tests.factories import DEFAULT_PASSWORD, BrandFactory
from tests.fixtures.staff import admin  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_URL = "/__axe__/axe.min.js"
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.effectiveDirective}: ${event.blockedURI || 'inline'}`);
});
"""


@pytest.fixture
def brand(db):
    return BrandFactory(name="Northwind Storage", is_default=True)


@pytest.fixture
def logged_in(page, live_server, e2, brand, admin):  # noqa: F811
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def rows(page) -> list[str]:
    return page.locator("[data-cell=customer] a").all_inner_texts()


def test_a_click_on_a_heading_sorts_and_a_second_click_turns_the_order(
    logged_in, live_server, brand
):
    page = logged_in
    created = timezone.make_aware(datetime.datetime(2026, 3, 1))
    Customer.objects.bulk_create(
        Customer(
            brand=brand,
            email=f"{name}@client.example",
            first_name=name.title(),
            storage_used_bytes=used * 10**9,
            quota_gb=100,
            e2_created_at=created + datetime.timedelta(days=day),
        )
        for name, used, day in (("ann", 5, 0), ("bob", 50, 2), ("cy", 1, 1))
    )
    page.goto(f"{live_server.url}/customers/")
    assert rows(page) == ["bob@client.example", "cy@client.example", "ann@client.example"]

    heading = page.locator("th", has=page.get_by_role("link", name="Storage used"))
    assert heading.get_attribute("aria-sort") is None
    page.get_by_role("link", name="Storage used").click()
    page.wait_for_url(re.compile(r"sort=usage&order=desc"))
    page.wait_for_function("document.querySelector('th[aria-sort]') !== null")
    assert heading.get_attribute("aria-sort") == "descending"
    assert heading.locator("use").get_attribute("href").endswith("#tabler-sort-descending")
    assert rows(page) == ["bob@client.example", "ann@client.example", "cy@client.example"]

    page.get_by_role("link", name="Storage used").click()
    page.wait_for_url(re.compile(r"sort=usage&order=asc"))
    page.wait_for_function("document.querySelector('th[aria-sort=ascending]') !== null")
    assert rows(page) == ["cy@client.example", "ann@client.example", "bob@client.example"]
    # Focus stays on the heading that was clicked; the search keeps the new sort.
    assert page.evaluate("document.activeElement.dataset.sort") == "usage"
    page.get_by_label("Search").fill("client")
    page.wait_for_url(re.compile(r"q=client"))
    assert "sort=usage" in page.url and "order=asc" in page.url
    assert rows(page) == ["cy@client.example", "ann@client.example", "bob@client.example"]


def test_selected_rows_are_disabled_after_a_confirmation_that_counts_them(
    logged_in, live_server, brand
):
    page = logged_in
    for name in ("ana", "ben", "cal"):
        create_customer(
            Actor.system("test"),
            brand=brand,
            email=f"{name}@client.example",
            first_name=name.title(),
            last_name="Tester",
            password="a long enough password 42",
            quota_gb=10,
            regions=[],
        )
    page.goto(f"{live_server.url}/customers/?sort=email&order=asc")
    bar = page.locator("[data-bulk-bar]")
    assert bar.is_hidden()

    page.get_by_label("Select ana@client.example").check()
    page.get_by_label("Select cal@client.example").check()
    assert bar.is_visible()
    assert bar.get_by_text("2 customers selected").is_visible()
    select_all = page.get_by_label("Select every customer on this page")
    assert page.evaluate("el => el.indeterminate", select_all.element_handle())

    bar.get_by_role("button", name="Disable").click()
    dialog = page.locator("#modal")
    dialog.get_by_text("Disable 2 customers?").wait_for()
    assert dialog.get_by_text("ana@client.example").is_visible()
    dialog.get_by_role("button", name="Disable 2 customers").click()

    page.get_by_text("2 customers disabled.").wait_for()
    assert "sort=email" in page.url
    remote = {user.email: user.is_active for user in get_client().list_users()}
    assert remote == {
        "ana@client.example": False,
        "ben@client.example": True,
        "cal@client.example": False,
    }
    assert AuditRecord.objects.filter(action="customer.disable").count() == 2
    statuses = page.locator("tbody tr").all_inner_texts()
    assert "disabled" in statuses[0] and "active" in statuses[1] and "disabled" in statuses[2]
    assert page.locator("[data-bulk-bar]").is_hidden()


def test_select_all_selects_the_rows_of_this_page_and_cancel_changes_nothing(
    logged_in, live_server, brand
):
    page = logged_in
    Customer.objects.bulk_create(
        Customer(brand=brand, email=f"c{n:03}@client.example", first_name="C") for n in range(30)
    )
    page.goto(f"{live_server.url}/customers/?per_page=25")
    page.get_by_label("Select every customer on this page").check()
    assert page.locator("[data-select-row]:checked").count() == 25
    page.locator("[data-bulk-bar]").get_by_text("25 customers selected").wait_for()
    page.locator("[data-bulk-bar]").get_by_role("button", name="Enable").click()
    page.locator("#modal").get_by_text("Enable 25 customers?").wait_for()
    page.locator("#modal").get_by_role("link", name="Cancel").click()
    assert page.locator("#modal").is_hidden()
    assert not AuditRecord.objects.exists()


# As long as a name can be (the mirror keeps 64 characters), with no space to break at.
LONG_NAME = "Bartholomew" * 5 + "Alexander"
assert len(LONG_NAME) == Customer._meta.get_field("first_name").max_length


@pytest.mark.parametrize("width", [1366, 390])
def test_a_very_long_name_is_cut_and_does_not_push_the_other_columns_away(
    logged_in, live_server, brand, width
):
    page = logged_in
    long_email = "a" * 150 + "@client.example"
    Customer.objects.bulk_create(
        [
            Customer(
                brand=brand,
                email=long_email,
                first_name=LONG_NAME,
                storage_used_bytes=3 * 10**12,
                quota_gb=5000,
            ),
            Customer(brand=brand, email="short@client.example", first_name="Sy", quota_gb=10),
        ]
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_init_script(CSP_LISTENER)
    page.context.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )
    page.goto(f"{live_server.url}/customers/?sort=email&order=asc")
    page.wait_for_load_state("networkidle")

    name = page.get_by_text(LONG_NAME, exact=True)
    email = page.get_by_role("link", name=long_email)
    for cut in (name, email):
        assert cut.get_attribute("title") in (LONG_NAME, long_email)
        assert cut.evaluate("el => getComputedStyle(el).textOverflow") == "ellipsis"
        assert cut.evaluate("el => el.scrollWidth > el.clientWidth")  # it is cut

        assert cut.bounding_box()["width"] <= min(24 * 16, 0.55 * width) + 1
    # The other cells keep their content on one line, at their natural width.
    for cell in page.locator("tbody tr").first.locator("td.text-nowrap").all():
        assert cell.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    quota = page.locator("tbody tr").first.locator("td", has_text="5 TB")
    assert quota.bounding_box()["height"] < 80
    if width >= 1366:
        # Every column is in view without scrolling the table sideways.
        scroller = page.locator(".table-responsive").last
        assert scroller.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        created = page.locator("thead th", has_text="Created")
        box = created.bounding_box()
        assert box["x"] + box["width"] <= width
    else:
        assert page.evaluate(OVERFLOW_JS) is None  # the page itself never scrolls sideways

    assert page.evaluate("() => window.__cspViolations") == []
    # axe-core as a same-origin script, which the page's Content-Security-Policy allows.
    page.add_script_tag(url=AXE_URL)
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => [v.id, v.impact])"
    )
    assert [v for v in violations if v[1] in BLOCKING_IMPACTS] == []


def test_pages_and_the_jump_keep_the_sort_and_the_page_size(logged_in, live_server, brand):
    page = logged_in
    Customer.objects.bulk_create(
        Customer(brand=brand, email=f"c{n:03}@client.example", first_name="C") for n in range(60)
    )
    page.goto(f"{live_server.url}/customers/?sort=email&order=desc")
    page.get_by_label("Per page").select_option("25")
    page.wait_for_url(re.compile(r"per_page=25"))
    assert rows(page)[0] == "c059@client.example" and len(rows(page)) == 25

    page.get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    page.get_by_label("Page 2, the current page").wait_for()
    assert "sort=email" in page.url and "order=desc" in page.url and "per_page=25" in page.url
    assert rows(page)[0] == "c034@client.example"

    page.get_by_label("Go to page").fill("3")
    page.get_by_role("button", name="Go", exact=True).click()
    page.wait_for_url(re.compile(r"page=3"))
    page.get_by_label("Page 3, the current page").wait_for()
    assert rows(page) == [f"c{n:03}@client.example" for n in range(9, -1, -1)]


@pytest.mark.parametrize("width", [1366, 390])
def test_the_confirmation_page_without_javascript_fits_and_passes_axe(
    logged_in, live_server, brand, width
):
    page = logged_in
    Customer.objects.bulk_create(
        Customer(brand=brand, email=f"{'b' * 120}{n}@client.example", first_name="B")
        for n in range(7)
    )
    ids = "&".join(f"id={pk}" for pk in Customer.objects.values_list("pk", flat=True))
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_init_script(CSP_LISTENER)
    page.context.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )
    page.goto(f"{live_server.url}/customers/bulk/reset_link/?{ids}")
    page.get_by_role("heading", name="Send a password reset link to 7 customers?").wait_for()
    page.get_by_text("and 2 more").wait_for()
    assert page.evaluate(OVERFLOW_JS) is None
    assert page.evaluate("() => window.__cspViolations") == []
    page.add_script_tag(url=AXE_URL)
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations.map(v => [v.id, v.impact])"
    )
    assert [v for v in violations if v[1] in BLOCKING_IMPACTS] == []
