"""White-label CNAMEs: the certificate and key are really verified."""

import pytest

from .certificate_factory import key_pem, make_certificate, make_key
from .conftest import CUSTOMER, RESELLER, error_code

CNAME = "s3.example.com"
REFUSED_CERTIFICATE = "Could not verify CNAME or certificates. Please try again"


def cname_body(storage_dn, cname=CNAME, names=None, **overrides):
    certificate, key = make_certificate(names or [cname])
    body = {
        "email": CUSTOMER,
        "storage_dn": storage_dn,
        "cname": cname,
        "public_key": certificate,
        "private_key": key_pem(key),
    }
    return {**body, **overrides}


def add(sandbox, body):
    return sandbox.api("POST", f"{RESELLER}/storage/cname/add", body)


def listed(sandbox, storage_dn):
    response = sandbox.api(
        "POST", f"{RESELLER}/storage/cname", {"email": CUSTOMER, "storage_dn": storage_dn}
    )
    assert response.status_code == 200, response.text
    return response.json()["cname_list"]


def assert_refused(response, message):
    assert response.status_code == 403
    assert response.json()["error"] == {
        "type": "invalid_request_error",
        "code": "request_processing_failed",
        "message": message,
    }


def test_a_valid_certificate_adds_the_cname_and_lists_its_details(sandbox, storage_dn):
    response = add(sandbox, cname_body(storage_dn))

    assert response.json() == {"cname_added": True}
    [entry] = listed(sandbox, storage_dn)
    assert entry["file_index"] == "1"
    assert entry["cname"] == CNAME
    info = entry["certificate_info"]
    assert info["subject"] == f"CN={CNAME}"
    assert info["issuer"] == f"CN={CNAME}"
    assert info["valid_from"].endswith("Z") and info["valid_to"].endswith("Z")
    assert info["valid_from"] < info["valid_to"]
    assert int(info["serial"], 16) > 0
    assert entry["creation_date"].endswith("Z")


def test_the_private_key_is_not_kept(sandbox, storage_dn):
    body = cname_body(storage_dn)

    add(sandbox, body)

    state = str(sandbox.state())
    assert "PRIVATE KEY" not in state
    assert "BEGIN CERTIFICATE" not in state


def test_file_index_defaults_to_the_next_integer(sandbox, storage_dn):
    add(sandbox, cname_body(storage_dn, "a.example.com"))
    add(sandbox, cname_body(storage_dn, "b.example.com", file_index="7"))
    add(sandbox, cname_body(storage_dn, "c.example.com"))

    assert [entry["file_index"] for entry in listed(sandbox, storage_dn)] == ["1", "7", "8"]


def test_a_certificate_with_a_chain_is_accepted(sandbox, storage_dn):
    body = cname_body(storage_dn)
    chain_certificate, _key = make_certificate(["Example Intermediate CA"])

    response = add(sandbox, {**body, "public_key": body["public_key"] + chain_certificate})

    assert response.status_code == 200


def test_a_key_that_does_not_match_the_certificate_is_refused(sandbox, storage_dn):
    body = cname_body(storage_dn, private_key=key_pem(make_key()))

    assert_refused(add(sandbox, body), REFUSED_CERTIFICATE)


def test_an_expired_certificate_is_refused(sandbox, storage_dn):
    certificate, key = make_certificate([CNAME], days_valid=(-100, -1))
    body = cname_body(storage_dn, public_key=certificate, private_key=key_pem(key))

    assert_refused(add(sandbox, body), REFUSED_CERTIFICATE)


def test_a_certificate_not_yet_valid_is_refused(sandbox, storage_dn):
    certificate, key = make_certificate([CNAME], days_valid=(2, 90))
    body = cname_body(storage_dn, public_key=certificate, private_key=key_pem(key))

    assert_refused(add(sandbox, body), REFUSED_CERTIFICATE)


def test_a_certificate_for_another_name_is_refused(sandbox, storage_dn):
    body = cname_body(storage_dn, names=["other.example.com"])

    assert_refused(add(sandbox, body), REFUSED_CERTIFICATE)


def test_a_wildcard_certificate_covers_one_label(sandbox, storage_dn):
    assert add(sandbox, cname_body(storage_dn, "s3.example.com", names=["*.example.com"])).ok
    too_deep = cname_body(storage_dn, "a.b.example.com", names=["*.example.com"])
    assert_refused(add(sandbox, too_deep), REFUSED_CERTIFICATE)


def test_without_a_san_the_common_name_is_used(sandbox, storage_dn):
    certificate, key = make_certificate([CNAME], with_san=False)

    response = add(
        sandbox, cname_body(storage_dn, public_key=certificate, private_key=key_pem(key))
    )

    assert response.status_code == 200


@pytest.mark.parametrize("public_key", ["not a pem", "-----BEGIN CERTIFICATE-----\nAAAA\n"])
def test_an_unreadable_certificate_is_refused(sandbox, storage_dn, public_key):
    assert_refused(add(sandbox, cname_body(storage_dn, public_key=public_key)), REFUSED_CERTIFICATE)


