"""Faults injected by the live sandbox: 500s, slow answers, dropped connections.

Each call is bounded by the client's deadline, so no test can hang.
"""

import time

import pytest

from portal.e2.client import E2Client
from portal.e2.endpoints import ENDPOINTS
from portal.e2.errors import E2ConnectionLost, E2ServerError, E2Timeout
from portal.e2.limits import PERMISSION_READ_WRITE

ANN = "ann@example.com"


def path(operation):
    return ENDPOINTS[operation].path


@pytest.fixture
def impatient(sandbox):
    """A client with a 0.5 s read timeout and a 3 s deadline."""
    client = E2Client(
        sandbox.url,
        sandbox.token,
        connect_timeout=1.0,
        read_timeout=0.5,
        deadline=3.0,
        max_attempts=3,
        backoff_base=0.01,
        backoff_cap=0.05,
    )
    yield client
    client.close()


@pytest.fixture
def storage_dn(sandbox_client, sandbox):
    sandbox_client.create_user(ANN, "Secret-123", "Ann", quota_gb=10)
    storage_dn = sandbox_client.enable_user_region(ANN, "NY")
    sandbox.clear_request_counts()
    return storage_dn


def test_create_access_key_is_called_once_after_a_500(sandbox_client, sandbox, storage_dn):
    sandbox.fault(path("create_access_key"), times=2, status=500)
    with pytest.raises(E2ServerError) as raised:
        sandbox_client.create_access_key(ANN, storage_dn, "backup", PERMISSION_READ_WRITE)
    assert raised.value.outcome_unknown
    assert sandbox.request_counts()[path("create_access_key")] == 1


def test_list_users_is_retried_through_two_500s(sandbox_client, sandbox):
    sandbox.fault(path("list_users"), times=2, status=500)
    assert len(sandbox_client.list_users()) == 0
    assert sandbox.request_counts()[path("list_users")] == 3


def test_a_read_past_the_read_timeout_is_retried_and_succeeds(impatient, sandbox):
    sandbox.fault(path("list_regions"), times=1, delay_ms=1500)
    started = time.monotonic()
    assert impatient.list_regions()
    assert time.monotonic() - started < 3.0
    assert sandbox.request_counts()[path("list_regions")] == 2


def test_a_read_that_always_times_out_gives_up_by_the_deadline(impatient, sandbox):
    sandbox.fault(path("list_users"), times=10, delay_ms=1500)
    started = time.monotonic()
    with pytest.raises(E2Timeout) as raised:
        impatient.list_users()
    assert time.monotonic() - started < 3.0 + 0.5
    assert raised.value.outcome_unknown is False
    assert raised.value.human_message


def test_a_create_past_the_read_timeout_is_not_repeated(impatient, sandbox_client, sandbox):
    sandbox.fault(path("create_user"), times=1, delay_ms=1500)
    with pytest.raises(E2Timeout) as raised:
        impatient.create_user(ANN, "Secret-123", "Ann", quota_gb=10)
    assert raised.value.outcome_unknown
    assert sandbox.request_counts()[path("create_user")] == 1
    # The sandbox finishes the create after its delay: the caller must reconcile, not repeat.
    time.sleep(1.2)
    assert [user.email for user in sandbox_client.list_users()] == [ANN]


def test_a_dropped_connection_on_a_create_is_outcome_unknown(sandbox_client, sandbox):
    sandbox.fault(path("create_user"), times=1, drop=True)
    with pytest.raises(E2ConnectionLost) as raised:
        sandbox_client.create_user(ANN, "Secret-123", "Ann", quota_gb=10)
    assert raised.value.outcome_unknown
    assert sandbox.request_counts()[path("create_user")] == 1


def test_a_create_committed_then_reset_is_not_repeated(sandbox_client, sandbox, storage_dn):
    sandbox.fault(path("create_access_key"), times=1, commit_then_reset=True)
    with pytest.raises(E2ConnectionLost):
        sandbox_client.create_access_key(ANN, storage_dn, "op-1234", PERMISSION_READ_WRITE)
    assert sandbox.request_counts()[path("create_access_key")] == 1
    # The orphan key exists, findable by its name for the caller's reconciliation.
    assert [key.name for key in sandbox_client.list_access_keys(ANN, storage_dn)] == ["op-1234"]


def test_a_read_survives_a_dropped_connection(sandbox_client, sandbox):
    sandbox.fault(path("list_regions"), times=1, drop=True)
    assert sandbox_client.list_regions()
    assert sandbox.request_counts()[path("list_regions")] == 2


def test_disable_committed_then_500_is_replayed_to_success(sandbox_client, sandbox):
    sandbox_client.create_user(ANN, "Secret-123", "Ann", quota_gb=10)
    sandbox.clear_request_counts()
    sandbox.fault(path("disable_user"), times=1, commit_then_status=500)
    sandbox_client.disable_user(ANN)
    assert sandbox.request_counts()[path("disable_user")] == 2
    assert sandbox_client.list_users().users[0].is_active is False


def test_enable_region_committed_then_reset_returns_the_storage_dn(sandbox_client, sandbox):
    sandbox_client.create_user(ANN, "Secret-123", "Ann", quota_gb=10)
    sandbox.fault(path("enable_user_region"), times=1, commit_then_reset=True)
    storage_dn = sandbox_client.enable_user_region(ANN, "NY")
    assert [region.storage_dn for region in sandbox_client.list_user_regions(ANN)] == [storage_dn]


def test_a_remove_after_a_500_is_not_repeated(sandbox_client, sandbox):
    sandbox_client.create_user(ANN, "Secret-123", "Ann", quota_gb=10)
    sandbox_client.disable_user(ANN)
    sandbox.clear_request_counts()
    sandbox.fault(path("remove_user"), times=1, commit_then_status=500)
    with pytest.raises(E2ServerError) as raised:
        sandbox_client.remove_user(ANN)
    assert raised.value.outcome_unknown
    assert sandbox.request_counts()[path("remove_user")] == 1
    assert len(sandbox_client.list_users()) == 0


def test_every_path_can_fail_and_nothing_hangs(impatient, sandbox):
    sandbox.fault("*", times=100, delay_ms=1500)
    started = time.monotonic()
    with pytest.raises(E2Timeout):
        impatient.list_users()
    with pytest.raises(E2Timeout):
        impatient.create_user(ANN, "Secret-123", "Ann", quota_gb=10)
    assert time.monotonic() - started < 2 * 3.0 + 1.0
