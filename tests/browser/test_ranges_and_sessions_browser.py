"""In a real Chromium: a wrong date range sent with "Export CSV" keeps the page and says what is
wrong under the fields, in both consoles; a customer logs in with a backup code and is told how
many are left; the idle warning counts down, "Stay signed in" keeps the session past the first
deadline, and waiting past the next one signs the customer out."""

import datetime
import re
import time
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.two_factor import new_backup_codes
from portal.audit.services import Actor
from portal.console.models import SessionPolicy
from portal.console.sessions import LAST_SEEN
from portal.storage.services import sync_regions
from tests.console.conftest import HOST_A, PASSWORD, make_brand, make_customer
from tests.factories import DEFAULT_PASSWORD
from tests.fixtures.services import launch_chromium_resolving, portal_on_a_free_port
from tests.fixtures.staff import admin  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/__axe__/axe.min.js"
# The toasts fade after a few seconds and are styled by the portal's shared stylesheet; the
# pages and dialogs these tests open are what is checked here.
AXE_JS = """
async () => {
  const result = await axe.run({exclude: [['#toasts']]}, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}
"""


def axe_problems(page) -> list[str]:
    page.wait_for_load_state("networkidle")
    page.add_script_tag(url=AXE_URL)
    return page.evaluate(AXE_JS)


