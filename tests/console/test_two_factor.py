"""A customer turns two-factor authentication on and off in the console: each change is in the
audit log (who, what, how it ended) and announced by email in the brand's name."""

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import AuditRecord
from tests.console.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def turn_on(browser, customer):
    browser.get("/console/account/two-factor/")
    device = TOTPDevice.objects.get(user=customer.user)
    return browser.post("/console/account/two-factor/", {"code": f"{totp(device.bin_key):06d}"})


def assert_recorded(action, customer):
    record = AuditRecord.objects.get(action=action)
    assert record.actor == customer.user
    assert record.actor_label == customer.email
    assert record.target == customer.email
    assert record.customer == customer
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED


def assert_announced(change, customer):
    message = mail.outbox[-1]
    assert message.to == [customer.email]
    assert message.from_email == "Northwind Storage <no-reply@brand-a.test>"
    assert message.subject == (
        f"Two-factor authentication was turned {change} for your Northwind Storage account"
    )
    assert "idrive" not in (message.subject + message.body).lower()


def test_turning_two_factor_on_is_audited_and_announced_in_the_brands_name(browser_a, customer_a):
    response = turn_on(browser_a, customer_a)
    assert response.status_code == 200
    assert TOTPDevice.objects.get(user=customer_a.user).confirmed
    assert_recorded("account.two_factor_enabled", customer_a)
    assert_announced("on", customer_a)
    # Ten backup codes come with it, shown this once on the page that follows.
    codes = StaticDevice.objects.get(user=customer_a.user).token_set.values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)


def test_a_wrong_code_turns_nothing_on_and_records_nothing(browser_a, customer_a):
    browser_a.get("/console/account/two-factor/")
    response = browser_a.post("/console/account/two-factor/", {"code": "000000"})
    assert "This code is not valid" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=customer_a.user, confirmed=True).exists()
    assert not AuditRecord.objects.filter(action="account.two_factor_enabled").exists()
    assert mail.outbox == []


def test_turning_two_factor_off_takes_the_password_and_is_audited(browser_a, customer_a):
    turn_on(browser_a, customer_a)
    refused = browser_a.post("/console/account/two-factor/off/", {"current_password": "wrong"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=customer_a.user).exists()
    assert not AuditRecord.objects.filter(action="account.two_factor_disabled").exists()

    response = browser_a.post("/console/account/two-factor/off/", {"current_password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=customer_a.user).exists()
    assert_recorded("account.two_factor_disabled", customer_a)
    assert_announced("off", customer_a)
