"""Staff turn off a customer's two-factor for them (a lost phone): audited on the customer,
announced to them by a branded email; support staff may not."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import AuditRecord
from tests.factories import UserFactory
from tests.fixtures.consoles import customer  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def staff(role):
    browser = Client()
    browser.force_login(UserFactory(role=role))
    return browser


def test_an_admin_turns_off_a_customers_two_factor(customer):  # noqa: F811
    TOTPDevice.objects.create(user=customer.user, name="Authenticator app", confirmed=True)
    url = reverse("customers:lifecycle", args=[customer.pk, "reset_two_factor"])

    assert "Turn two-factor off" in staff("admin").get(url).content.decode()
    assert staff("support").post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=customer.user).exists()
    response = staff("admin").post(url)

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=customer.user).exists()
    record = AuditRecord.objects.get(action="customer.two_factor_reset")
    assert record.customer == customer and record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert mail.outbox[-1].to == [customer.email]
    assert "idrive" not in mail.outbox[-1].body.lower()


def test_a_customer_without_two_factor_gets_a_sentence(customer):  # noqa: F811
    url = reverse("customers:lifecycle", args=[customer.pk, "reset_two_factor"])

    page = staff("admin").post(url).content.decode()

    assert "has not turned on two-factor" in page
