"""In a real Chromium: team members listed once, checkboxes beside their labels, the
session-policy form card and confirmed staff deactivation."""

import pytest

from portal.accounts import staff
from portal.accounts.models import User
from portal.audit.services import Actor
from portal.e2.types import SubuserSettings
from portal.storage.services import sync_regions
from portal.subusers import invitations
from tests.browser.test_every_page import check_page, log_in, new_context
from tests.console.conftest import HOST_A, PASSWORD, make_brand, make_customer
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.fixtures.services import launch_chromium_resolving

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTOR = Actor.system("test")


@pytest.fixture
def host_chromium(playwright_driver):
    browser = launch_chromium_resolving(playwright_driver, HOST_A)
    yield browser
    browser.close()


@pytest.fixture
def world(e2, live_server):
    sync_regions()
    brand = make_brand("Northwind Storage", HOST_A, "#0a7f5a", "help@brand-a.test", is_default=True)
    return make_customer(brand, "olive@client-a.example")


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@reseller.example", role=User.Role.OWNER)


def staff_page(browser, live_server, user, width=1280):
    viewport = {"width": width, "height": 900}
    context = new_context(browser, viewport=viewport, base_url=live_server.url)
    return log_in(context, "/login/", user.email, DEFAULT_PASSWORD, "/")


