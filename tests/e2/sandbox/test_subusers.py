"""Sub-users of a customer's account, managed on the reseller's behalf."""

import pytest

from .conftest import (
    CUSTOMER,
    PASSWORD,
    SUBUSERS,
    create_user,
    error_code,
    invite_subuser,
    subuser_settings,
)

SUB = "sub@example.com"


def subusers_of(sandbox, admin_email=CUSTOMER):
    response = sandbox.api("POST", f"{SUBUSERS}/list", {"admin_email": admin_email})
    assert response.status_code == 200, response.text
    return response.json()["users"]


def pair(subuser_email=SUB, **extra):
    return {"admin_email": CUSTOMER, "subuser_email": subuser_email, **extra}


def create_subuser(sandbox, subuser_email=SUB, **overrides):
    body = {**pair(subuser_email), "first_name": "Sub", "password": PASSWORD, **subuser_settings()}
    return sandbox.api("PUT", f"{SUBUSERS}/create_account", {**body, **overrides})


def test_an_invite_answers_its_url_and_lists_a_pending_subuser(sandbox, storage_dn):
    access = [{"storage_dn": storage_dn, "buckets": ["b1", "b2"]}]

    response = invite_subuser(sandbox, SUB, permissions=0, storage_access=access)

    assert response.status_code == 200
    body = response.json()
    assert body["result"] == "invite successful"
    assert body["invite_url"].startswith("https://")
    [subuser] = subusers_of(sandbox)
    assert subuser == {
        "email": SUB,
        "first_name": "",
        "last_name": "",
        "storage_access": access,
        "account_creation_timestamp": subuser["account_creation_timestamp"],
        "invite_url": body["invite_url"],
        "is_admin": False,
        "signed_up": False,
        "permissions": 0,
        "disable_delete_object": True,
        "sso_login": False,
        "idle_timeout": 900,
        "concurrent_sessions": True,
        "allow_session_timeout_settings": False,
        "allow_concurrent_session_settings": False,
        "is_active": True,
    }


def test_create_account_signs_the_subuser_up_at_once(sandbox, customer):
    response = create_subuser(sandbox, last_name="Russell", disable_delete_object=False)

    assert response.json() == {"success": True}
    [subuser] = subusers_of(sandbox)
    assert subuser["signed_up"] is True
    assert subuser["invite_url"] is None
    assert (subuser["first_name"], subuser["last_name"]) == ("Sub", "Russell")
    assert subuser["disable_delete_object"] is False


def test_the_admin_must_be_a_reseller_user(sandbox):
    body = {"admin_email": "nobody@example.com"}

    for response in [
        sandbox.api("POST", f"{SUBUSERS}/list", body),
        invite_subuser(sandbox, SUB, admin_email="nobody@example.com"),
    ]:
        assert response.status_code == 403
        assert error_code(response) == "account_non_existant"


def test_storage_access_must_name_the_accounts_storages(sandbox, customer):
    access = [{"storage_dn": "zzzz.tx.idrivee2-33.com", "buckets": ["b"]}]

    response = invite_subuser(sandbox, SUB, storage_access=access)

    assert response.status_code == 403
    assert error_code(response) == "storage_non_existant"
    assert error_code(create_subuser(sandbox, storage_access=access)) == "storage_non_existant"


def test_sso_login_needs_sso_configured(sandbox, customer):
    response = invite_subuser(sandbox, SUB, sso_login=True)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "SSO is not configured"

    sandbox.control("POST", "sso", {"admin_email": CUSTOMER, "configured": True})
    assert invite_subuser(sandbox, SUB, sso_login=True).status_code == 200


def test_re_inviting_a_pending_subuser_sends_a_new_invitation(sandbox, customer):
    first = invite_subuser(sandbox, SUB).json()["invite_url"]

    second = invite_subuser(sandbox, SUB, permissions=1)

    assert second.status_code == 200
    assert second.json()["invite_url"] != first
    [subuser] = subusers_of(sandbox)
    assert subuser["permissions"] == 1


def test_inviting_a_signed_up_subuser_answers_user_already_signedup(sandbox, customer):
    create_subuser(sandbox)

    for response in [invite_subuser(sandbox, SUB), create_subuser(sandbox)]:
        assert response.status_code == 403
        assert response.json()["error"] == {
            "type": "invalid_request_error",
            "code": "user_already_signedup",
            "message": "User signed up",
        }


def test_an_email_with_its_own_account_cannot_become_a_subuser(sandbox, customer):
    create_user(sandbox, email="other@example.com")

    for email in ["other@example.com", "taken@example.com"]:
        assert error_code(invite_subuser(sandbox, email)) == "email_already_in_use"


