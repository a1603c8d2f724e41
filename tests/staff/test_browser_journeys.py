"""The reseller's main journeys in a real Chromium, against a live sandbox."""

import re

import pytest

from portal.customers.models import Customer
from portal.e2.client import get_client
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged_in(page, live_server, e2, brand, admin):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_a_reseller_runs_a_customer_from_creation_to_removal(logged_in, live_server, e2):
    page = logged_in
    page.get_by_role("link", name="Customers", exact=True).click()
    page.get_by_role("link", name="Add customer").click()
    page.get_by_label("Email", exact=True).fill("journey@client.example")
    page.get_by_label("First name").fill("Jo")
    page.get_by_label("Quota (GB)").fill("25")
    page.get_by_label("Generate a password").check()
    page.get_by_role("button", name="Create the account").click()
    page.wait_for_url(re.compile(r"/customers/\d+/$"))
    assert page.get_by_text("shown this once").is_visible()
    page.reload()
    assert page.get_by_text("shown this once").count() == 0

    # Enable a region.
    page.get_by_role("link", name="Regions").click()
    page.get_by_label("Region").select_option("LDN")
    page.get_by_role("button", name="Enable").click()
    page.get_by_text("London is enabled").wait_for()

    # CORS.
    page.get_by_label("Allowed origins").fill("https://app.example.com")
    page.get_by_role("button", name="Save CORS").click()
    page.get_by_text("CORS of London saved").wait_for()
    customer = Customer.objects.get()
    assert get_client().list_user_regions(customer.email)[0].cors == "https://app.example.com"

    # An access key: the secret is shown once, reloading does not show it again.
    page.get_by_role("link", name="Access keys").click()
    page.get_by_label("Name", exact=True).fill("laptop")
    page.get_by_role("button", name="Create key").click()
    secret = page.locator("[id^=secret-key-]").inner_text()
    assert len(secret) >= 20
    page.reload()
    page.get_by_text("laptop").first.wait_for()
    assert secret not in page.content()

    # Invite a team member.
    page.get_by_role("link", name="Team members").click()
    page.locator("form[action$='/tab/team/invite/'] input[name=email]").fill("mate@client.example")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("An invitation was sent to mate@client.example").wait_for()

    # Disable, then delete with the typed confirmation in the modal.
    page.get_by_role("link", name="Disable").first.click()
    page.locator("#modal").get_by_role("button", name="Disable").click()
    page.get_by_text("was disabled").wait_for()
    page.get_by_role("link", name="Delete…").click()
    page.locator("#modal").get_by_label("Type the email address to confirm").fill(customer.email)
    page.locator("#modal").get_by_role("button", name="Delete forever").click()
    page.wait_for_url(f"{live_server.url}/customers/")
    assert not Customer.objects.exists()
    assert get_client().list_users().users == ()


def test_an_injected_500_shows_a_readable_error_and_changes_nothing(logged_in, live_server, e2):
    page = logged_in
    get_client().create_user("steady@client.example", "a long password 123", "Steady", quota_gb=1)
    from portal.customers.services import sync_customer_mirror

    sync_customer_mirror()
    customer = Customer.objects.get()
    page.goto(f"{live_server.url}/customers/{customer.pk}/")
    e2.fault("/api/reseller/v1/disable_user", times=5, status=500)
    page.get_by_role("link", name="Disable").first.click()
    page.locator("#modal").get_by_role("button", name="Disable").click()
    page.locator("#modal").get_by_text("temporary problem").wait_for()
    assert "request_processing_failed" not in page.content()
    customer.refresh_from_db()
    assert customer.is_active
    assert next(u for u in get_client().list_users()).is_active