def console_page(browser, live_server, customer, width=1280):
    port = live_server.url.rsplit(":", 1)[1]
    context = new_context(
        browser, viewport={"width": width, "height": 900}, base_url=f"http://{HOST_A}:{port}"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/console/login/")
    page.fill("input[name=username]", customer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: url.endswith("/console/"))
    return page


def accept_url_for(token):
    return f"http://{HOST_A}/console/team/join/{token}/"


def invite_member(customer, email):
    invitations.invite_subuser(
        ACTOR, customer, SubuserSettings(subuser_email=email), accept_url_for=accept_url_for
    )


def box(locator):
    locator.wait_for()
    return locator.bounding_box()


def on_one_line(check, label):
    """The box sits left of its label text, and their vertical middles are level (measured
    once the page has settled: fragments loading above the form move it)."""
    check.page.wait_for_load_state("networkidle")
    check.scroll_into_view_if_needed()
    check.page.wait_for_function("() => !document.querySelector('.htmx-request')")
    check_box, label_box = box(check), box(label)
    check_middle = check_box["y"] + check_box["height"] / 2
    return (
        check_box["x"] + check_box["width"] <= label_box["x"]
        and label_box["y"] <= check_middle <= label_box["y"] + label_box["height"]
    )


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_invited_member_appears_once_in_both_consoles(world, host_chromium, live_server, owner):
    customer = world
    invite_member(customer, "tess@team.example")

    staff = staff_page(host_chromium, live_server, owner)
    staff.goto(f"{live_server.url}/customers/{customer.pk}/tab/team/")
    staff.locator("#members table").wait_for()
    rows = staff.locator("tr", has_text="tess@team.example")
    assert rows.count() == 1
    assert rows.first.locator(".badge", has_text="invited").count() == 1

    console = console_page(host_chromium, live_server, customer)
    console.goto("/console/team/")
    console.wait_for_load_state("networkidle")
    rows = console.locator("tr", has_text="tess@team.example")
    assert rows.count() == 1
    assert rows.first.locator(".badge", has_text="Invited").count() == 1


def test_withdrawing_a_team_invitation_in_the_console_confirms_then_tells(
    world, host_chromium, live_server
):
    customer = world
    invite_member(customer, "tess@team.example")
    console = console_page(host_chromium, live_server, customer)
    console.goto("/console/team/")
    console.wait_for_load_state("networkidle")
    console.locator("tr", has_text="tess@team.example").get_by_role("link", name="Withdraw").click()
    dialog = console.locator("#modal")
    dialog.get_by_text("Withdraw the invitation of tess@team.example?").wait_for()
    dialog.get_by_role("button", name="Withdraw").click()
    console.get_by_text("Invitation of tess@team.example withdrawn.").wait_for()
    assert console.locator("tr", has_text="tess@team.example").count() == 0


def test_a_checkbox_and_its_label_are_on_one_line_in_both_consoles(
    world, host_chromium, live_server, owner
):
    customer = world
    for width in (1280, 390):
        staff = staff_page(host_chromium, live_server, owner, width=width)
        staff.goto(f"{live_server.url}/customers/{customer.pk}/tab/team/")
        form = staff.locator(f"form[action$='/{customer.pk}/tab/team/invite/']")
        assert on_one_line(
            form.locator("input[name=is_admin]"), form.get_by_text("Administrator", exact=True)
        )
        assert no_sideways_scroll(staff)
        # A list of boxes (one per region) keeps each box beside its own label.
        staff.goto(f"{live_server.url}/customers/new/")
        region = staff.locator("input[name=regions]").first
        region_label = staff.locator(f"label[for='{region.get_attribute('id')}']")
        assert on_one_line(region, region_label)

        console = console_page(host_chromium, live_server, customer, width=width)
        console.goto("/console/team/invite/")
        assert on_one_line(
            console.locator("input[name=disable_delete_object]"),
            console.get_by_text("Prevent deleting objects", exact=True),
        )
        assert no_sideways_scroll(console)


def test_the_session_policy_form_has_one_field_per_row_and_save_in_the_footer(
    world, host_chromium, live_server, owner
):
    for width in (1280, 390):
        page = staff_page(host_chromium, live_server, owner, width=width)
        page.goto(f"{live_server.url}/settings/branding/sessions/")
        form = page.locator("form#session-policy")
        checks = form.locator("input[type=checkbox]")
        assert checks.count() == 3
        tops = [box(checks.nth(index))["y"] for index in range(3)]
        assert tops == sorted(tops) and len(set(tops)) == 3  # one per row
        last_field = form.locator(".card-body .form-check").last
        save = form.get_by_role("button", name="Save")
        last_box, save_box = box(last_field), box(save)
        assert save_box["y"] >= last_box["y"] + last_box["height"]
        assert form.locator(".card-footer").get_by_role("button", name="Save").count() == 1
        assert on_one_line(
            form.locator("input[name=concurrent_sessions]"),
            form.get_by_text("Allow concurrent sessions", exact=True),
        )
        assert no_sideways_scroll(page)

        page.get_by_label("Idle session timeout (minutes)").fill("45")
        save.click()
        page.get_by_text("Session controls saved.").wait_for()


def test_deactivating_a_staff_member_confirms_in_a_dialog_then_tells(
    world, host_chromium, live_server, owner
):
    colleague = UserFactory(
        email="ada@reseller.example", first_name="Ada", last_name="Admin", role=User.Role.ADMIN
    )
    page = staff_page(host_chromium, live_server, owner)
    page.goto(f"{live_server.url}/settings/staff/")
    page.locator("tr", has_text="ada@reseller.example").get_by_role(
        "link", name="Deactivate"
    ).click()
    dialog = page.locator("#modal")
    dialog.get_by_text("Deactivate Ada Admin (ada@reseller.example)?").wait_for()
    assert dialog.get_by_text("logged out of every session").is_visible()
    colleague.refresh_from_db()
    assert colleague.is_active  # nothing happens before confirming
    dialog.get_by_role("button", name="Deactivate").click()
    page.get_by_text("ada@reseller.example was deactivated").wait_for()
    colleague.refresh_from_db()
    assert not colleague.is_active
    row = page.locator("tr", has_text="ada@reseller.example")
    assert row.locator(".badge", has_text="Deactivated").count() == 1


def test_the_staff_list_shows_no_pending_invitations_and_fits_a_phone(
    world, host_chromium, live_server, owner
):
    page = staff_page(host_chromium, live_server, owner, width=390)
    page.goto(f"{live_server.url}/settings/staff/")
    invitations = page.locator("#staff-invitations")
    assert invitations.get_by_text("No pending invitations").is_visible()
    assert invitations.get_by_role("link", name="Invite a staff member").is_visible()
    assert no_sideways_scroll(page)


def test_the_new_and_changed_pages_fit_a_phone_and_pass_axe(
    world, host_chromium, live_server, owner, tmp_path
):
    customer = world
    invite_member(customer, "tess@team.example")
    invitation = customer.subuser_invitations.get()
    invitee = staff.invite_staff(
        Actor(owner, owner.email),
        email="nia@reseller.example",
        first_name="Nia",
        last_name="New",
        role="support",
    )
    colleague = UserFactory(email="ada@reseller.example", role=User.Role.ADMIN)
    staff_paths = [
        "/settings/staff/",
        f"/settings/staff/{colleague.pk}/deactivate/",
        f"/settings/staff/{colleague.pk}/reset-two-factor/",
        f"/settings/staff/{invitee.pk}/withdraw/",
        "/settings/branding/sessions/",
        f"/customers/{customer.pk}/tab/team/",
        "/customers/new/",
    ]
    console_paths = [
        "/console/team/",
        "/console/team/invite/",
        f"/console/team/invitations/{invitation.pk}/cancel/",
    ]
    problems = []
    for width in (390, 1280):
        page = staff_page(host_chromium, live_server, owner, width=width)
        for path in staff_paths:
            page.goto(f"{live_server.url}{path}")
            found = check_page(page, width, tmp_path / f"staff{path.replace('/', '_')}{width}.png")
            problems += [f"{path} at {width}px: {problem}" for problem in found]
        page = console_page(host_chromium, live_server, customer, width=width)
        for path in console_paths:
            page.goto(path)
            found = check_page(
                page, width, tmp_path / f"console{path.replace('/', '_')}{width}.png"
            )
            problems += [f"{path} at {width}px: {problem}" for problem in found]
    assert not problems, "\n".join(problems)