def test_the_twenty_sixth_subuser_is_refused(sandbox, customer):
    for number in range(20):
        assert invite_subuser(sandbox, f"invited{number}@example.com").status_code == 200
    for number in range(5):
        assert create_subuser(sandbox, f"member{number}@example.com").status_code == 200

    invited = invite_subuser(sandbox, "one-more@example.com")
    created = create_subuser(sandbox, "one-more@example.com")

    assert invited.status_code == 403
    assert error_code(invited) == "maximum_limit_reached"
    assert error_code(created) == "maximum_limit_reached"
    assert invite_subuser(sandbox, "invited3@example.com").status_code == 200


def test_disable_enable_and_remove_a_signed_up_subuser(sandbox, customer):
    create_subuser(sandbox)
    notify = pair(email_notification=True)

    assert sandbox.api("POST", f"{SUBUSERS}/disable", notify).json() == {"success": True}
    assert subusers_of(sandbox)[0]["is_active"] is False
    again = sandbox.api("POST", f"{SUBUSERS}/disable", notify)
    assert error_code(again) == "user_account_already_disabled"

    assert sandbox.api("POST", f"{SUBUSERS}/enable", pair()).json() == {"success": True}
    again = sandbox.api("POST", f"{SUBUSERS}/enable", pair())
    assert error_code(again) == "user_account_already_enabled"

    not_disabled = sandbox.api("POST", f"{SUBUSERS}/remove", pair())
    assert error_code(not_disabled) == "user_account_not_disabled"
    sandbox.api("POST", f"{SUBUSERS}/disable", pair())
    assert sandbox.api("POST", f"{SUBUSERS}/remove", pair()).json() == {"success": True}
    assert subusers_of(sandbox) == []


@pytest.mark.parametrize("path", ["disable", "enable", "remove", "user_activity_history"])
def test_operations_on_an_invited_subuser_answer_user_not_signed_up(sandbox, customer, path):
    invite_subuser(sandbox, SUB)
    body = pair(start_date="2020-01-01", end_date="2030-01-01")

    response = sandbox.api("POST", f"{SUBUSERS}/{path}", body)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Subuser is not signed up"


@pytest.mark.parametrize(
    "path", ["disable", "enable", "remove", "invite/cancel", "update", "user_activity_history"]
)
def test_an_unknown_subuser_answers_account_non_existant(sandbox, customer, path):
    body = pair("ghost@example.com", start_date="2020-01-01", end_date="2030-01-01")

    response = sandbox.api("POST", f"{SUBUSERS}/{path}", body)

    assert response.status_code == 403
    assert error_code(response) == "account_non_existant"


def test_cancel_an_invitation(sandbox, customer):
    invite_subuser(sandbox, SUB)

    assert sandbox.api("POST", f"{SUBUSERS}/invite/cancel", pair()).json() == {"success": True}
    assert subusers_of(sandbox) == []


def test_an_invitation_signed_up_cannot_be_cancelled(sandbox, customer):
    invite_subuser(sandbox, SUB)
    sandbox.sign_up_subuser(CUSTOMER, SUB)

    response = sandbox.api("POST", f"{SUBUSERS}/invite/cancel", pair())

    assert response.status_code == 403
    assert error_code(response) == "user_already_signedup"
    assert subusers_of(sandbox)[0]["signed_up"] is True


def test_update_changes_only_the_fields_sent(sandbox, storage_dn):
    create_subuser(sandbox, idle_timeout=300)
    access = [{"storage_dn": storage_dn, "buckets": ["reports"]}]

    response = sandbox.api(
        "POST",
        f"{SUBUSERS}/update",
        pair(is_admin=True, storage_access=access, expire_subuser_sessions=True),
    )

    assert response.json() == {"success": True}
    [subuser] = subusers_of(sandbox)
    assert subuser["is_admin"] is True
    assert subuser["storage_access"] == access
    assert subuser["idle_timeout"] == 300
    assert subuser["permissions"] == 2


def test_update_refusals(sandbox, customer):
    invite_subuser(sandbox, SUB)
    unknown_storage = [{"storage_dn": "zzzz.tx.idrivee2-33.com", "buckets": ["b"]}]

    storage = sandbox.api("POST", f"{SUBUSERS}/update", pair(storage_access=unknown_storage))
    sso = sandbox.api("POST", f"{SUBUSERS}/update", pair(sso_login=True))

    assert error_code(storage) == "storage_non_existant"
    assert error_code(sso) == "sso_not_configured"


def test_subuser_activity_is_their_own_history(sandbox, customer):
    create_subuser(sandbox)
    sandbox.api("POST", f"{SUBUSERS}/disable", pair())
    body = pair(start_date="2000-01-01", end_date="2100-01-01", page_no=1)

    response = sandbox.api("POST", f"{SUBUSERS}/user_activity_history", body)

    assert response.status_code == 200
    descriptions = [entry["description"] for entry in response.json()["logs"]]
    assert descriptions == [f"Sub-user {SUB} disabled", f"Sub-user {SUB} created"]
