"""The sub-users ("team members") tab of the reseller console, on a live sandbox."""

import pytest
from django.urls import reverse

from portal.customers.models import Customer
from portal.e2.client import get_client

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough password 42"


@pytest.fixture
def customer(e2, brand, admin_client):
    admin_client.post(
        reverse("customers:create"),
        {
            "email": "acct@client.example",
            "first_name": "Acct",
            "password": PASSWORD,
            "quota_gb": "10",
            "regions": ["LDN"],
        },
    )
    return Customer.objects.get()


def settings_form(**extra):
    return {"permissions": "2", "idle_timeout_minutes": "30", "concurrent_sessions": "on", **extra}


def test_invite_sends_the_brands_link_never_the_vendors(customer, admin_client, mailoutbox):
    response = admin_client.post(
        reverse("customers:subuser_invite", args=[customer.pk]),
        settings_form(email="mate@client.example"),
    )
    assert response.status_code == 302
    (invitation,) = mailoutbox
    body = invitation.body + invitation.alternatives[0][0]
    assert "/console/team/join/" in body
    assert "idrive" not in body.lower()
    listed = get_client().list_subusers(customer.email)
    assert [s.email for s in listed] == ["mate@client.example"]
    tab = admin_client.get(reverse("customers:subusers", args=[customer.pk]))
    assert b"1 of 25 team members" in tab.content


def test_create_update_disable_and_remove_a_team_member(customer, admin_client):
    admin_client.post(
        reverse("customers:subuser_create", args=[customer.pk]),
        settings_form(
            email="dev@client.example",
            first_name="Dev",
            password=PASSWORD,
            password_confirm=PASSWORD,
        ),
    )
    fragment = admin_client.get(reverse("customers:subusers_fragment", args=[customer.pk]))
    assert b"dev@client.example" in fragment.content
    member = customer.subusers.get()

    admin_client.post(
        reverse("customers:subuser_update", args=[customer.pk, member.pk]),
        settings_form(permissions="0", disable_delete_object="on"),
    )
    remote = get_client().list_subusers(customer.email)[0]
    assert (remote.permissions, remote.disable_delete_object) == (0, True)

    action = "customers:subuser_action"
    refused = admin_client.post(
        reverse(action, args=[customer.pk, "remove", member.email]),
        {"confirmation": member.email},
    )
    assert b"Disable" in refused.content
    admin_client.post(reverse(action, args=[customer.pk, "disable", member.email]))
    admin_client.post(reverse(action, args=[customer.pk, "remove", member.email]))
    assert get_client().list_subusers(customer.email) == []


def test_support_staff_can_read_the_team_but_not_change_it(customer, client, support):
    client.force_login(support)
    assert client.get(reverse("customers:subusers", args=[customer.pk])).status_code == 200
    response = client.post(
        reverse("customers:subuser_invite", args=[customer.pk]),
        settings_form(email="x@client.example"),
    )
    assert response.status_code == 403
    assert get_client().list_subusers(customer.email) == []
