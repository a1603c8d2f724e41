"""Regions, a user's storages, CORS and access keys."""

import re

import pytest

from .conftest import CUSTOMER, RESELLER, enable_region, error_code

STORAGE_DN = re.compile(r"^[a-z0-9]{4}\.tx\.idrivee2-\d+\.com$")


def disable(sandbox, email=CUSTOMER):
    assert sandbox.api("POST", f"{RESELLER}/disable_user", {"email": email}).status_code == 200


def test_regions_are_a_bare_array_like_the_vendors(sandbox):
    regions = sandbox.api("GET", f"{RESELLER}/regions").json()

    assert isinstance(regions, list)
    assert len(regions) >= 12
    keys = {region["region_key"] for region in regions}
    assert {"TX", "LDN", "NY", "CH", "IE"} <= keys
    assert all(len(key) <= 5 for key in keys)
    assert any(not region["active"] for region in regions)
    assert {region["country"] for region in regions} >= {"United States", "Ireland", "Canada"}
    dallas = next(region for region in regions if region["region_key"] == "TX")
    assert dallas == {
        "region_key": "TX",
        "region_name": "Dallas",
        "country": "United States",
        "region_code": "us-tx",
        "active": True,
        "hdd_storage": False,
        "cors": "*",
    }


def test_enabling_a_region_answers_a_vendor_like_storage_dn(sandbox, customer):
    response = sandbox.api(
        "POST", f"{RESELLER}/enable_user_region", {"email": customer, "region": "TX"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["storage_added"] is True
    assert STORAGE_DN.match(body["storage_dn"])


def test_enabling_the_same_region_twice_answers_region_already_enabled(sandbox, storage_dn):
    response = sandbox.api(
        "POST", f"{RESELLER}/enable_user_region", {"email": CUSTOMER, "region": "TX"}
    )

    assert response.status_code == 403
    assert error_code(response) == "region_already_enabled"


def test_an_inactive_region_cannot_be_enabled(sandbox, customer):
    response = sandbox.api(
        "POST", f"{RESELLER}/enable_user_region", {"email": customer, "region": "AMS"}
    )

    assert response.status_code == 403
    assert response.json()["error"] == {
        "type": "invalid_request_error",
        "code": "region_not_active",
        "message": "Only active regions can be enabled for the user",
    }


def test_a_failed_payment_blocks_enabling_regions(sandbox, customer):
    sandbox.control("POST", "payment", {"failed": True})

    response = sandbox.api(
        "POST", f"{RESELLER}/enable_user_region", {"email": customer, "region": "TX"}
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "payment_failed"
    assert response.json()["error"]["message"] == "Account expired please update payment info"


def test_enabling_a_region_for_unknown_or_disabled_users_is_refused(sandbox, customer):
    body = {"email": "nobody@example.com", "region": "TX"}
    assert error_code(sandbox.api("POST", f"{RESELLER}/enable_user_region", body)) == (
        "account_non_existant"
    )
    disable(sandbox)
    body = {"email": customer, "region": "TX"}
    assert (
        error_code(sandbox.api("POST", f"{RESELLER}/enable_user_region", body)) == "user_disabled"
    )


def test_list_user_regions_names_each_storage_with_its_region(sandbox, storage_dn):
    london_dn = enable_region(sandbox, CUSTOMER, "LDN")

    response = sandbox.api("POST", f"{RESELLER}/list_user_regions", {"email": CUSTOMER})

    assert response.status_code == 200
    regions = response.json()["user_regions"]
    assert [region["storage_dn"] for region in regions] == [storage_dn, london_dn]
    assert regions[1] == {
        "region_key": "LDN",
        "region_name": "London",
        "country": "United Kingdom",
        "region_code": "eu-ldn",
        "storage_dn": london_dn,
        "cors": "*",
        "hdd_storage": False,
    }


def test_list_user_regions_of_a_disabled_user_answers_user_disabled(sandbox, storage_dn):
    disable(sandbox)

    response = sandbox.api("POST", f"{RESELLER}/list_user_regions", {"email": CUSTOMER})

    assert response.status_code == 403
    assert error_code(response) == "user_disabled"


def test_an_empty_storage_can_be_removed(sandbox, storage_dn):
    body = {"email": CUSTOMER, "storage_dn": storage_dn}

    response = sandbox.api("POST", f"{RESELLER}/remove_user_region", body)

    assert response.json() == {"removed": True}
    assert sandbox.api("POST", f"{RESELLER}/list_user_regions", {"email": CUSTOMER}).json() == {
        "user_regions": []
    }


def test_a_storage_with_a_bucket_is_not_removed_while_the_user_is_enabled(sandbox, storage_dn):
    sandbox.add_bucket(CUSTOMER, storage_dn, "photos")
    body = {"email": CUSTOMER, "storage_dn": storage_dn}

    response = sandbox.api("POST", f"{RESELLER}/remove_user_region", body)

    assert response.status_code == 403
    assert error_code(response) == "storage_not_empty"
    assert "disable the user first" in response.json()["error"]["message"]


def test_a_disabled_users_storage_is_removed_with_its_data(sandbox, storage_dn):
    sandbox.add_bucket(CUSTOMER, storage_dn, "photos")
    disable(sandbox)

    response = sandbox.api(
        "POST", f"{RESELLER}/remove_user_region", {"email": CUSTOMER, "storage_dn": storage_dn}
    )

    assert response.json() == {"removed": True}
    assert sandbox.state()["users"][CUSTOMER]["storages"] == {}


def test_removing_an_unknown_storage_answers_storage_non_existant(sandbox, customer):
    body = {"email": customer, "storage_dn": "zzzz.tx.idrivee2-33.com"}

    response = sandbox.api("POST", f"{RESELLER}/remove_user_region", body)

    assert response.status_code == 403
    assert response.json()["error"] == {
        "type": "invalid_request_error",
        "code": "storage_non_existant",
        "message": "Storage does not exists",
    }


@pytest.mark.parametrize(
    "cors",
    ["*", "example.com", "https://app.example.com, *.example.org,http://localhost:3000"],
)
def test_cors_accepts_a_star_or_a_list_of_domains(sandbox, storage_dn, cors):
    body = {"email": CUSTOMER, "storage_dn": storage_dn, "cors": cors}

    response = sandbox.api("POST", f"{RESELLER}/storage/set_cors", body)

    assert response.json() == {"cors_updated": True}
    regions = sandbox.api("POST", f"{RESELLER}/list_user_regions", {"email": CUSTOMER}).json()
    assert regions["user_regions"][0]["cors"] == cors.replace(", ", ",")


def test_cors_of_ten_domains_is_accepted_and_eleven_refused(sandbox, storage_dn):
    ten = ",".join(f"site{number}.example.com" for number in range(10))
    body = {"email": CUSTOMER, "storage_dn": storage_dn}

    assert sandbox.api("POST", f"{RESELLER}/storage/set_cors", {**body, "cors": ten}).ok
    response = sandbox.api(
        "POST", f"{RESELLER}/storage/set_cors", {**body, "cors": ten + ",eleven.example.com"}
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "invalid_cors_policy"
    assert response.json()["error"]["message"] == "Maximum 10 cors are allowed"


@pytest.mark.parametrize("cors", ["*,example.com", "example.com,,other.com", "not a domain"])
def test_a_malformed_cors_policy_is_refused(sandbox, storage_dn, cors):
    body = {"email": CUSTOMER, "storage_dn": storage_dn, "cors": cors}

    response = sandbox.api("POST", f"{RESELLER}/storage/set_cors", body)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "The cors policy is invalid"


def test_set_cors_of_unknown_user_or_storage_is_refused(sandbox, storage_dn):
    body = {"email": "nobody@example.com", "storage_dn": storage_dn, "cors": "*"}
    assert error_code(sandbox.api("POST", f"{RESELLER}/storage/set_cors", body)) == (
        "account_non_existant"
    )
    body = {"email": CUSTOMER, "storage_dn": "nope.tx.idrivee2-33.com", "cors": "*"}
    assert error_code(sandbox.api("POST", f"{RESELLER}/storage/set_cors", body)) == (
        "storage_non_existant"
    )


def create_key(sandbox, storage_dn, **overrides):
    body = {"email": CUSTOMER, "storage_dn": storage_dn, "name": "backup", "permissions": 2}
    return sandbox.api("POST", f"{RESELLER}/create_access_key", {**body, **overrides})


def test_an_access_key_secret_is_answered_once_and_never_listed(sandbox, storage_dn):
    response = create_key(sandbox, storage_dn)

    assert response.status_code == 200
    body = response.json()
    assert body["created"] is True
    assert re.match(r"^[A-Z0-9]{20}$", body["data"]["access_key"])
    secret = body["data"]["secret_key"]
    assert len(secret) == 40
    listing = sandbox.api(
        "POST", f"{RESELLER}/list_access_keys", {"email": CUSTOMER, "storage_dn": storage_dn}
    )
    assert secret not in listing.text
    assert secret not in str(sandbox.state())
    assert listing.json() == {
        "storage_dn": storage_dn,
        "access_keys": [
            {
                "key_id": body["data"]["access_key"],
                "name": "backup",
                "creation_date": listing.json()["access_keys"][0]["creation_date"],
                "description": "Read/Write access to all buckets",
            }
        ],
    }


def test_a_bucket_scoped_read_key_is_described_as_such(sandbox, storage_dn):
    create_key(sandbox, storage_dn, permissions=0, buckets=["photos", "docs"])

    listing = sandbox.api(
        "POST", f"{RESELLER}/list_access_keys", {"email": CUSTOMER, "storage_dn": storage_dn}
    ).json()

    assert listing["access_keys"][0]["description"] == "Read access to buckets: photos, docs"


def test_a_removed_access_key_is_gone_and_cannot_be_removed_again(sandbox, storage_dn):
    key_id = create_key(sandbox, storage_dn).json()["data"]["access_key"]
    body = {"email": CUSTOMER, "storage_dn": storage_dn, "access_key": key_id}

    assert sandbox.api("POST", f"{RESELLER}/remove_access_key", body).json() == {"removed": True}
    response = sandbox.api("POST", f"{RESELLER}/remove_access_key", body)

    assert response.status_code == 403
    assert error_code(response) == "access_key_non_existant"


@pytest.mark.parametrize("path", ["create_access_key", "list_access_keys", "remove_access_key"])
def test_access_key_operations_refuse_unknown_users_storages_and_disabled_users(
    sandbox, storage_dn, path
):
    body = {"storage_dn": storage_dn, "name": "k", "permissions": 1, "access_key": "ABC"}
    unknown_user = sandbox.api("POST", f"{RESELLER}/{path}", {**body, "email": "no@example.com"})
    unknown_storage = sandbox.api(
        "POST", f"{RESELLER}/{path}", {**body, "email": CUSTOMER, "storage_dn": "x.example.com"}
    )
    disable(sandbox)
    disabled = sandbox.api("POST", f"{RESELLER}/{path}", {**body, "email": CUSTOMER})

    assert error_code(unknown_user) == "account_non_existant"
    assert error_code(unknown_storage) == "storage_non_existant"
    assert error_code(disabled) == "user_disabled"
