"""A full customer lifecycle through every endpoint; each answer must match the spec's schema."""

from pathlib import Path

import pytest
import schemathesis

from .certificate_factory import key_pem, make_certificate
from .conftest import CUSTOMER, PASSWORD, RESELLER, SUBUSERS, subuser_settings

SPEC_PATH = Path(__file__).resolve().parents[3] / "portal" / "e2" / "openapi.yaml"
SUB = "sub@example.com"


class RecordingClient:
    """Calls the sandbox and keeps every (method, path, response) for validation."""

    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.calls = []

    def __call__(self, method, path, body=None, **kwargs):
        response = self.sandbox.api(method, path, body, **kwargs)
        self.calls.append((method, path, response))
        return response


def run_lifecycle(sandbox, call):
    call("GET", f"{RESELLER}/regions")
    call("PUT", f"{RESELLER}/create_user", {"email": "x"})
    user = {"email": CUSTOMER, "password": PASSWORD, "first_name": "Ada", "quota": 1}
    call("PUT", f"{RESELLER}/create_user", user)
    call("PUT", f"{RESELLER}/create_user", user)
    sandbox.control("POST", "users/invite", {"email": "pending@example.com"})
    call("GET", f"{RESELLER}/users")
    storage_dn = call(
        "POST", f"{RESELLER}/enable_user_region", {"email": CUSTOMER, "region": "NY"}
    ).json()["storage_dn"]
    call("POST", f"{RESELLER}/enable_user_region", {"email": CUSTOMER, "region": "ATL"})
    call("POST", f"{RESELLER}/list_user_regions", {"email": CUSTOMER})
    target = {"email": CUSTOMER, "storage_dn": storage_dn}
    call("POST", f"{RESELLER}/storage/set_cors", {**target, "cors": "example.com"})
    key = call(
        "POST",
        f"{RESELLER}/create_access_key",
        {**target, "name": "k", "permissions": 0, "buckets": ["b"]},
    ).json()
    call("POST", f"{RESELLER}/list_access_keys", target)
    call(
        "POST", f"{RESELLER}/remove_access_key", {**target, "access_key": key["data"]["access_key"]}
    )
    certificate, private_key = make_certificate(["s3.example.com", "new.example.com"])
    cname = {
        **target,
        "cname": "s3.example.com",
        "public_key": certificate,
        "private_key": key_pem(private_key),
    }
    call("POST", f"{RESELLER}/storage/cname/add", cname)
    call("POST", f"{RESELLER}/storage/cname/add", cname)
    call("POST", f"{RESELLER}/storage/cname", target)
    call("POST", f"{RESELLER}/storage/cname/update", {**cname, "cname": "new.example.com"})
    call("POST", f"{RESELLER}/storage/cname/remove", {**target, "cname": "new.example.com"})
    sandbox.set_usage(
        CUSTOMER, [{"date": "2024-01-01", "disk_used": 1.5, "uploads": 2, "downloads": 3}]
    )
    call(
        "POST",
        f"{RESELLER}/usage_stats",
        {"email": CUSTOMER, "date_from": "2024-01-01", "date_to": "2024-01-31"},
    )
    pair = {"admin_email": CUSTOMER, "subuser_email": SUB}
    call(
        "PUT",
        f"{SUBUSERS}/invite",
        {
            **pair,
            **subuser_settings(),
            "storage_access": [{"storage_dn": storage_dn, "buckets": ["b"]}],
        },
    )
    call("PUT", f"{SUBUSERS}/invite", {**pair, **subuser_settings(sso_login=True)})
    call("POST", f"{SUBUSERS}/update", {**pair, "expire_subuser_sessions": True})
    call("POST", f"{SUBUSERS}/list", {"admin_email": CUSTOMER})
    call("POST", f"{SUBUSERS}/invite/cancel", pair)
    call(
        "PUT",
        f"{SUBUSERS}/create_account",
        {**pair, **subuser_settings(), "first_name": "Sub", "password": PASSWORD},
    )
    call("POST", f"{SUBUSERS}/disable", pair)
    call("POST", f"{SUBUSERS}/enable", pair)
    call("POST", f"{SUBUSERS}/disable", {**pair, "email_notification": False})
    dates = {"start_date": "2000-01-01", "end_date": "2100-01-01", "page_no": 1}
    call("POST", f"{SUBUSERS}/user_activity_history", {**pair, **dates})
    call("POST", f"{SUBUSERS}/remove", pair)
    call("POST", f"{RESELLER}/user_activity_history", {"email": CUSTOMER, **dates})
    call("POST", f"{RESELLER}/disable_user", {"email": CUSTOMER})
    call("POST", f"{RESELLER}/remove_user_region", target)
    call("POST", f"{RESELLER}/enable_user", {"email": CUSTOMER})
    call("POST", f"{RESELLER}/disable_user", {"email": CUSTOMER})
    call("POST", f"{RESELLER}/remove_user", {"email": CUSTOMER})
    call("GET", f"{RESELLER}/users", token="wrong")
    sandbox.fault(f"{RESELLER}/regions", status=500)
    call("GET", f"{RESELLER}/regions")


def test_every_answer_of_a_lifecycle_matches_the_spec(sandbox):
    schema = schemathesis.openapi.from_path(SPEC_PATH)
    call = RecordingClient(sandbox)

    run_lifecycle(sandbox, call)

    statuses = set()
    for method, path, response in call.calls:
        schema[path][method].validate_response(response)
        statuses.add(response.status_code)
    assert statuses == {200, 400, 401, 403, 500}
    successful_paths = {path for _method, path, response in call.calls if response.ok}
    assert len(successful_paths) == 28


def test_the_check_would_catch_a_wrong_body(sandbox):
    schema = schemathesis.openapi.from_path(SPEC_PATH)
    users = sandbox.api("GET", f"{RESELLER}/users")

    with pytest.raises(Exception, match=r"(?i)schema"):
        schema[f"{RESELLER}/regions"]["GET"].validate_response(users)
