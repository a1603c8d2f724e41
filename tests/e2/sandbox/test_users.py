"""Reseller users: list, create, disable, enable, remove."""

import pytest

from .conftest import CUSTOMER, PASSWORD, RESELLER, create_user, error_code


def user_entry(sandbox, email=CUSTOMER):
    users = sandbox.api("GET", f"{RESELLER}/users").json()["users"]
    return next(user for user in users if user["email"] == email)


def test_list_users_answers_the_reseller_id_and_no_users_when_empty(sandbox):
    response = sandbox.api("GET", f"{RESELLER}/users")

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["id"], str) and body["id"]
    assert body["users"] == []


def test_a_created_user_is_listed_signed_up_active_and_without_invite(sandbox):
    response = create_user(sandbox, last_name="Lovelace", quota=250, email_notification=False)

    assert response.status_code == 200
    assert response.json() == {"user_created": True}
    user = user_entry(sandbox)
    assert user["first_name"] == "Ada"
    assert user["last_name"] == "Lovelace"
    assert user["is_signed_up"] is True
    assert user["is_active"] is True
    assert user["invite_url"] is None
    assert user["storage_quota"] == 250
    assert user["storage_used"] == 0
    assert user["account_creation_timestamp"].endswith("Z")


def test_creating_the_same_user_twice_answers_user_signed_up(sandbox, customer):
    response = create_user(sandbox, email=customer.upper())

    assert response.status_code == 403
    assert response.json()["error"] == {
        "type": "invalid_request_error",
        "code": "user_signed_up",
        "message": "User already signed up",
    }


def test_an_email_of_an_independent_account_answers_email_already_in_use(sandbox):
    assert error_code(create_user(sandbox, email="taken@example.com")) == "email_already_in_use"

    sandbox.control("POST", "independent_accounts", {"email": "someone@example.net"})
    response = create_user(sandbox, email="someone@example.net")

    assert response.status_code == 403
    assert error_code(response) == "email_already_in_use"


def test_disable_then_enable_a_user(sandbox, customer):
    response = sandbox.api("POST", f"{RESELLER}/disable_user", {"email": customer})
    assert response.json() == {"user_disabled": True}
    assert user_entry(sandbox)["is_active"] is False

    response = sandbox.api("POST", f"{RESELLER}/enable_user", {"email": customer})
    assert response.json() == {"user_enabled": True}
    assert user_entry(sandbox)["is_active"] is True


def test_disabling_twice_answers_already_disabled(sandbox, customer):
    sandbox.api("POST", f"{RESELLER}/disable_user", {"email": customer})

    response = sandbox.api("POST", f"{RESELLER}/disable_user", {"email": customer})

    assert response.status_code == 403
    assert error_code(response) == "user_account_already_disabled"


def test_enabling_an_enabled_user_answers_already_enabled(sandbox, customer):
    response = sandbox.api("POST", f"{RESELLER}/enable_user", {"email": customer})

    assert response.status_code == 403
    assert error_code(response) == "user_account_already_enabled"


def test_removing_an_enabled_user_answers_not_disabled(sandbox, customer):
    response = sandbox.api("POST", f"{RESELLER}/remove_user", {"email": customer})

    assert response.status_code == 403
    assert error_code(response) == "user_account_not_disabled"


def test_a_disabled_user_can_be_removed_and_is_gone(sandbox, customer):
    sandbox.api("POST", f"{RESELLER}/disable_user", {"email": customer})

    response = sandbox.api("POST", f"{RESELLER}/remove_user", {"email": customer})

    assert response.json() == {"user_removed": True}
    assert sandbox.api("GET", f"{RESELLER}/users").json()["users"] == []
    assert create_user(sandbox).status_code == 200


@pytest.mark.parametrize("path", ["disable_user", "enable_user", "remove_user"])
def test_an_unknown_user_answers_account_non_existant(sandbox, path):
    response = sandbox.api("POST", f"{RESELLER}/{path}", {"email": "nobody@example.com"})

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Account with this email does not exist"


def test_a_pending_invitation_user_is_listed_with_its_invite_url(sandbox):
    sandbox.control("POST", "users/invite", {"email": "pending@example.com", "first_name": "Pat"})

    user = user_entry(sandbox, "pending@example.com")
    assert user["is_signed_up"] is False
    assert user["invite_url"].startswith("https://")

    sandbox.control("POST", "users/sign_up", {"email": "pending@example.com"})
    user = user_entry(sandbox, "pending@example.com")
    assert user["is_signed_up"] is True
    assert user["invite_url"] is None


def test_storage_used_is_the_latest_daily_disk_use(sandbox, customer):
    sandbox.set_usage(
        customer,
        [
            {"date": "2020-01-01", "disk_used": 100, "uploads": 100, "downloads": 0},
            {"date": "2020-01-02", "disk_used": 5000, "uploads": 4900, "downloads": 10},
        ],
    )

    assert user_entry(sandbox)["storage_used"] == 5000


def test_the_password_is_never_stored(sandbox, customer):
    assert PASSWORD not in str(sandbox.state())
