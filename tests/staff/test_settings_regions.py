import pytest
from django.urls import reverse

from portal.audit.models import AuditRecord
from portal.storage.models import Region, Storage
from portal.storage.services import regions_for_catalogue
from tests.factories import CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def texas(db):
    return Region.objects.create(key="TX", name="Dallas", country="United States", code="us-tx")


def test_refreshing_fetches_the_region_list_from_the_storage_service(owner_client, e2):
    response = owner_client.post(reverse("reseller:regions_sync"), follow=True)
    assert Region.objects.count() >= 12
    assert b"region list was refreshed" in response.content
    assert AuditRecord.objects.get(action="settings.regions_sync").outcome == "succeeded"


def test_restricting_a_region_keeps_it_from_customers_catalogue(owner_client, texas):
    owner_client.post(
        reverse("reseller:region_access", args=[texas.pk]), {"customers_may_enable": "0"}
    )

    texas.refresh_from_db()
    assert texas.customers_may_enable is False
    assert texas not in regions_for_catalogue(for_customer=True)
    assert texas in regions_for_catalogue(for_customer=False)
    record = AuditRecord.objects.get(action="settings.region_access")
    assert record.target == "TX" and record.details == {"customers_may_enable": False}


def test_customers_who_enabled_a_region_keep_it_after_it_is_restricted(owner_client, texas):
    storage = Storage.objects.create(
        customer=CustomerFactory(), region=texas, storage_dn="tx1.storage.example"
    )
    owner_client.post(
        reverse("reseller:region_access", args=[texas.pk]), {"customers_may_enable": "0"}
    )
    assert Storage.objects.filter(pk=storage.pk).exists()
    body = owner_client.get(reverse("reseller:regions")).content.decode()
    assert "Dallas" in body and "keeps using it after you restrict it" in body


def test_the_toggle_answers_htmx_with_the_row_alone(owner_client, texas):
    texas.customers_may_enable = False
    texas.save()
    response = owner_client.post(
        reverse("reseller:region_access", args=[texas.pk]),
        {"customers_may_enable": "1"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert body.strip().startswith(f'<tr id="region-{texas.pk}">')
    assert "Allowed" in body and "<html" not in body


def test_refreshing_keeps_the_owners_choice(owner_client, e2):
    owner_client.post(reverse("reseller:regions_sync"))
    region = Region.objects.filter(active=True).first()
    owner_client.post(
        reverse("reseller:region_access", args=[region.pk]), {"customers_may_enable": "0"}
    )
    owner_client.post(reverse("reseller:regions_sync"))
    region.refresh_from_db()
    assert region.customers_may_enable is False


def test_a_refresh_that_fails_says_why(owner_client, settings, unused_tcp_port):
    settings.E2_API_URL = f"http://127.0.0.1:{unused_tcp_port}"
    settings.E2_MAX_ATTEMPTS = 1
    response = owner_client.post(reverse("reseller:regions_sync"), follow=True)
    assert b"could not be reached" in response.content


@pytest.mark.parametrize("role", ["admin", "support"])
def test_only_owners_restrict_regions(client, role, texas):
    client.force_login(UserFactory(role=role))
    response = client.post(
        reverse("reseller:region_access", args=[texas.pk]), {"customers_may_enable": "0"}
    )
    assert response.status_code == 403
    texas.refresh_from_db()
    assert texas.customers_may_enable is True
