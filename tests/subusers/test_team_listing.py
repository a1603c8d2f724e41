# ruff: noqa: F811  (fixtures imported from tests.fixtures.consoles are redefined as arguments)
"""Each team member is listed once in both consoles, with their state, and the idle timeout
is shown in the unit it is entered in (minutes), never in seconds."""

import re

import pytest
from django.urls import reverse

from portal.audit.services import Actor
from portal.e2.types import SubuserSettings
from portal.subusers import invitations, services
from portal.subusers.models import idle_timeout_text
from tests.fixtures.consoles import customer, customer_browser, staff_browser  # noqa: F401

pytestmark = pytest.mark.django_db

ACTOR = Actor.system("test")
MEMBER_PASSWORD = "quiet-lantern-orchard-77"


def accept_url_for(token):
    return f"https://brand-a.test/console/team/join/{token}/"


def invite(customer, email, **settings):
    return invitations.invite_subuser(
        ACTOR,
        customer,
        SubuserSettings(subuser_email=email, **settings),
        accept_url_for=accept_url_for,
    )


def add(customer, email, **settings):
    return services.create_subuser(
        ACTOR,
        customer,
        SubuserSettings(subuser_email=email, **settings),
        "Max",
        "",
        MEMBER_PASSWORD,
    )


def staff_team_page(browser, customer) -> str:
    """What staff see on the Team tab: the tab and the member list it loads."""
    tab = browser.get(reverse("customers:subusers", args=[customer.pk]))
    members = browser.get(reverse("customers:subusers_fragment", args=[customer.pk]))
    return tab.content.decode() + members.content.decode()


def console_team_page(browser) -> str:
    return browser.get(reverse("console:team_list")).content.decode()


def rows_naming(html, email):
    """The table rows whose text shows the email address."""
    rows = re.findall(r"<tr\b.*?</tr>", html, flags=re.S)
    return [row for row in rows if re.search(rf">\s*{re.escape(email)}\s*<", row)]


def state_of(row) -> str:
    return (
        re.search(
            r'<span class="badge [^"]*">\s*(Invited|Active|Disabled|invited|active|disabled)', row
        )
        .group(1)
        .lower()
    )


def test_an_invited_member_is_listed_once_as_invited_in_the_staff_console(customer, staff_browser):
    invite(customer, "tess@team.example")
    (row,) = rows_naming(staff_team_page(staff_browser, customer), "tess@team.example")
    assert state_of(row) == "invited"
    assert "Resend" in row and "Withdraw" in row


def test_an_invited_member_is_listed_once_as_invited_in_the_customer_console(
    customer, customer_browser
):
    invite(customer, "tess@team.example")
    (row,) = rows_naming(console_team_page(customer_browser), "tess@team.example")
    assert state_of(row) == "invited"
    assert "Resend" in row and "Withdraw" in row


@pytest.mark.parametrize("console", ["customer", "staff"])
def test_active_and_disabled_members_are_listed_once_with_their_state(
    console, customer, customer_browser, staff_browser
):
    add(customer, "ana@team.example")
    add(customer, "ben@team.example")
    services.disable_subuser(ACTOR, customer, "ben@team.example")
    invite(customer, "cy@team.example")
    if console == "staff":
        html = staff_team_page(staff_browser, customer)
    else:
        html = console_team_page(customer_browser)
    states = {}
    for email in ("ana@team.example", "ben@team.example", "cy@team.example"):
        (row,) = rows_naming(html, email)
        states[email] = state_of(row)
    assert states == {
        "ana@team.example": "active",
        "ben@team.example": "disabled",
        "cy@team.example": "invited",
    }


def test_an_accepted_invitation_leaves_one_active_member(customer, customer_browser):
    invitation = invite(customer, "tess@team.example")
    token = invitation.issue_token()
    invitation.save()
    invitations.accept_subuser_invitation(token, MEMBER_PASSWORD, "Tess")
    (row,) = rows_naming(console_team_page(customer_browser), "tess@team.example")
    assert state_of(row) == "active"


