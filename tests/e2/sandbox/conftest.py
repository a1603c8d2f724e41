"""Shared arrangements for the sandbox tests: a customer, a storage, a sub-user account."""

import base64

import pytest

RESELLER = "/api/reseller/v1"
SUBUSERS = "/api/subusers/v1"
CUSTOMER = "ada@example.com"
PASSWORD = base64.b64encode(b"correct horse battery").decode()


def create_user(sandbox, email=CUSTOMER, **overrides):
    """Create a reseller user through the API; returns the response."""
    body = {"email": email, "password": PASSWORD, "first_name": "Ada", "quota": 100, **overrides}
    return sandbox.api("PUT", f"{RESELLER}/create_user", body)


def enable_region(sandbox, email=CUSTOMER, region="TX"):
    """Enable a region for a user; returns the new storage DN."""
    response = sandbox.api(
        "POST", f"{RESELLER}/enable_user_region", {"email": email, "region": region}
    )
    assert response.status_code == 200, response.text
    return response.json()["storage_dn"]


def subuser_settings(**overrides):
    """The required settings of an invite or create_account body."""
    return {
        "permissions": 2,
        "is_admin": False,
        "allow_session_timeout_settings": False,
        "idle_timeout": 900,
        "concurrent_sessions": True,
        "allow_concurrent_session_settings": False,
        **overrides,
    }


def invite_subuser(sandbox, subuser_email, admin_email=CUSTOMER, **overrides):
    """Invite a sub-user into the account; returns the response."""
    body = {
        "admin_email": admin_email,
        "subuser_email": subuser_email,
        **subuser_settings(**overrides),
    }
    return sandbox.api("PUT", f"{SUBUSERS}/invite", body)


def error_code(response):
    """The error code of an error answer."""
    return response.json()["error"]["code"]


def error_fields(response):
    """The fields an invalid_parameters answer names."""
    body = response.json()["error"]
    assert body["code"] == "invalid_parameters", body
    return {error["field"] for error in body["errors"]}


@pytest.fixture
def customer(sandbox):
    """An enabled, signed-up customer (CUSTOMER) with no storage."""
    assert create_user(sandbox).status_code == 200
    return CUSTOMER


@pytest.fixture
def storage_dn(sandbox, customer):
    """The customer's storage in Dallas (TX)."""
    return enable_region(sandbox, customer, "TX")
