"""Sub-user operations against the live sandbox: every success and documented error."""

import datetime

import pytest

from portal.e2.errors import (
    AccountNonExistant,
    MaximumLimitReached,
    SsoNotConfigured,
    StorageNonExistant,
    UserAccountAlreadyDisabled,
    UserAccountAlreadyEnabled,
    UserAccountNotDisabled,
    UserAlreadySignedup,
    UserNotSignedUp,
)
from portal.e2.limits import PERMISSION_READ, SUBUSER_LIMIT
from portal.e2.types import StorageAccess, SubuserSettings

ADMIN = "ann@example.com"
BOB = "bob@example.com"
TODAY = datetime.date.today()


@pytest.fixture
def admin(sandbox_client):
    sandbox_client.create_user(ADMIN, "Secret-123", "Ann", quota_gb=100)
    return ADMIN


@pytest.fixture
def bob(sandbox_client, admin):
    """A signed-up, enabled sub-user."""
    sandbox_client.create_subuser(admin, SubuserSettings(BOB), "Bob", "Stone", "Secret-456")
    return BOB


def only_subuser(sandbox_client):
    (subuser,) = sandbox_client.list_subusers(ADMIN)
    return subuser


def test_invite_and_list_a_subuser(sandbox_client, admin):
    storage_dn = sandbox_client.enable_user_region(admin, "NY")
    settings = SubuserSettings(
        BOB,
        permissions=PERMISSION_READ,
        idle_timeout=600,
        disable_delete_object=True,
        storage_access=(StorageAccess(storage_dn, ("photos",)),),
    )
    invite_url = sandbox_client.invite_subuser(admin, settings)
    assert invite_url.startswith("https://")
    subuser = only_subuser(sandbox_client)
    assert subuser.email == BOB
    assert subuser.signed_up is False
    assert subuser.invite_url == invite_url
    assert subuser.permissions == PERMISSION_READ
    assert subuser.idle_timeout == 600
    assert subuser.storage_access == (StorageAccess(storage_dn, ("photos",)),)


def test_create_a_signed_up_subuser(sandbox_client, bob):
    subuser = only_subuser(sandbox_client)
    assert subuser.signed_up is True
    assert (subuser.first_name, subuser.last_name) == ("Bob", "Stone")
    assert subuser.is_active is True


def test_disable_enable_and_remove_a_subuser(sandbox_client, admin, bob):
    sandbox_client.disable_subuser(admin, bob)
    assert only_subuser(sandbox_client).is_active is False
    sandbox_client.enable_subuser(admin, bob)
    assert only_subuser(sandbox_client).is_active is True
    sandbox_client.disable_subuser(admin, bob)
    sandbox_client.remove_subuser(admin, bob)
    assert sandbox_client.list_subusers(admin) == []


def test_cancel_an_invitation(sandbox_client, admin):
    sandbox_client.invite_subuser(admin, SubuserSettings(BOB))
    sandbox_client.cancel_subuser_invite(admin, BOB)
    assert sandbox_client.list_subusers(admin) == []


def test_update_changes_only_the_given_settings(sandbox_client, admin, bob):
    before = only_subuser(sandbox_client)
    sandbox_client.update_subuser(
        admin, bob, is_admin=True, idle_timeout=900, expire_subuser_sessions=True
    )
    after = only_subuser(sandbox_client)
    assert after.is_admin is True
    assert after.idle_timeout == 900
    assert after.permissions == before.permissions
    assert after.concurrent_sessions == before.concurrent_sessions


def test_update_bucket_access(sandbox_client, admin, bob):
    storage_dn = sandbox_client.enable_user_region(admin, "NY")
    sandbox_client.update_subuser(
        admin, bob, storage_access=[StorageAccess(storage_dn, ("b1", "b2"))]
    )
    assert only_subuser(sandbox_client).storage_access == (StorageAccess(storage_dn, ("b1", "b2")),)


def test_subuser_activity_history(sandbox_client, admin, bob):
    page = sandbox_client.subuser_activity_history(
        admin, bob, TODAY - datetime.timedelta(days=1), TODAY
    )
    assert page.total_records >= 1
    entries = list(
        sandbox_client.iter_subuser_activity(admin, bob, TODAY - datetime.timedelta(days=1), TODAY)
    )
    assert len(entries) == page.total_records


