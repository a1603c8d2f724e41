import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import AuditRecord
from portal.reseller.models import ResellerSettings
from tests.factories import DEFAULT_PASSWORD
from tests.fixtures.staff import authenticator_for, current_code, log_in_with_password, verify_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def require_two_factor():
    ResellerSettings.objects.create(pk=1, require_two_factor=True)


def test_enrolment_shows_an_svg_qr_code_and_the_key_under_the_configured_issuer(
    admin_client, settings
):
    settings.OTP_TOTP_ISSUER = "Northwind Storage"
    response = admin_client.get(reverse("account:two_factor_enrol"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "Northwind Storage" in body
    assert "no-store" in response["Cache-Control"]
    device = TOTPDevice.objects.get(user__email="admin@reseller.example", confirmed=False)
    assert "issuer=Northwind%20Storage" in device.config_url


def test_reloading_the_enrolment_page_keeps_the_same_secret(admin_client):
    admin_client.get(reverse("account:two_factor_enrol"))
    admin_client.get(reverse("account:two_factor_enrol"))
    assert TOTPDevice.objects.count() == 1


def test_a_code_from_the_app_turns_two_factor_on_and_shows_backup_codes_once(admin_client, admin):
    admin_client.get(reverse("account:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=admin)
    key_before = admin_client.session.session_key

    response = admin_client.post(
        reverse("account:two_factor_enrol"), {"code": current_code(device)}
    )

    device.refresh_from_db()
    assert device.confirmed
    codes = list(StaticToken.objects.filter(device__user=admin).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert admin_client.session.session_key != key_before
    assert admin_client.get(reverse("dashboard")).status_code == 200
    assert AuditRecord.objects.filter(action="account.two_factor_enabled").exists()
    assert mail.outbox[0].to == [admin.email]
    assert "turned on" in mail.outbox[0].subject
    assert codes[0] not in admin_client.get(reverse("account:overview")).content.decode()


def test_a_wrong_code_does_not_turn_two_factor_on(admin_client, admin):
    admin_client.get(reverse("account:two_factor_enrol"))
    response = admin_client.post(reverse("account:two_factor_enrol"), {"code": "12345x"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_next_login_asks_for_the_code_after_enrolment(admin_client, admin):
    admin_client.get(reverse("account:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=admin)
    admin_client.post(reverse("account:two_factor_enrol"), {"code": current_code(device)})

    other = Client()
    response = log_in_with_password(other, admin)
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_turning_two_factor_off_needs_the_password(admin_client, admin):
    authenticator_for(admin)
    response = admin_client.post(reverse("account:two_factor_disable"), {"password": "wrong"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_turning_two_factor_off_ends_verified_status_of_every_session(client, admin):
    device = authenticator_for(admin)
    phone, laptop = Client(), Client()
    for browser, steps in ((phone, 0), (laptop, 1)):
        log_in_with_password(browser, admin)
        assert verify_with(browser, current_code(device, steps_ahead=steps)).status_code == 302
    require_two_factor()

    phone.post(reverse("account:two_factor_disable"), {"password": DEFAULT_PASSWORD})

    assert not TOTPDevice.objects.filter(user=admin).exists()
    response = laptop.get(reverse("dashboard"))
    assert response["Location"].startswith(reverse("account:two_factor_enrol"))
    assert AuditRecord.objects.filter(action="account.two_factor_disabled").count() == 1
    assert "removed" in mail.outbox[-1].subject
    print("FIGURE T13 sessions_still_verified_after_revoke=0")


def test_mandatory_two_factor_sends_staff_without_it_to_enrolment(admin_client):
    require_two_factor()
    response = admin_client.get(reverse("customers:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:two_factor_enrol"))
    assert admin_client.get(reverse("account:two_factor_enrol")).status_code == 200


def test_mandatory_two_factor_is_met_once_enrolled(admin_client, admin):
    require_two_factor()
    admin_client.get(reverse("account:two_factor_enrol"))
    device = TOTPDevice.objects.get(user=admin)
    admin_client.post(reverse("account:two_factor_enrol"), {"code": current_code(device)})
    assert admin_client.get(reverse("customers:list")).status_code == 200


def test_staff_can_still_log_out_while_two_factor_is_pending(admin_client):
    require_two_factor()
    response = admin_client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")


def test_customers_are_never_sent_to_staff_enrolment(client, customer_login):
    require_two_factor()
    client.force_login(customer_login)
    assert client.get(reverse("dashboard")).status_code == 403


def test_new_backup_codes_replace_the_old_ones(admin_client, admin):
    from portal.accounts.two_factor import _replace_backup_codes

    device = authenticator_for(admin)
    old_codes = _replace_backup_codes(admin)
    verify_with(admin_client, current_code(device))
    response = admin_client.post(reverse("account:backup_codes"), {"password": DEFAULT_PASSWORD})
    new_codes = set(StaticToken.objects.values_list("token", flat=True))
    assert len(new_codes) == 10 and not new_codes & set(old_codes)
    assert all(code in response.content.decode() for code in new_codes)
    assert "no-store" in response["Cache-Control"]
