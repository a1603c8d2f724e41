"""Every action on a staff member says what it did; deactivating, resetting two-factor and
withdrawing an invitation ask first; pending invitations are listed apart, with an empty state."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from portal.accounts import staff
from portal.accounts.models import StaffInvitation, User
from portal.audit.models import AuditRecord
from portal.audit.services import Actor
from tests.factories import UserFactory
from tests.fixtures.staff import authenticator_for

pytestmark = pytest.mark.django_db

STAFF = "/settings/staff/"


def said(response) -> list[str]:
    """The messages the next page shows (the redirect was followed)."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def invited_person(owner) -> User:
    return staff.invite_staff(
        Actor(owner, owner.email),
        email="new@reseller.example",
        first_name="Nia",
        last_name="New",
        role="support",
    )


def test_deactivating_asks_first_naming_the_person_and_what_happens(owner_client, admin):
    admin.first_name, admin.last_name = "Ada", "Admin"
    admin.save()
    url = reverse("reseller:staff_deactivate", args=[admin.pk])
    page = owner_client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Deactivate Ada Admin (admin@reseller.example)?" in body
    assert "logged out of every session" in body and "can no longer log in" in body
    assert f'action="{url}"' in body
    admin.refresh_from_db()
    assert admin.is_active  # asking changes nothing


def test_the_confirmation_loads_into_the_dialog_with_htmx(owner_client, admin):
    url = reverse("reseller:staff_deactivate", args=[admin.pk])
    body = owner_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="modal-title"' in body and "<html" not in body


def test_deactivation_happens_on_the_confirmation_post_and_is_told(owner_client, admin):
    response = owner_client.post(reverse("reseller:staff_deactivate", args=[admin.pk]), follow=True)
    admin.refresh_from_db()
    assert not admin.is_active
    assert said(response) == [
        "admin@reseller.example was deactivated: "
        "they can no longer log in and their sessions ended."
    ]
    assert "was deactivated" in response.content.decode()


def test_confirmed_deactivation_by_htmx_redirects_to_the_list_with_the_message(owner_client, admin):
    response = owner_client.post(
        reverse("reseller:staff_deactivate", args=[admin.pk]), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"] == reverse("reseller:staff")
    assert "was deactivated" in owner_client.get(reverse("reseller:staff")).content.decode()


def test_a_refused_deactivation_is_told_in_the_dialog(owner_client, owner):
    other = UserFactory(email="second.owner@reseller.example", role=User.Role.OWNER)
    other.is_active = False
    other.save()
    response = owner_client.post(
        reverse("reseller:staff_deactivate", args=[owner.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert "your own account" in response.content.decode()


def test_reactivation_is_told(owner_client, admin):
    admin.is_active = False
    admin.save()
    response = owner_client.post(reverse("reseller:staff_reactivate", args=[admin.pk]), follow=True)
    assert said(response) == ["admin@reseller.example can log in again."]


def test_a_role_change_is_told(owner_client, admin):
    response = owner_client.post(
        reverse("reseller:staff_role", args=[admin.pk]), {"role": "support"}, follow=True
    )
    assert said(response) == ["admin@reseller.example is now support."]


def test_sending_a_link_is_told(owner_client, admin):
    response = owner_client.post(reverse("reseller:staff_send_link", args=[admin.pk]), follow=True)
    assert said(response) == ["A link to choose a password was emailed to admin@reseller.example."]
    assert len(mail.outbox) == 1


def test_resetting_two_factor_asks_first_and_is_told(owner_client, admin):
    authenticator_for(admin)
    url = reverse("reseller:staff_reset_two_factor", args=[admin.pk])
    page = owner_client.get(url).content.decode()
    assert "Reset two-factor of" in page and "admin@reseller.example)?" in page
    response = owner_client.post(url, follow=True)
    assert said(response) == [
        "Two-factor was removed for admin@reseller.example; they were logged out."
    ]


def test_pending_invitations_are_listed_apart_and_once(owner_client, owner):
    invited = invited_person(owner)
    body = owner_client.get(STAFF).content.decode()
    staff_table, invitations = body.split('id="staff-invitations"')
    assert invited.email not in staff_table
    assert invitations.count(invited.email) == 1 or "Nia New" in invitations
    assert "Withdraw" in invitations and "No pending invitations" not in invitations


def test_no_pending_invitations_has_an_empty_state_with_the_action(owner_client):
    body = owner_client.get(STAFF).content.decode()
    invitations = body.split('id="staff-invitations"')[1]
    assert "No pending invitations" in invitations
    assert reverse("reseller:staff_invite") in invitations


def test_withdrawing_an_invitation_asks_first_then_removes_the_login_and_is_told(
    owner_client, owner
):
    invited = invited_person(owner)
    url = reverse("reseller:staff_withdraw_invitation", args=[invited.pk])
    page = owner_client.get(url).content.decode()
    assert "Withdraw the invitation of Nia New (new@reseller.example)?" in page
    assert User.objects.filter(pk=invited.pk).exists()

    response = owner_client.post(url, follow=True)
    assert said(response) == ["The invitation of new@reseller.example was withdrawn."]
    assert not User.objects.filter(email="new@reseller.example").exists()
    assert not StaffInvitation.objects.filter(user_id=invited.pk).exists()
    record = AuditRecord.objects.get(action="staff.withdraw_invite")
    assert (record.target, record.outcome) == ("new@reseller.example", "succeeded")


def test_the_invitation_of_someone_who_joined_cannot_be_withdrawn(owner_client, admin):
    response = owner_client.post(
        reverse("reseller:staff_withdraw_invitation", args=[admin.pk]), follow=True
    )
    assert said(response) == ["admin@reseller.example has already joined. Deactivate them instead."]
    assert User.objects.filter(pk=admin.pk).exists()