def test_operations_on_an_invited_subuser_are_user_not_signed_up(sandbox_client, admin):
    sandbox_client.invite_subuser(admin, SubuserSettings(BOB))
    for operation in ("disable_subuser", "enable_subuser", "remove_subuser"):
        with pytest.raises(UserNotSignedUp):
            getattr(sandbox_client, operation)(admin, BOB)
    with pytest.raises(UserNotSignedUp):
        sandbox_client.subuser_activity_history(admin, BOB, TODAY, TODAY)


def test_a_signed_up_subuser_is_user_already_signedup(sandbox_client, sandbox, admin):
    sandbox_client.invite_subuser(admin, SubuserSettings(BOB))
    sandbox.sign_up_subuser(admin, BOB)
    with pytest.raises(UserAlreadySignedup):
        sandbox_client.cancel_subuser_invite(admin, BOB)
    with pytest.raises(UserAlreadySignedup):
        sandbox_client.invite_subuser(admin, SubuserSettings(BOB))
    with pytest.raises(UserAlreadySignedup):
        sandbox_client.create_subuser(admin, SubuserSettings(BOB), "Bob", "", "Secret-456")


def test_disabling_twice_and_enabling_an_enabled_subuser(sandbox_client, admin, bob):
    with pytest.raises(UserAccountAlreadyEnabled):
        sandbox_client.enable_subuser(admin, bob)
    sandbox_client.disable_subuser(admin, bob)
    with pytest.raises(UserAccountAlreadyDisabled):
        sandbox_client.disable_subuser(admin, bob)


def test_removing_an_enabled_subuser_is_refused(sandbox_client, admin, bob):
    with pytest.raises(UserAccountNotDisabled):
        sandbox_client.remove_subuser(admin, bob)


def test_an_unknown_subuser_is_account_non_existant(sandbox_client, admin):
    with pytest.raises(AccountNonExistant):
        sandbox_client.disable_subuser(admin, "ghost@example.com")
    with pytest.raises(AccountNonExistant):
        sandbox_client.update_subuser(admin, "ghost@example.com", is_admin=True)


def test_an_unknown_admin_account_is_account_non_existant(sandbox_client):
    with pytest.raises(AccountNonExistant):
        sandbox_client.list_subusers("nobody@example.com")


def test_the_subuser_limit_is_maximum_limit_reached(sandbox_client, admin):
    for number in range(SUBUSER_LIMIT):
        sandbox_client.invite_subuser(admin, SubuserSettings(f"member{number}@example.com"))
    with pytest.raises(MaximumLimitReached) as raised:
        sandbox_client.invite_subuser(admin, SubuserSettings("one-too-many@example.com"))
    assert raised.value.message  # the API explains the limit
    with pytest.raises(MaximumLimitReached):
        sandbox_client.create_subuser(
            admin, SubuserSettings("one-more@example.com"), "X", "", "Secret-456"
        )


def test_sso_without_configuration_is_sso_not_configured(sandbox_client, admin, bob):
    with pytest.raises(SsoNotConfigured):
        sandbox_client.invite_subuser(admin, SubuserSettings("carol@example.com", sso_login=True))
    with pytest.raises(SsoNotConfigured):
        sandbox_client.update_subuser(admin, bob, sso_login=True)


def test_sso_once_configured(sandbox_client, sandbox, admin):
    sandbox.control("POST", "sso", {"admin_email": admin, "configured": True})
    sandbox_client.invite_subuser(admin, SubuserSettings("carol@example.com", sso_login=True))
    assert only_subuser(sandbox_client).sso_login is True


def test_access_to_an_unknown_storage_is_storage_non_existant(sandbox_client, admin, bob):
    access = (StorageAccess("nope.example.com", ("b1",)),)
    with pytest.raises(StorageNonExistant):
        sandbox_client.invite_subuser(
            admin, SubuserSettings("carol@example.com", storage_access=access)
        )
    with pytest.raises(StorageNonExistant):
        sandbox_client.create_subuser(
            admin, SubuserSettings("dave@example.com", storage_access=access), "D", "", "Pw-12345"
        )
    with pytest.raises(StorageNonExistant):
        sandbox_client.update_subuser(admin, bob, storage_access=access)
