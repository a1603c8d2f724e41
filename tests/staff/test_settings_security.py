import pytest
from django.urls import reverse

from portal.audit.models import AuditRecord
from portal.reseller.models import ResellerSettings
from tests.factories import UserFactory
from tests.fixtures.staff import authenticator_for, current_code, log_in_with_password, verify_with

pytestmark = pytest.mark.django_db


def test_defaults_before_anyone_changed_them():
    current = ResellerSettings.load()
    assert current.default_quota_gb == 100
    assert current.require_two_factor is False
    assert not ResellerSettings.objects.exists()


def test_the_default_quota_is_saved_audited_and_offered_when_creating_a_customer(owner_client):
    response = owner_client.post(reverse("reseller:defaults"), {"default_quota_gb": "250"})
    assert response.status_code == 302
    assert ResellerSettings.load().default_quota_gb == 250
    record = AuditRecord.objects.get(action="settings.defaults")
    assert record.details == {"default_quota_gb": 250, "before": {"default_quota_gb": 100}}
    create_page = owner_client.get(reverse("customers:create")).content.decode()
    assert 'value="250"' in create_page


def test_a_negative_default_quota_is_refused(owner_client):
    response = owner_client.post(reverse("reseller:defaults"), {"default_quota_gb": "-1"})
    assert response.status_code == 200
    assert ResellerSettings.load().default_quota_gb == 100


def test_requiring_two_factor_needs_the_owners_own_two_factor_first(owner_client):
    response = owner_client.post(reverse("reseller:security"), {"require_two_factor": "on"})
    assert response.status_code == 200
    assert b"Set up two-factor for your own account first" in response.content
    assert ResellerSettings.load().require_two_factor is False


def test_a_verified_owner_requires_two_factor_for_all_staff(client, owner):
    device = authenticator_for(owner)
    log_in_with_password(client, owner)
    verify_with(client, current_code(device))

    response = client.post(reverse("reseller:security"), {"require_two_factor": "on"})

    assert response.status_code == 302
    assert ResellerSettings.load().require_two_factor is True
    assert ResellerSettings.load().updated_by == owner
    assert AuditRecord.objects.get(action="settings.security").details["require_two_factor"]


def test_the_security_page_lists_staff_without_two_factor(owner_client, support):
    body = owner_client.get(reverse("reseller:security")).content.decode()
    assert support.email in body


@pytest.mark.parametrize("role", ["admin", "support"])
def test_staff_other_than_owners_cannot_change_settings(client, role):
    client.force_login(UserFactory(role=role))
    assert client.post(reverse("reseller:defaults"), {"default_quota_gb": "1"}).status_code == 403
    assert client.post(reverse("reseller:security"), {}).status_code == 403
    assert client.post(reverse("reseller:regions_sync")).status_code == 403
    assert ResellerSettings.load().default_quota_gb == 100
