"""Every API path checks the token; unknown paths, wrong methods and bad bodies are answered."""

from pathlib import Path

import pytest
import requests
import yaml

from portal.e2.sandbox import control
from portal.e2.sandbox.app import ROUTES

from .conftest import RESELLER, error_code, error_fields

SPEC_PATH = Path(__file__).resolve().parents[3] / "portal" / "e2" / "openapi.yaml"
UNAUTHORIZED = {
    "error": {
        "type": "invalid_request_error",
        "code": "unauthorized",
        "message": "Authentication header missing/invalid",
    }
}
ENDPOINTS = sorted((method, path) for path, (method, _handler, _mutates) in ROUTES.items())


def test_the_spec_and_the_sandbox_serve_the_same_endpoints():
    spec = yaml.safe_load(SPEC_PATH.read_text())
    in_spec = sorted(
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
    )
    assert in_spec == ENDPOINTS
    assert len(ENDPOINTS) == 28


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_a_call_without_the_token_is_unauthorized(sandbox, method, path):
    response = requests.request(method, f"{sandbox.url}{path}", json={}, timeout=10)

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_a_call_with_a_wrong_token_is_unauthorized(sandbox, method, path):
    response = sandbox.api(method, path, json={}, token="not-the-token")

    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_an_unknown_path_is_not_found_with_an_error_body(sandbox):
    response = sandbox.api("GET", f"{RESELLER}/no_such_thing")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_wrong_method_is_refused_with_an_error_body(sandbox):
    response = sandbox.api("POST", f"{RESELLER}/users", json={})

    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"
    assert error_code(response) == "method_not_allowed"


def test_create_user_by_post_instead_of_put_is_refused(sandbox):
    response = sandbox.api("POST", f"{RESELLER}/create_user", json={})

    assert response.status_code == 405
    assert response.headers["Allow"] == "PUT"


@pytest.mark.parametrize(
    "raw_body",
    [b"{not json", b'{"email": "a@example.com",}', b"[1, 2]", b'"a string"', b"\xff\xfe"],
    ids=["garbage", "trailing-comma", "array", "string", "not-utf8"],
)
def test_a_body_that_is_not_a_json_object_is_invalid_parameters_naming_body(sandbox, raw_body):
    response = requests.post(
        f"{sandbox.url}{RESELLER}/disable_user",
        data=raw_body,
        headers={"token": sandbox.token, "Content-Type": "application/json"},
        timeout=10,
    )

    assert response.status_code == 400
    assert error_fields(response) == {"body"}
    assert response.json()["error"]["message"] == (
        "Invalid parameter values, check errors for details"
    )


def test_an_empty_body_reports_each_missing_field(sandbox):
    response = requests.post(
        f"{sandbox.url}{RESELLER}/usage_stats", headers={"token": sandbox.token}, timeout=10
    )

    assert response.status_code == 400
    assert error_fields(response) == {"email", "date_from", "date_to"}


def test_control_endpoints_need_no_token(sandbox):
    assert requests.get(f"{sandbox.url}/_sandbox/health", timeout=10).json() == {"ok": True}


def test_requests_are_counted_per_path(sandbox):
    sandbox.api("GET", f"{RESELLER}/users")
    sandbox.api("GET", f"{RESELLER}/users")
    sandbox.api("GET", f"{RESELLER}/regions", token="wrong")

    assert sandbox.request_counts() == {f"{RESELLER}/users": 2, f"{RESELLER}/regions": 1}
    sandbox.clear_request_counts()
    assert sandbox.request_counts() == {}


def test_the_control_spec_lists_every_control_endpoint():
    control_spec = SPEC_PATH.parent / "sandbox" / "control-openapi.yaml"
    spec = yaml.safe_load(control_spec.read_text())
    in_spec = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
    }

    assert in_spec == set(control.ENDPOINTS)
