"""Support tools of reseller staff in a real Chromium: copying a reset link from its dialog,
viewing a customer's branded console read-only, and a forgotten staff password. The portal's
host is ``localhost``; the brand domain resolves to the same live server."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from portal.accounts.models import User
from portal.audit.models import AuditRecord
from portal.storage.services import sync_regions
from tests.console.conftest import HOST_A, make_brand, make_customer
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.fixtures.services import launch_chromium_resolving, portal_on_a_free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a fresh long staff passphrase 9"


@pytest.fixture
def portal_port(transactional_db, settings):
    """The portal on a free port, started after the test settings are in place; its links
    (console_url, portal_url) name that port."""
    with portal_on_a_free_port() as port:
        settings.PORTAL_HOST = "localhost"
        settings.CONSOLE_SCHEME = "http"
        settings.CONSOLE_PORT = str(port)
        yield port


@pytest.fixture
def chromium_with_brand(playwright_driver):
    browser = launch_chromium_resolving(playwright_driver, HOST_A, "localhost")
    yield browser
    browser.close()


@pytest.fixture
def customer(e2, portal_port):
    sync_regions()
    brand = make_brand("Northwind Storage", HOST_A, "#0a7f5a", "help@brand-a.test", is_default=True)
    return make_customer(brand, "jane@client.example", first_name="Jane")


def staff_page(browser, port, member):
    context = browser.new_context(base_url=f"http://localhost:{port}")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"http://localhost:{port}/")
    return page


def test_staff_copy_a_reset_link_from_its_dialog(chromium_with_brand, portal_port, customer):
    admin = UserFactory(email="admin@reseller.example", role=User.Role.ADMIN)
    page = staff_page(chromium_with_brand, portal_port, admin)
    page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=f"http://localhost:{portal_port}"
    )
    page.goto(f"/customers/{customer.pk}/")

    page.get_by_role("link", name="Copy reset link").click()
    dialog = page.locator("#modal")
    dialog.get_by_role("button", name="Create the link").click()
    link = dialog.locator("#reset-link-url")
    link.wait_for()
    url = link.inner_text()
    assert urlparse(url).hostname == HOST_A
    assert re.search(r"/console/reset/[^/]+/[^/]+/$", url)

    dialog.get_by_role("button", name="Copy").click()
    page.get_by_text("Copied to the clipboard.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert page.get_by_text(f"A reset link for {customer.email} was created.").is_visible()
    record = AuditRecord.objects.get(action="customer.password_reset_link_created")
    assert record.actor == admin

    # Shown once: closing the dialog and reloading shows it nowhere.
    dialog.get_by_role("link", name="Done").click()
    page.reload()
    assert url not in page.content()


def test_staff_view_as_the_customer_read_only_and_end_the_view(
    chromium_with_brand, portal_port, customer
):
    member = UserFactory(email="support@reseller.example", role=User.Role.SUPPORT)
    page = staff_page(chromium_with_brand, portal_port, member)
    page.goto(f"/customers/{customer.pk}/")
    keys = customer.storages.get().access_keys.count()

    page.get_by_role("button", name="View as customer").click()
    page.wait_for_url(f"http://{HOST_A}:{portal_port}/console/")
    banner = page.locator("#support-view-banner")
    assert "Viewing as jane@client.example — read only" in banner.inner_text()
    assert page.get_by_role("heading", name="Welcome, Jane").is_visible()

    # Creating a key is refused with the sentence, and nothing is created.
    page.goto(f"http://{HOST_A}:{portal_port}/console/keys/")
    page.fill("input[name=name]", "sneaky-key")
    page.click("#key-form-box button[type=submit]")
    page.get_by_text("read-only view of this console").wait_for()
    assert customer.storages.get().access_keys.count() == keys
    assert page.locator("#secret-key").count() == 0

    # End view: back on the staff customer page, the view ended and audited.
    page.get_by_role("button", name="End view").click()
    page.wait_for_url(re.compile(rf"http://localhost:{portal_port}/customers/{customer.pk}/"))
    assert page.get_by_text(f"Your read-only view as {customer.email} ended.").is_visible()
    actions = list(
        AuditRecord.objects.filter(action__startswith="customer.support_view.")
        .order_by("id")
        .values_list("action", "actor__email")
    )
    assert actions == [
        ("customer.support_view.start", member.email),
        ("customer.support_view.end", member.email),
    ]
    page.goto(f"http://{HOST_A}:{portal_port}/console/")
    page.wait_for_url(re.compile(r"/console/login/"))


def test_a_staff_member_who_forgot_the_password_chooses_a_new_one(
    chromium_with_brand, portal_port, e2
):
    member = UserFactory(email="forgetful@reseller.example", role=User.Role.ADMIN)
    context = chromium_with_brand.new_context(base_url=f"http://localhost:{portal_port}")
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto("/login/")
    page.get_by_role("link", name="Forgot password?").click()
    page.get_by_label("Email").fill(member.email)
    page.get_by_role("button", name="Send the link").click()
    page.get_by_text("a link to choose a new password is on its way").wait_for()

    (message,) = mail.outbox
    url = re.search(r"https?://\S+/login/set-password/\S+/", message.body).group(0)
    assert urlparse(url).hostname == "localhost"
    page.goto(url)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the password").click()
    page.wait_for_url(re.compile(r"/login/$"))
    assert page.get_by_text("Your password was saved").is_visible()

    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"http://localhost:{portal_port}/")
    context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_the_support_pages_fit_a_phone_and_pass_axe(
    chromium_with_brand, portal_port, customer, width, tmp_path
):
    from tests.browser.test_every_page import check_page, new_context

    admin = UserFactory(email="admin@reseller.example", role=User.Role.ADMIN)
    viewport = {"viewport": {"width": width, "height": 900}}
    portal = f"http://localhost:{portal_port}"
    console = f"http://{HOST_A}:{portal_port}"
    problems = {}

    anonymous = new_context(chromium_with_brand, **viewport).new_page()
    for name, url in (
        ("forgot-password", f"{portal}/login/forgot-password/"),
        ("view-link-not-usable", f"{console}/console/support/start/not-a-token/"),
    ):
        anonymous.goto(url)
        problems[name] = check_page(anonymous, width, tmp_path / f"{name}.png")

    staff = new_context(chromium_with_brand, base_url=portal, **viewport).new_page()
    staff.goto("/login/")
    staff.get_by_label("Email").fill(admin.email)
    staff.get_by_label("Password").fill(DEFAULT_PASSWORD)
    staff.get_by_role("button", name="Log in").click()
    staff.wait_for_url(f"{portal}/")
    staff.goto(f"/customers/{customer.pk}/support/reset-link/")
    problems["reset-link-page"] = check_page(staff, width, tmp_path / "reset-page.png")
    staff.goto(f"/customers/{customer.pk}/")
    problems["customer-page"] = check_page(staff, width, tmp_path / "customer.png")
    staff.locator("a[href$='/support/reset-link/']").click()
    staff.locator("#modal").get_by_role("button", name="Create the link").click()
    staff.locator("#reset-link-url").wait_for()
    problems["reset-link-dialog"] = check_page(staff, width, tmp_path / "reset-dialog.png")
    staff.locator("#modal").get_by_role("link", name="Done").click()

    staff.get_by_role("button", name="View as customer").click()
    staff.wait_for_url(f"{console}/console/")
    problems["console-with-banner"] = check_page(staff, width, tmp_path / "banner.png")
    staff.goto(f"{console}/console/keys/")
    staff.evaluate("document.querySelector('#key-form-box form').removeAttribute('hx-post')")
    staff.evaluate("htmx.process(document.body)")
    staff.fill("input[name=name]", "plain-post")
    staff.evaluate("document.querySelector('#key-form-box form').submit()")
    staff.get_by_text("Nothing was changed").wait_for()
    problems["read-only-refusal"] = check_page(staff, width, tmp_path / "refused.png")

    assert {name: found for name, found in problems.items() if found} == {}
