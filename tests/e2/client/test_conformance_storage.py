"""Storage operations against the live sandbox: regions, CORS, access keys, and their errors."""

import pytest

from portal.e2.errors import (
    AccessKeyNonExistant,
    AccountNonExistant,
    InvalidCorsPolicy,
    PaymentFailed,
    RegionAlreadyEnabled,
    RegionNotActive,
    StorageNonExistant,
    StorageNotEmpty,
    UserDisabled,
)
from portal.e2.limits import PERMISSION_READ, PERMISSION_READ_WRITE
from portal.e2.types import Secret

ANN = "ann@example.com"


@pytest.fixture
def ann(sandbox_client):
    sandbox_client.create_user(ANN, "Secret-123", "Ann", quota_gb=100)
    return ANN


@pytest.fixture
def storage_dn(sandbox_client, ann):
    return sandbox_client.enable_user_region(ann, "NY")


def test_list_regions(sandbox_client):
    regions = {region.region_key: region for region in sandbox_client.list_regions()}
    assert regions["NY"].active
    assert regions["NY"].region_name
    assert any(not region.active for region in regions.values())


def test_enable_a_region_and_list_it(sandbox_client, ann, storage_dn):
    assert storage_dn
    (user_region,) = sandbox_client.list_user_regions(ann)
    assert user_region.storage_dn == storage_dn
    assert user_region.region_key == "NY"
    assert user_region.cors == "*"


def test_set_cors_with_a_list_then_star(sandbox_client, ann, storage_dn):
    sandbox_client.set_cors(ann, storage_dn, ["app.example.com", "www.example.org"])
    assert sandbox_client.list_user_regions(ann)[0].cors == "app.example.com,www.example.org"
    sandbox_client.set_cors(ann, storage_dn, "*")
    assert sandbox_client.list_user_regions(ann)[0].cors == "*"


def test_access_key_lifecycle(sandbox_client, ann, storage_dn):
    created = sandbox_client.create_access_key(ann, storage_dn, "backup", PERMISSION_READ_WRITE)
    assert created.access_key
    assert isinstance(created.secret_key, Secret)
    assert len(created.secret_key.reveal()) >= 20
    sandbox_client.create_access_key(ann, storage_dn, "reader", PERMISSION_READ, buckets=["photos"])
    sandbox_keys = {key.name: key for key in sandbox_client.list_access_keys(ann, storage_dn)}
    assert sandbox_keys["backup"].key_id == created.access_key
    assert "photos" in sandbox_keys["reader"].description
    sandbox_client.remove_access_key(ann, storage_dn, created.access_key)
    assert [key.name for key in sandbox_client.list_access_keys(ann, storage_dn)] == ["reader"]


def test_remove_an_empty_region(sandbox_client, ann, storage_dn):
    sandbox_client.remove_user_region(ann, storage_dn)
    assert sandbox_client.list_user_regions(ann) == []


def test_a_region_holding_data_is_removed_only_once_the_user_is_disabled(
    sandbox_client, sandbox, ann, storage_dn
):
    sandbox.add_bucket(ann, storage_dn, "photos")
    with pytest.raises(StorageNotEmpty) as raised:
        sandbox_client.remove_user_region(ann, storage_dn)
    assert "Disable the account first" in raised.value.human_message
    sandbox_client.disable_user(ann)
    sandbox_client.remove_user_region(ann, storage_dn)


def test_enabling_a_region_twice_is_region_already_enabled(sandbox_client, ann, storage_dn):
    with pytest.raises(RegionAlreadyEnabled):
        sandbox_client.enable_user_region(ann, "NY")


def test_an_inactive_region_cannot_be_enabled(sandbox_client, ann):
    inactive = next(region for region in sandbox_client.list_regions() if not region.active)
    with pytest.raises(RegionNotActive):
        sandbox_client.enable_user_region(ann, inactive.region_key)


def test_a_disabled_user_gets_user_disabled(sandbox_client, ann, storage_dn):
    sandbox_client.disable_user(ann)
    with pytest.raises(UserDisabled):
        sandbox_client.enable_user_region(ann, "TX")
    with pytest.raises(UserDisabled):
        sandbox_client.list_user_regions(ann)
    with pytest.raises(UserDisabled):
        sandbox_client.create_access_key(ann, storage_dn, "k", PERMISSION_READ)
    with pytest.raises(UserDisabled):
        sandbox_client.list_access_keys(ann, storage_dn)


def test_a_failed_reseller_payment_is_payment_failed(sandbox_client, sandbox, ann):
    sandbox.control("POST", "payment", {"failed": True})
    with pytest.raises(PaymentFailed) as raised:
        sandbox_client.enable_user_region(ann, "NY")
    assert "payment" in raised.value.human_message


def test_an_unknown_storage_is_storage_non_existant(sandbox_client, ann, storage_dn):
    unknown = "nope.example.com"
    with pytest.raises(StorageNonExistant):
        sandbox_client.set_cors(ann, unknown, "*")
    with pytest.raises(StorageNonExistant):
        sandbox_client.remove_user_region(ann, unknown)
    with pytest.raises(StorageNonExistant):
        sandbox_client.create_access_key(ann, unknown, "k", PERMISSION_READ)
    with pytest.raises(StorageNonExistant):
        sandbox_client.list_access_keys(ann, unknown)
    with pytest.raises(StorageNonExistant):
        sandbox_client.remove_access_key(ann, unknown, "AK")


@pytest.mark.parametrize("cors", [[f"site{n}.example.com" for n in range(11)], "not a domain!"])
def test_a_bad_cors_policy_is_invalid_cors_policy(sandbox_client, ann, storage_dn, cors):
    with pytest.raises(InvalidCorsPolicy):
        sandbox_client.set_cors(ann, storage_dn, cors)


def test_removing_an_unknown_access_key(sandbox_client, ann, storage_dn):
    with pytest.raises(AccessKeyNonExistant):
        sandbox_client.remove_access_key(ann, storage_dn, "NOSUCHKEY")


def test_storage_operations_on_an_unknown_account(sandbox_client):
    nobody = "nobody@example.com"
    with pytest.raises(AccountNonExistant):
        sandbox_client.enable_user_region(nobody, "NY")
    with pytest.raises(AccountNonExistant):
        sandbox_client.list_user_regions(nobody)
    with pytest.raises(AccountNonExistant):
        sandbox_client.remove_user_region(nobody, "dn.example.com")
    with pytest.raises(AccountNonExistant):
        sandbox_client.set_cors(nobody, "dn.example.com", "*")
    with pytest.raises(AccountNonExistant):
        sandbox_client.create_access_key(nobody, "dn.example.com", "k", PERMISSION_READ)
