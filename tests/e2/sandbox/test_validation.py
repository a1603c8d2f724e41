"""Every documented input rule answers 400 invalid_parameters naming each offending field."""

import pytest

from .conftest import (
    CUSTOMER,
    PASSWORD,
    RESELLER,
    SUBUSERS,
    create_user,
    error_fields,
    subuser_settings,
)


def too_long(length, suffix=""):
    return "a" * (length + 1 - len(suffix)) + suffix


LONG_EMAIL = "a" * 244 + "@example.com"  # 256 characters


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": LONG_EMAIL}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "two@@example.com"}, "email"),
        ({"email": 42}, "email"),
        ({"password": too_long(100)}, "password"),
        ({"password": "not base64!"}, "password"),
        ({"password": ""}, "password"),
        ({"first_name": too_long(64)}, "first_name"),
        ({"first_name": ""}, "first_name"),
        ({"last_name": too_long(64)}, "last_name"),
        ({"quota": -1}, "quota"),
        ({"quota": True}, "quota"),
        ({"quota": "100"}, "quota"),
        ({"quota": 1.5}, "quota"),
        ({"email_notification": "no"}, "email_notification"),
    ],
)
def test_create_user_rejects_each_bad_field(sandbox, overrides, field):
    response = create_user(sandbox, **overrides)

    assert response.status_code == 400
    assert error_fields(response) == {field}


def test_the_limits_themselves_are_accepted(sandbox):
    email = "a" * 243 + "@example.com"  # 255 characters
    password = "QUFB" * 25  # 100 characters of base64
    response = create_user(
        sandbox, email=email, password=password, first_name="F" * 64, last_name="L" * 64, quota=0
    )

    assert response.status_code == 200, response.text


def test_every_offending_field_is_named_at_once(sandbox):
    response = sandbox.api(
        "PUT", f"{RESELLER}/create_user", {"email": "x", "password": "%%", "quota": -5}
    )

    assert error_fields(response) == {"email", "password", "first_name", "quota"}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": CUSTOMER, "date_from": "2024-13-01", "date_to": "2024-12-31"}, {"date_from"}),
        ({"email": CUSTOMER, "date_from": "2024/01/01", "date_to": "2024-01-31"}, {"date_from"}),
        ({"email": CUSTOMER, "date_from": "2024-01-01", "date_to": "2024-02-30"}, {"date_to"}),
        ({"email": CUSTOMER, "date_from": "2024-02-01", "date_to": "2024-01-01"}, {"date_to"}),
        ({"email": CUSTOMER, "date_from": 20240101, "date_to": "2024-01-31"}, {"date_from"}),
    ],
)
def test_usage_stats_dates_must_be_iso_dates_in_order(sandbox, customer, body, fields):
    response = sandbox.api("POST", f"{RESELLER}/usage_stats", body)

    assert response.status_code == 400
    assert error_fields(response) == fields


@pytest.mark.parametrize("page_no", [0, -1, "1", True])
def test_activity_page_numbers_start_at_one(sandbox, customer, page_no):
    body = {"email": customer, "start_date": "2024-01-01", "end_date": "2024-01-31"}
    response = sandbox.api(
        "POST", f"{RESELLER}/user_activity_history", {**body, "page_no": page_no}
    )

    assert error_fields(response) == {"page_no"}


@pytest.mark.parametrize(
    ("region", "status"), [("TOOLONG", 400), ("", 400), (5, 400), ("ZZ", 400), ("tx", 200)]
)
def test_enable_region_checks_the_region_key(sandbox, customer, region, status):
    response = sandbox.api(
        "POST", f"{RESELLER}/enable_user_region", {"email": customer, "region": region}
    )

    assert response.status_code == status
    if status == 400:
        assert error_fields(response) == {"region"}


def test_storage_dn_is_limited_to_128_characters(sandbox, customer):
    body = {"email": customer, "storage_dn": too_long(128, ".example.com")}

    response = sandbox.api("POST", f"{RESELLER}/list_access_keys", body)

    assert error_fields(response) == {"storage_dn"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": too_long(64)}, "name"),
        ({"name": ""}, "name"),
        ({"permissions": 3}, "permissions"),
        ({"permissions": -1}, "permissions"),
        ({"permissions": False}, "permissions"),
        ({"buckets": []}, "buckets"),
        ({"buckets": "bucket"}, "buckets"),
        ({"buckets": [1]}, "buckets"),
    ],
)
def test_create_access_key_rejects_each_bad_field(sandbox, storage_dn, overrides, field):
    body = {"email": CUSTOMER, "storage_dn": storage_dn, "name": "k", "permissions": 2}

    response = sandbox.api("POST", f"{RESELLER}/create_access_key", {**body, **overrides})

    assert response.status_code == 400
    assert error_fields(response) == {field}


