import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import staff
from portal.accounts.models import LoginSession, User
from portal.audit.models import AuditRecord
from portal.audit.services import Actor
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.fixtures.staff import authenticator_for, log_in_with_password

pytestmark = pytest.mark.django_db

CHOSEN_PASSWORD = "my own long chosen passphrase"


def invite(owner_client, **overrides):
    data = {
        "email": "New.Person@Reseller.example",
        "first_name": "New",
        "last_name": "Person",
        "role": "support",
    }
    return owner_client.post(reverse("reseller:staff_invite"), data | overrides)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_owner_sees_the_staff_list(owner_client, admin, support):
    body = owner_client.get(reverse("reseller:staff")).content.decode()
    assert "admin@reseller.example" in body and "support@reseller.example" in body


def test_an_invited_staff_member_gets_a_link_to_choose_a_password(owner_client, settings):
    settings.PORTAL_HOST, settings.CONSOLE_SCHEME = "portal.reseller.example", "https"
    response = invite(owner_client)

    assert response.status_code == 302
    member = User.objects.get(email="new.person@reseller.example")
    assert member.role == "support" and not member.has_usable_password()
    assert not member.is_staff
    (message,) = mail.outbox
    assert message.to == ["new.person@reseller.example"]
    link = link_in(message)
    assert link.startswith("https://portal.reseller.example/login/set-password/")
    assert AuditRecord.objects.filter(action="staff.invite", target=member.email).exists()


def test_the_link_lets_the_new_member_choose_a_password_and_log_in(owner_client):
    invite(owner_client)
    path = urlparse(link_in(mail.outbox[0])).path
    newcomer = Client()

    form_page = newcomer.get(path, follow=True)
    assert b"Choose a password" in form_page.content
    saved = newcomer.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": CHOSEN_PASSWORD, "new_password2": CHOSEN_PASSWORD},
    )
    assert saved["Location"] == reverse("accounts:login")

    member = User.objects.get(email="new.person@reseller.example")
    assert log_in_with_password(newcomer, member, CHOSEN_PASSWORD).status_code == 302
    assert newcomer.get(reverse("dashboard")).status_code == 200
    # The link works once.
    assert b"no longer works" in Client().get(path, follow=True).content


def test_inviting_an_address_that_already_logs_in_is_refused(owner_client, admin):
    response = invite(owner_client, email="ADMIN@reseller.example")
    assert response.status_code == 200
    assert b"already logs in" in response.content
    assert mail.outbox == []


def test_owner_changes_a_role_and_it_applies_on_the_next_request(owner_client, admin):
    member_browser = Client()
    member_browser.force_login(admin)
    assert member_browser.get(reverse("customers:create")).status_code == 200

    owner_client.post(reverse("reseller:staff_role", args=[admin.pk]), {"role": "support"})

    admin.refresh_from_db()
    assert admin.role == "support"
    assert member_browser.get(reverse("customers:create")).status_code == 403
    record = AuditRecord.objects.get(action="staff.role")
    assert record.details == {"from": "admin", "to": "support"}


def test_the_last_owner_cannot_step_down(owner_client, owner):
    response = owner_client.post(
        reverse("reseller:staff_role", args=[owner.pk]), {"role": "admin"}, follow=True
    )
    owner.refresh_from_db()
    assert owner.role == "owner"
    assert b"at least one active owner" in response.content


def test_an_owner_may_step_down_while_another_owner_remains(owner_client, owner):
    UserFactory(email="second.owner@reseller.example", role=User.Role.OWNER)
    owner_client.post(reverse("reseller:staff_role", args=[owner.pk]), {"role": "admin"})
    owner.refresh_from_db()
    assert owner.role == "admin"
    assert owner_client.get(reverse("reseller:staff")).status_code == 403


def test_the_last_owner_is_protected_from_demotion_and_deactivation_by_anyone(owner):
    with pytest.raises(staff.LastOwner):
        staff.change_staff_role(Actor.system(), owner, "support")
    with pytest.raises(staff.LastOwner):
        staff.deactivate_staff(Actor.system(), owner)
    owner.refresh_from_db()
    assert owner.role == "owner" and owner.is_active


def test_an_owner_cannot_deactivate_themselves(owner_client, owner):
    UserFactory(email="second.owner@reseller.example", role=User.Role.OWNER)
    owner_client.post(reverse("reseller:staff_deactivate", args=[owner.pk]))
    owner.refresh_from_db()
    assert owner.is_active


def test_deactivating_a_member_logs_them_out_and_stops_their_login(owner_client, admin):
    member_browser = Client()
    log_in_with_password(member_browser, admin)

    owner_client.post(reverse("reseller:staff_deactivate", args=[admin.pk]))

    admin.refresh_from_db()
    assert not admin.is_active
    assert not LoginSession.objects.filter(user=admin).exists()
    assert member_browser.get(reverse("dashboard")).status_code == 302
    assert log_in_with_password(Client(), admin).status_code == 200
    assert AuditRecord.objects.filter(action="staff.deactivate").exists()


def test_a_deactivated_member_can_be_reactivated(owner_client, admin):
    admin.is_active = False
    admin.save()
    owner_client.post(reverse("reseller:staff_reactivate", args=[admin.pk]))
    admin.refresh_from_db()
    assert admin.is_active


def test_resetting_two_factor_removes_the_devices_and_ends_the_sessions(owner_client, admin):
    authenticator_for(admin)
    member_browser = Client()
    log_in_with_password(member_browser, admin)

    owner_client.post(reverse("reseller:staff_reset_two_factor", args=[admin.pk]))

    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert not LoginSession.objects.filter(user=admin).exists()
    assert AuditRecord.objects.filter(action="staff.two_factor_reset").exists()


def test_owner_can_email_a_fresh_password_link(owner_client, admin):
    owner_client.post(reverse("reseller:staff_send_link", args=[admin.pk]))
    (message,) = mail.outbox
    assert "new password" in message.subject
    assert "/login/set-password/" in message.body


def test_customer_logins_are_not_staff_members(owner_client, customer_login):
    response = owner_client.post(reverse("reseller:staff_deactivate", args=[customer_login.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["admin", "support"])
def test_only_owners_manage_staff(client, role, owner):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("reseller:staff")).status_code == 403
    response = client.post(reverse("reseller:staff_deactivate", args=[owner.pk]))
    assert response.status_code == 403
    owner.refresh_from_db()
    assert owner.is_active


def test_the_password_is_never_the_default_for_invited_staff(owner_client):
    invite(owner_client)
    member = User.objects.get(email="new.person@reseller.example")
    assert not member.check_password(DEFAULT_PASSWORD)