@pytest.mark.parametrize(
    ("passphrase", "accepted"), [("s3cret phrase", True), ("wrong", False), (None, False)]
)
def test_an_encrypted_key_needs_its_passphrase(sandbox, storage_dn, passphrase, accepted):
    certificate, key = make_certificate([CNAME])
    body = cname_body(
        storage_dn, public_key=certificate, private_key=key_pem(key, passphrase="s3cret phrase")
    )
    if passphrase:
        body["passphrase"] = passphrase

    response = add(sandbox, body)

    if accepted:
        assert response.status_code == 200, response.text
    else:
        assert_refused(response, REFUSED_CERTIFICATE)


@pytest.mark.parametrize(
    "cname", ["files.idrivee2.com", "h4l1.ch.idrivee2-29.com", "cdn.IDRIVE.com"]
)
def test_a_vendor_domain_cannot_be_a_cname(sandbox, storage_dn, cname):
    assert_refused(
        add(sandbox, cname_body(storage_dn, cname)),
        "this CNAME cannot be used, please try changing your CNAME",
    )


def test_an_unknown_storage_dn_is_refused_with_the_cname_message(sandbox, storage_dn):
    body = cname_body("zzzz.tx.idrivee2-33.com")

    assert_refused(add(sandbox, body), "Unable to retrieve storage info for given storage_dn")
    response = sandbox.api(
        "POST", f"{RESELLER}/storage/cname", {"email": CUSTOMER, "storage_dn": body["storage_dn"]}
    )
    assert_refused(response, "Unable to retrieve storage info for given storage_dn")


def test_a_cname_configured_already_is_refused(sandbox, storage_dn):
    add(sandbox, cname_body(storage_dn))

    assert_refused(add(sandbox, cname_body(storage_dn)), "CNAME already configure")


def test_cname_operations_refuse_unknown_and_disabled_users(sandbox, storage_dn):
    unknown = add(sandbox, cname_body(storage_dn, email="nobody@example.com"))
    sandbox.api("POST", f"{RESELLER}/disable_user", {"email": CUSTOMER})

    assert error_code(unknown) == "account_non_existant"
    for path in [
        "storage/cname/add",
        "storage/cname",
        "storage/cname/update",
        "storage/cname/remove",
    ]:
        response = sandbox.api("POST", f"{RESELLER}/{path}", cname_body(storage_dn))
        assert response.status_code == 403
        assert error_code(response) == "user_disabled", path


def test_update_replaces_the_only_cname(sandbox, storage_dn):
    add(sandbox, cname_body(storage_dn))

    response = sandbox.api(
        "POST", f"{RESELLER}/storage/cname/update", cname_body(storage_dn, "new.example.com")
    )

    assert response.json() == {"cname_updated": True}
    [entry] = listed(sandbox, storage_dn)
    assert entry["cname"] == "new.example.com"
    assert entry["file_index"] == "1"


def test_update_by_file_index_replaces_that_cname(sandbox, storage_dn):
    add(sandbox, cname_body(storage_dn, "a.example.com"))
    add(sandbox, cname_body(storage_dn, "b.example.com"))
    body = cname_body(storage_dn, "c.example.com", file_index="2", region_key="TX")

    response = sandbox.api("POST", f"{RESELLER}/storage/cname/update", body)

    assert response.status_code == 200
    assert [entry["cname"] for entry in listed(sandbox, storage_dn)] == [
        "a.example.com",
        "c.example.com",
    ]


def test_update_refusals(sandbox, storage_dn):
    update = f"{RESELLER}/storage/cname/update"
    assert_refused(sandbox.api("POST", update, cname_body(storage_dn)), "cannot get cname details")
    add(sandbox, cname_body(storage_dn, "a.example.com"))
    add(sandbox, cname_body(storage_dn, "b.example.com"))

    several = sandbox.api("POST", update, cname_body(storage_dn, "c.example.com"))
    taken = sandbox.api("POST", update, cname_body(storage_dn, "b.example.com", file_index="1"))
    bad_key = sandbox.api(
        "POST",
        update,
        cname_body(storage_dn, "c.example.com", file_index="1", private_key=key_pem(make_key())),
    )
    vendor = sandbox.api("POST", update, cname_body(storage_dn, "x.idrivee2.com", file_index="1"))

    assert several.status_code == 400
    assert taken.json()["error"]["message"] == "CNAME already configured"
    assert_refused(bad_key, REFUSED_CERTIFICATE)
    assert_refused(vendor, "this CNAME cannot be used, please try changing your CNAME")


def test_remove_a_cname(sandbox, storage_dn):
    add(sandbox, cname_body(storage_dn))
    body = {"email": CUSTOMER, "storage_dn": storage_dn, "cname": CNAME}

    response = sandbox.api("POST", f"{RESELLER}/storage/cname/remove", body)

    assert response.json() == {"cname_removed": True}
    assert listed(sandbox, storage_dn) == []
    assert_refused(
        sandbox.api("POST", f"{RESELLER}/storage/cname/remove", body), "cannot get cname details"
    )