def test_access_key_id_is_limited_to_128_characters(sandbox, storage_dn):
    body = {"email": CUSTOMER, "storage_dn": storage_dn, "access_key": too_long(128)}

    response = sandbox.api("POST", f"{RESELLER}/remove_access_key", body)

    assert error_fields(response) == {"access_key"}


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("cname", 128),
        ("public_key", 10000),
        ("private_key", 6000),
        ("file_index", 64),
        ("passphrase", 255),
    ],
)
def test_cname_fields_have_their_length_limits(sandbox, storage_dn, field, limit):
    body = {
        "email": CUSTOMER,
        "storage_dn": storage_dn,
        "cname": "s3.example.com",
        "public_key": "pem",
        "private_key": "pem",
        field: too_long(limit, ".example.com"),
    }

    response = sandbox.api("POST", f"{RESELLER}/storage/cname/add", body)

    assert response.status_code == 400
    assert error_fields(response) == {field}


def test_update_cname_region_key_is_limited_to_5_characters(sandbox, storage_dn):
    body = {
        "email": CUSTOMER,
        "storage_dn": storage_dn,
        "cname": "s3.example.com",
        "public_key": "pem",
        "private_key": "pem",
        "region_key": "TOOLONG",
    }

    response = sandbox.api("POST", f"{RESELLER}/storage/cname/update", body)

    assert error_fields(response) == {"region_key"}


@pytest.mark.parametrize("cname", ["*.example.com", "localhost", "bad_name.example.com"])
def test_a_cname_must_be_a_hostname(sandbox, storage_dn, cname):
    body = {"email": CUSTOMER, "storage_dn": storage_dn, "cname": cname}

    response = sandbox.api("POST", f"{RESELLER}/storage/cname/remove", body)

    assert error_fields(response) == {"cname"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"idle_timeout": 0}, "idle_timeout"),
        ({"idle_timeout": 3601}, "idle_timeout"),
        ({"idle_timeout": "300"}, "idle_timeout"),
        ({"permissions": 3}, "permissions"),
        ({"is_admin": "false"}, "is_admin"),
        ({"concurrent_sessions": 1}, "concurrent_sessions"),
        ({"disable_delete_object": "yes"}, "disable_delete_object"),
        ({"subuser_email": "bad"}, "subuser_email"),
        ({"admin_email": LONG_EMAIL}, "admin_email"),
        ({"storage_access": "all"}, "storage_access"),
        (
            {"storage_access": [{"storage_dn": "x.example.com", "buckets": []}]},
            "storage_access[0].buckets",
        ),
        ({"storage_access": [{"buckets": ["b"]}]}, "storage_access[0].storage_dn"),
    ],
)
def test_invite_subuser_rejects_each_bad_field(sandbox, customer, overrides, field):
    body = {"admin_email": customer, "subuser_email": "sub@example.com", **subuser_settings()}

    response = sandbox.api("PUT", f"{SUBUSERS}/invite", {**body, **overrides})

    assert response.status_code == 400
    assert error_fields(response) == {field}


def test_idle_timeout_bounds_are_accepted(sandbox, customer):
    for number, idle_timeout in enumerate([1, 3600]):
        body = {
            "admin_email": customer,
            "subuser_email": f"sub{number}@example.com",
            **subuser_settings(idle_timeout=idle_timeout),
        }
        assert sandbox.api("PUT", f"{SUBUSERS}/invite", body).status_code == 200


def test_invite_requires_the_documented_settings(sandbox, customer):
    body = {"admin_email": customer, "subuser_email": "sub@example.com"}

    response = sandbox.api("PUT", f"{SUBUSERS}/invite", body)

    assert error_fields(response) == {
        "permissions",
        "is_admin",
        "allow_session_timeout_settings",
        "idle_timeout",
        "concurrent_sessions",
        "allow_concurrent_session_settings",
    }


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password": "***"}, "password"),
        ({"password": too_long(100)}, "password"),
        ({"first_name": too_long(64)}, "first_name"),
        ({"last_name": too_long(64)}, "last_name"),
    ],
)
def test_create_subuser_checks_password_and_names(sandbox, customer, overrides, field):
    body = {
        "admin_email": customer,
        "subuser_email": "sub@example.com",
        "first_name": "Sub",
        "password": PASSWORD,
        **subuser_settings(),
    }

    response = sandbox.api("PUT", f"{SUBUSERS}/create_account", {**body, **overrides})

    assert error_fields(response) == {field}


def test_update_subuser_checks_only_the_fields_sent(sandbox, customer):
    body = {"admin_email": customer, "subuser_email": "sub@example.com", "idle_timeout": 4000}

    response = sandbox.api("POST", f"{SUBUSERS}/update", body)

    assert error_fields(response) == {"idle_timeout"}
