"""Reseller user operations against the live sandbox: every success and documented error."""

import datetime

import pytest

from portal.e2.client import E2Client
from portal.e2.errors import (
    AccountNonExistant,
    E2InvalidParameters,
    E2Unauthorized,
    EmailAlreadyInUse,
    UserAccountAlreadyDisabled,
    UserAccountAlreadyEnabled,
    UserAccountNotDisabled,
    UserSignedUp,
)

ANN = "ann@example.com"
TODAY = datetime.date.today()


@pytest.fixture
def ann(sandbox_client):
    sandbox_client.create_user(ANN, "Secret-123", "Ann", "Lee", quota_gb=100)
    return ANN


def test_create_then_list_a_user(sandbox_client, ann):
    users = sandbox_client.list_users()
    assert users.reseller_id
    (user,) = users.users
    assert (user.email, user.first_name, user.last_name) == (ANN, "Ann", "Lee")
    assert user.storage_quota == 100
    assert user.storage_used == 0
    assert user.is_active and user.is_signed_up
    assert user.account_creation_timestamp


def test_create_user_without_a_last_name(sandbox_client):
    sandbox_client.create_user("bob@example.com", "Secret-123", "Bob", quota_gb=0)
    assert sandbox_client.list_users().users[0].last_name == ""


def test_disable_enable_and_remove_a_user(sandbox_client, ann):
    sandbox_client.disable_user(ann)
    assert sandbox_client.list_users().users[0].is_active is False
    sandbox_client.enable_user(ann)
    assert sandbox_client.list_users().users[0].is_active is True
    sandbox_client.disable_user(ann)
    sandbox_client.remove_user(ann)
    assert len(sandbox_client.list_users()) == 0


def test_usage_stats_are_daily_bytes(sandbox_client, sandbox, ann):
    sandbox.set_usage(
        ann,
        [
            {"date": "2025-05-01", "disk_used": 1000, "uploads": 10, "downloads": 20},
            {"date": "2025-05-02", "disk_used": 2000, "uploads": 30, "downloads": 40},
            {"date": "2025-06-01", "disk_used": 9000, "uploads": 0, "downloads": 0},
        ],
    )
    days = sandbox_client.usage_stats(ann, datetime.date(2025, 5, 1), datetime.date(2025, 5, 31))
    assert [(day.date, day.disk_used, day.uploads, day.downloads) for day in days] == [
        (datetime.date(2025, 5, 1), 1000, 10, 20),
        (datetime.date(2025, 5, 2), 2000, 30, 40),
    ]


def test_activity_history_pages_and_iterates(sandbox_client, sandbox, ann):
    sandbox.control("POST", "activity", {"email": ann, "count": 250, "date": "2025-05-10"})
    start, end = datetime.date(2025, 5, 1), datetime.date(2025, 5, 31)
    first = sandbox_client.user_activity_history(ann, start, end, 1)
    assert (first.total_records, first.page_no, first.records_per_page) == (250, 1, 200)
    assert len(first.logs) == 200
    assert first.logs[0].ip
    entries = list(sandbox_client.iter_user_activity(ann, start, end))
    assert len(entries) == 250
    assert len({entry.description for entry in entries}) == 250


def test_activity_of_today_includes_the_creation(sandbox_client, ann):
    entries = list(
        sandbox_client.iter_user_activity(ann, TODAY - datetime.timedelta(days=1), TODAY)
    )
    assert any("created" in entry.description.lower() for entry in entries)


def test_creating_an_existing_user_is_user_signed_up(sandbox_client, ann):
    with pytest.raises(UserSignedUp) as raised:
        sandbox_client.create_user(ann, "Secret-123", "Ann", quota_gb=1)
    assert raised.value.status == 403
    assert raised.value.human_message


def test_an_email_of_an_independent_account_is_in_use(sandbox_client):
    with pytest.raises(EmailAlreadyInUse):
        sandbox_client.create_user("taken@example.com", "Secret-123", "T", quota_gb=1)


@pytest.mark.parametrize("operation", ["disable_user", "enable_user", "remove_user"])
def test_an_unknown_email_is_account_non_existant(sandbox_client, operation):
    with pytest.raises(AccountNonExistant):
        getattr(sandbox_client, operation)("nobody@example.com")


def test_usage_and_activity_of_an_unknown_email(sandbox_client):
    with pytest.raises(AccountNonExistant):
        sandbox_client.usage_stats("nobody@example.com", TODAY, TODAY)
    with pytest.raises(AccountNonExistant):
        sandbox_client.user_activity_history("nobody@example.com", TODAY, TODAY)


def test_disabling_twice_is_already_disabled(sandbox_client, ann):
    sandbox_client.disable_user(ann)
    with pytest.raises(UserAccountAlreadyDisabled):
        sandbox_client.disable_user(ann)


def test_enabling_an_enabled_user_is_already_enabled(sandbox_client, ann):
    with pytest.raises(UserAccountAlreadyEnabled):
        sandbox_client.enable_user(ann)


def test_removing_an_enabled_user_is_refused(sandbox_client, ann):
    with pytest.raises(UserAccountNotDisabled):
        sandbox_client.remove_user(ann)
    assert len(sandbox_client.list_users()) == 1


def test_bad_input_is_invalid_parameters_with_field_errors(sandbox_client):
    with pytest.raises(E2InvalidParameters) as raised:
        sandbox_client.create_user("not-an-email", "Secret-123", "X" * 65, quota_gb=-1)
    assert raised.value.status == 400
    assert raised.value.errors


def test_a_wrong_token_is_unauthorized_and_not_retried(sandbox):
    client = E2Client(sandbox.url, "wrong-token", max_attempts=3, backoff_base=0.0)
    with client, pytest.raises(E2Unauthorized) as raised:
        client.list_users()
    assert raised.value.status == 401
    assert raised.value.attempts == 1
    assert sandbox.request_counts().get("/api/reseller/v1/users", 0) <= 1