def days_ago(days: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def customer(e2):
    cache.clear()
    sync_regions()
    brand = make_brand("Northwind Storage", HOST_A, "#0a7f5a", "help@brand-a.test", is_default=True)
    yield make_customer(brand, "olive@client-a.example")
    cache.clear()


@pytest.fixture
def portal_server(transactional_db, settings):
    """The portal served on a free port, started after the test settings are in place."""
    with portal_on_a_free_port() as port:
        yield port


@pytest.fixture
def chromium_with_brand_host(playwright_driver):
    browser = launch_chromium_resolving(playwright_driver, HOST_A)
    yield browser
    browser.close()


def new_page(browser, base_url, width=1280):
    context = browser.new_context(
        base_url=base_url, accept_downloads=True, viewport={"width": width, "height": 900}
    )
    context.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def customer_page(browser, port, width=1280):
    return new_page(browser, f"http://{HOST_A}:{port}", width)


def log_in_customer(page, customer):
    page.goto("/console/login/")
    page.fill("input[name=username]", customer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def field_error(page, field: str) -> str:
    return page.locator(f"#id_{field}_errors").inner_text()


def test_a_wrong_range_then_export_keeps_the_page_with_the_error_in_both_consoles(
    portal_server,
    chromium_with_brand_host,
    customer,
    admin,  # noqa: F811
):
    port = portal_server
    staff = new_page(chromium_with_brand_host, f"http://localhost:{port}", width=390)
    staff.goto("/login/")
    staff.get_by_label("Email").fill(admin.email)
    staff.get_by_label("Password").fill(DEFAULT_PASSWORD)
    staff.get_by_role("button", name="Log in").click()
    staff.wait_for_url(f"http://localhost:{port}/")

    # Usage: a start older than what is kept, then Export CSV.
    staff.goto(f"/customers/{customer.pk}/tab/usage/")
    fields = staff.locator("#usage-range input[type=date]")
    assert [fields.nth(i).get_attribute("name") for i in range(2)] == ["start", "end"]
    staff.fill("#usage-range input[name=start]", days_ago(200))
    staff.get_by_role("button", name="Export CSV").click()
    staff.wait_for_url(re.compile(r"/tab/usage/export\.csv\?"))
    assert "Usage is kept for the last 90 days" in field_error(staff, "start")
    assert staff.get_by_role("heading", name=customer.name).is_visible()
    assert staff.locator("#usage-range input[name=start]").input_value() == days_ago(200)
    assert staff.locator("#id_start").get_attribute("aria-invalid") == "true"
    assert no_horizontal_overflow(staff)
    assert axe_problems(staff) == []

    # Activity: the end before the start, then Export CSV; then a range older than kept.
    staff.goto(f"/customers/{customer.pk}/tab/activity/")
    staff.fill("#activity-range input[name=start]", days_ago(2))
    staff.fill("#activity-range input[name=end]", days_ago(5))
    staff.get_by_role("button", name="Export CSV").click()
    staff.wait_for_url(re.compile(r"/tab/activity/export\.csv\?"))
    assert "The end date is before the start date." in field_error(staff, "end")
    assert staff.get_by_role("button", name="View report").is_visible()
    staff.fill("#activity-range input[name=start]", days_ago(120))
    staff.fill("#activity-range input[name=end]", days_ago(0))
    staff.get_by_role("button", name="Export PDF").click()
    staff.wait_for_url(re.compile(r"/tab/activity/export\.pdf\?"))
    assert "Activity is kept for the last 90 days" in field_error(staff, "start")
    # A right range downloads and stays on the page.
    staff.fill("#activity-range input[name=start]", days_ago(3))
    with staff.expect_download() as download:
        staff.get_by_role("button", name="Export CSV").click()
    assert download.value.suggested_filename.endswith(".csv")

    # The customer console's activity page.
    page = customer_page(chromium_with_brand_host, port, width=390)
    log_in_customer(page, customer)
    page.wait_for_url("**/console/")
    page.goto("/console/activity/")
    page.fill("#activity-range input[name=start]", days_ago(150))
    page.get_by_role("button", name="Export CSV").click()
    page.wait_for_url(re.compile(r"/console/activity/export\.csv\?"))
    assert "Activity is kept for the last 90 days" in field_error(page, "start")
    assert page.get_by_role("heading", name="Activity", exact=True).is_visible()
    assert no_horizontal_overflow(page)
    assert axe_problems(page) == []
    assert "idrive" not in page.content().lower()


def test_a_customer_logs_in_with_a_backup_code_and_sees_how_many_are_left(
    portal_server, chromium_with_brand_host, customer
):
    TOTPDevice.objects.create(user=customer.user, name="Authenticator app", confirmed=True)
    codes = new_backup_codes(Actor.system("test"), customer.user, customer=customer)
    page = customer_page(chromium_with_brand_host, portal_server)
    log_in_customer(page, customer)
    page.wait_for_url("**/console/login/code/")
    assert page.get_by_text("one of your backup codes").is_visible()
    page.get_by_label("Code from your authenticator app, or a backup code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/console/")
    assert page.get_by_text("You used a backup code: you have 9 codes left.").is_visible()
    page.goto("/console/account/")
    assert page.locator("#backup-codes-left").inner_text().strip() == "9 backup codes left."
    # The sessions list names this browser as people know it, with its icon, and marks it.
    row = page.locator("tr", has_text="This browser")
    assert row.locator(".device-name").inner_text() == "Chrome on Linux"
    assert row.get_by_role("img", name="Computer").count() == 1

    # New codes, shown once, to download as a text file named after the brand.
    page.fill("#backup-codes-password", PASSWORD)
    page.get_by_role("button", name="New backup codes").click()
    page.locator("#backup-codes").wait_for()
    shown = page.locator("#backup-codes").inner_text().split()
    assert len(shown) == 10 and codes[1] not in shown
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a text file").click()
    assert download.value.suggested_filename.startswith("northwind-storage-backup-codes-")
    assert download.value.suggested_filename.endswith(".txt")
    saved = Path(download.value.path()).read_text()
    assert all(code in saved for code in shown) and "idrive" not in saved.lower()
    assert no_horizontal_overflow(page)
    assert axe_problems(page) == []


def test_the_idle_warning_counts_down_and_stay_signed_in_keeps_the_session(
    portal_server, chromium_with_brand_host, customer
):
    timeout = 8  # the warning shows after half of it, as it is shorter than two minutes
    SessionPolicy.objects.update_or_create(pk=1, defaults={"idle_timeout": timeout})
    page = customer_page(chromium_with_brand_host, portal_server, width=390)
    log_in_customer(page, customer)
    page.wait_for_url("**/console/")
    page.goto("/console/account/")
    dialog = page.locator("#idle-logout")
    dialog.wait_for(state="visible", timeout=timeout * 1000)
    text = dialog.locator("#idle-logout-text")
    first = int(re.search(r"signed out in (\d+) s", text.inner_text())[1])
    assert 1 <= first <= timeout // 2
    page.wait_for_timeout(1200)
    assert int(re.search(r"signed out in (\d+) s", text.inner_text())[1]) < first
    assert no_horizontal_overflow(page)
    assert axe_problems(page) == []

    original_deadline = time.time() + first
    dialog.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden")
    page.get_by_text("You are still signed in.").wait_for()
    # Past the first deadline the customer is still in, and the portal agrees.
    page.wait_for_timeout(int((original_deadline - time.time() + 2) * 1000))
    assert page.url.endswith("/console/account/")
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    store = import_module(django_settings.SESSION_ENGINE).SessionStore
    assert store(session_key=cookie["value"]).get(LAST_SEEN, 0) > original_deadline - timeout

    # Left alone, the warning comes back and the session ends at the next deadline.
    dialog.wait_for(state="visible", timeout=timeout * 1000)
    page.wait_for_url("**/console/login/?ended=idle", timeout=(timeout + 5) * 1000)
    assert page.get_by_text("inactive for a while").is_visible()
    page.goto("/console/account/")
    page.wait_for_url(re.compile(r"/console/login/"))


def test_sign_out_in_the_idle_warning_logs_out(portal_server, chromium_with_brand_host, customer):
    SessionPolicy.objects.update_or_create(pk=1, defaults={"idle_timeout": 6})
    page = customer_page(chromium_with_brand_host, portal_server)
    log_in_customer(page, customer)
    page.wait_for_url("**/console/")
    dialog = page.locator("#idle-logout")
    dialog.wait_for(state="visible", timeout=6000)
    dialog.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/console/login/")
    page.goto("/console/")
    page.wait_for_url(re.compile(r"/console/login/"))
