"""Team members (sub-users) managed by the customer in the console, against the live sandbox."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client

from portal.e2.client import get_client
from portal.subusers.models import Subuser, SubuserInvitation
from tests.console.conftest import HOST_A

pytestmark = pytest.mark.django_db

MEMBER_PASSWORD = "quiet-lantern-orchard-77"


def remote(customer, email):
    with get_client() as client:
        return {s.email: s for s in client.list_subusers(customer.email)}.get(email)


def settings_form(**values):
    return {
        "permissions": 2,
        "idle_timeout_minutes": 30,
        "concurrent_sessions": "on",
        **values,
    }


def test_invited_team_member_gets_a_branded_email_and_joins_on_the_brand_domain(
    browser_a, customer_a
):
    response = browser_a.post(
        "/console/team/invite/", settings_form(email="tess@team.example", permissions=0)
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.from_email == "Northwind Storage <no-reply@brand-a.test>"
    link = re.search(r"https?://brand-a\.test/console/team/join/([\w-]+)/", message.body)
    assert link, message.body
    html = message.alternatives[0][0]
    assert "idrive" not in (message.body + html).lower()
    team_page = browser_a.get("/console/team/").content.decode()
    assert "tess@team.example" in team_page and "idrive" not in team_page.lower()

    join = Client(HTTP_HOST=HOST_A)
    url = f"/console/team/join/{link.group(1)}/"
    assert "Join" in join.get(url).content.decode()
    done = join.post(
        url,
        {
            "first_name": "Tess",
            "last_name": "Member",
            "password": MEMBER_PASSWORD,
            "password_confirm": MEMBER_PASSWORD,
        },
    )
    assert "Your team account" in done.content.decode()
    assert remote(customer_a, "tess@team.example").signed_up is True
    assert SubuserInvitation.objects.get(email="tess@team.example").status == "accepted"


def test_customer_adds_a_team_member_with_a_password_and_bucket_access(browser_a, customer_a):
    storage = customer_a.storages.get()
    response = browser_a.post(
        "/console/team/new/",
        settings_form(
            email="max@team.example",
            first_name="Max",
            last_name="Member",
            password=MEMBER_PASSWORD,
            password_confirm=MEMBER_PASSWORD,
            is_admin="on",
            disable_delete_object="on",
            **{f"buckets_{storage.pk}": "photos, backups"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    member = remote(customer_a, "max@team.example")
    assert member.signed_up and member.is_admin and member.disable_delete_object
    assert member.storage_access[0].buckets == ("photos", "backups")


def test_customer_updates_disables_enables_and_deletes_a_team_member(browser_a, customer_a):
    browser_a.post(
        "/console/team/new/",
        settings_form(
            email="ivy@team.example",
            first_name="Ivy",
            password=MEMBER_PASSWORD,
            password_confirm=MEMBER_PASSWORD,
        ),
    )
    member = Subuser.objects.get(customer=customer_a, email="ivy@team.example")
    edited = browser_a.post(
        f"/console/team/{member.pk}/",
        settings_form(permissions=0, idle_timeout_minutes=10, concurrent_sessions=""),
    )
    assert edited.status_code == 302
    assert remote(customer_a, "ivy@team.example").permissions == 0
    assert remote(customer_a, "ivy@team.example").idle_timeout == 600

    # Deleting is refused while the member is enabled.
    refused = browser_a.post(f"/console/team/{member.pk}/remove/", HTTP_HX_REQUEST="true")
    assert "Disable this team member before" in refused.content.decode()
    assert browser_a.post(f"/console/team/{member.pk}/disable/").status_code == 302
    assert remote(customer_a, "ivy@team.example").is_active is False
    assert browser_a.post(f"/console/team/{member.pk}/enable/").status_code == 302
    assert remote(customer_a, "ivy@team.example").is_active is True
    browser_a.post(f"/console/team/{member.pk}/disable/")
    assert browser_a.post(f"/console/team/{member.pk}/remove/").status_code == 302
    assert remote(customer_a, "ivy@team.example") is None


def test_customer_withdraws_and_resends_an_invitation(browser_a, customer_a):
    browser_a.post("/console/team/invite/", settings_form(email="zoe@team.example"))
    invitation = SubuserInvitation.objects.get(email="zoe@team.example")
    sent = len(mail.outbox)
    browser_a.post(f"/console/team/invitations/{invitation.pk}/resend/")
    assert len(mail.outbox) == sent + 1
    browser_a.post(f"/console/team/invitations/{invitation.pk}/cancel/")
    invitation.refresh_from_db()
    assert invitation.status == "cancelled"
    assert remote(customer_a, "zoe@team.example") is None


def test_team_member_activity_is_shown_for_a_date_range(browser_a, customer_a, e2):
    browser_a.post(
        "/console/team/new/",
        settings_form(
            email="al@team.example",
            password=MEMBER_PASSWORD,
            password_confirm=MEMBER_PASSWORD,
            first_name="Al",
        ),
    )
    member = Subuser.objects.get(email="al@team.example")
    today = datetime.date.today().isoformat()
    e2.control(
        "POST",
        "activity",
        {
            "email": customer_a.email,
            "subuser_email": member.email,
            "count": 2,
            "date": today,
            "description": "Uploaded report.pdf",
        },
    )
    page = browser_a.get(f"/console/team/{member.pk}/activity/?start={today}&end={today}")
    assert "Uploaded report.pdf" in page.content.decode()


def test_the_team_limit_is_shown_before_it_is_reached(browser_a, customer_a):
    from django.utils import timezone

    for number in range(21):
        SubuserInvitation.objects.create(
            customer=customer_a,
            email=f"p{number}@team.example",
            token_hash=f"{number:064d}",
            expires_at=timezone.now() + datetime.timedelta(days=7),
        )
    page = browser_a.get("/console/team/").content.decode()
    assert "21 of 25 team members and invitations used." in page
    assert "4 places left." in page