def test_the_team_members_service_gives_each_email_once(customer):
    invite(customer, "tess@team.example")
    add(customer, "max@team.example")
    members = services.team_members(customer)
    assert [(m.email, m.status) for m in members] == [
        ("max@team.example", "active"),
        ("tess@team.example", "invited"),
    ]
    assert members[1].invitation is not None and members[1].subuser is not None


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (3600, "1 hour"),
        (1800, "30 minutes"),
        (60, "1 minute"),
        (7200, "2 hours"),
        (90, "2 minutes"),
    ],
)
def test_idle_timeout_is_told_in_minutes_or_hours(seconds, text):
    assert idle_timeout_text(seconds) == text


@pytest.mark.parametrize("console", ["customer", "staff"])
def test_idle_timeout_is_shown_in_minutes_in_both_consoles(
    console, customer, customer_browser, staff_browser
):
    add(customer, "max@team.example", idle_timeout=1800)
    invite(customer, "tess@team.example", idle_timeout=3600)
    if console == "staff":
        html = staff_team_page(staff_browser, customer)
    else:
        html = console_team_page(customer_browser)
    (added,) = rows_naming(html, "max@team.example")
    (invited,) = rows_naming(html, "tess@team.example")
    assert "30 minutes" in added and "1 hour" in invited
    assert not re.search(r"\b(1800|3600) s\b", html)


def test_the_idle_timeout_is_entered_in_minutes_and_shown_in_minutes(customer, staff_browser):
    staff_browser.post(
        reverse("customers:subuser_create", args=[customer.pk]),
        {
            "email": "dev@team.example",
            "first_name": "Dev",
            "password": MEMBER_PASSWORD,
            "password_confirm": MEMBER_PASSWORD,
            "permissions": "2",
            "idle_timeout_minutes": "45",
            "concurrent_sessions": "on",
        },
    )
    (row,) = rows_naming(staff_team_page(staff_browser, customer), "dev@team.example")
    assert "45 minutes" in row


def test_withdrawing_an_invitation_in_the_console_asks_first_then_tells(customer, customer_browser):
    invitation = invite(customer, "tess@team.example")
    url = reverse("console:team_invitation_action", args=[invitation.pk, "cancel"])
    page = customer_browser.get(url).content.decode()
    assert "Withdraw the invitation of tess@team.example?" in page
    invitation.refresh_from_db()
    assert invitation.status == "pending"  # asking changes nothing

    response = customer_browser.post(url, follow=True)
    invitation.refresh_from_db()
    assert invitation.status == "cancelled"
    assert "Invitation of tess@team.example withdrawn." in response.content.decode()
    assert rows_naming(console_team_page(customer_browser), "tess@team.example") == []


def test_resending_is_a_post_only_action(customer, customer_browser):
    invitation = invite(customer, "tess@team.example")
    url = reverse("console:team_invitation_action", args=[invitation.pk, "resend"])
    assert customer_browser.get(url).status_code == 405


def test_someone_invited_elsewhere_is_listed_as_invited_and_can_be_withdrawn(
    customer, customer_browser
):
    """A pending invite e2 lists without an invitation of the portal's."""
    invitation = invite(customer, "vic@team.example")
    invitation.delete()
    services.list_subusers(customer)
    (row,) = rows_naming(console_team_page(customer_browser), "vic@team.example")
    assert state_of(row) == "invited" and "Withdraw" in row and "Resend" not in row
    member = customer.subusers.get(email="vic@team.example")
    url = reverse("console:team_action", args=[member.pk, "cancel"])
    assert (
        "Withdraw the invitation of vic@team.example?" in customer_browser.get(url).content.decode()
    )
    response = customer_browser.post(url, follow=True)
    assert "Invitation of vic@team.example withdrawn." in response.content.decode()
    assert not customer.subusers.filter(email="vic@team.example").exists()
