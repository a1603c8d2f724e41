"""Regions, CORS and access keys against a live sandbox."""

import pytest

from portal.audit.models import AuditRecord
from portal.audit.services import Actor
from portal.e2.client import get_client
from portal.e2.errors import InvalidCorsPolicy, StorageNotEmpty
from portal.storage import services
from portal.storage.models import AccessKey, Region
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
ACTOR = Actor.system("test")


@pytest.fixture
def customer(e2):
    get_client().create_user("owner@client.example", "a long password 123", "Owner", quota_gb=10)
    return CustomerFactory(email="owner@client.example")


def test_the_catalogue_is_mirrored_and_the_resellers_choices_survive_a_refresh(e2):
    services.sync_regions()
    assert Region.objects.count() >= 12
    assert Region.objects.filter(active=False).exists()
    Region.objects.filter(key="TX").update(customers_may_enable=False)
    services.sync_regions()
    assert Region.objects.get(key="TX").customers_may_enable is False
    catalogue = services.regions_for_catalogue(for_customer=True)
    assert "TX" not in {region.key for region in catalogue}
    assert all(region.active for region in catalogue)


def test_enabling_a_region_records_the_storage_endpoint_e2_gave(customer):
    storage = services.enable_region(ACTOR, customer, "LDN")
    remote = get_client().list_user_regions(customer.email)
    assert [r.storage_dn for r in remote] == [storage.storage_dn]
    assert storage.region.key == "LDN"


def test_customers_cannot_enable_a_region_the_reseller_withheld(customer):
    services.sync_regions()
    Region.objects.filter(key="TX").update(customers_may_enable=False)
    with pytest.raises(services.RegionNotAllowed):
        services.enable_region(ACTOR, customer, "TX", by_customer=True)
    assert get_client().list_user_regions(customer.email) == []
    # Staff still may, and a region already enabled stays usable.
    services.enable_region(ACTOR, customer, "TX")


def test_a_lost_enable_answer_is_settled_by_reading_the_regions(customer, e2):
    e2.fault("/api/reseller/v1/enable_user_region", times=1, drop=True, after=True)
    storage = services.enable_region(ACTOR, customer, "IE")
    assert storage.storage_dn == get_client().list_user_regions(customer.email)[0].storage_dn


def test_a_region_holding_data_is_not_removed_while_the_account_is_enabled(customer, e2):
    storage = services.enable_region(ACTOR, customer, "LDN")
    e2.add_bucket(customer.email, storage.storage_dn, "photos")
    with pytest.raises(StorageNotEmpty):
        services.remove_region(ACTOR, storage)
    assert customer.storages.count() == 1
    get_client().disable_user(customer.email)
    services.remove_region(ACTOR, storage)
    assert customer.storages.count() == 0
    assert AuditRecord.objects.filter(action="region.remove").values_list(
        "outcome", flat=True
    ).order_by("id")[::1] == ["failed", "succeeded"]


def test_cors_is_parsed_set_and_refused_when_e2_refuses(customer):
    storage = services.enable_region(ACTOR, customer, "LDN")
    origins = services.parse_cors("https://a.example, https://b.example\nhttps://a.example")
    assert origins == ["https://a.example", "https://b.example"]
    services.set_cors(ACTOR, storage, origins)
    assert get_client().list_user_regions(customer.email)[0].cors == ",".join(origins)
    with pytest.raises(InvalidCorsPolicy):
        services.set_cors(ACTOR, storage, [f"d{n}.example" for n in range(11)])
    storage.refresh_from_db()
    assert storage.cors == ",".join(origins)


def test_an_access_key_secret_is_returned_once_and_never_stored(customer):
    storage = services.enable_region(ACTOR, customer, "LDN")
    new = services.create_access_key(ACTOR, storage, "backup", 2, ["photos"])
    secret = new.secret_key.reveal()
    assert len(secret) >= 20
    assert AccessKey.objects.get().key_id == new.key.key_id
    for record in AuditRecord.objects.all():
        assert secret not in str(record.details) + record.error_message
    listed = services.refresh_access_keys(storage)
    assert [k.key_id for k in listed] == [new.key.key_id]
    services.remove_access_key(ACTOR, listed[0])
    assert services.refresh_access_keys(storage) == []


def test_a_key_whose_answer_was_lost_is_revoked_so_no_orphan_remains(customer, e2):
    storage = services.enable_region(ACTOR, customer, "LDN")
    e2.fault("/api/reseller/v1/create_access_key", times=1, drop=True, after=True)
    with pytest.raises(Exception):
        services.create_access_key(ACTOR, storage, "lost", 2)
    assert get_client().list_access_keys(customer.email, storage.storage_dn) == []
    assert not AccessKey.objects.exists()
    assert AuditRecord.objects.get(action="access_key.create").outcome == "unknown"
