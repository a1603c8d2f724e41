"""Retries follow the idempotency map: reads repeat, creates and removals never do."""

import time

import pytest

from portal.e2.client import E2Client
from portal.e2.endpoints import ENDPOINTS
from portal.e2.errors import (
    AccountNonExistant,
    E2InvalidParameters,
    E2ServerError,
    E2Timeout,
    E2Unauthorized,
    UserAccountAlreadyDisabled,
)
from portal.e2.transport import RETRY_ON, Kind
from portal.e2.types import SubuserSettings

from .conftest import TOKEN
from .scripted_server import Answer

SERVER_ERROR = Answer(
    status=500,
    json={
        "error": {
            "type": "api_error",
            "code": "request_processing_failed",
            "message": "Unable to process this request, please try again later",
        }
    },
)
PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


def refused(code):
    return Answer(status=403, json={"error": {"type": "invalid_request_error", "code": code}})


# One call per create or destructive operation: none may be repeated after a 500.
NOT_REPEATED = {
    "create_user": lambda c: c.create_user("a@example.com", "pw", "A", quota_gb=1),
    "create_access_key": lambda c: c.create_access_key("a@example.com", "dn", "k", 2),
    "add_cname": lambda c: c.add_cname("a@example.com", "dn", "files.example.com", PEM, "k"),
    "invite_subuser": lambda c: c.invite_subuser("a@example.com", SubuserSettings("b@x.com")),
    "create_subuser": lambda c: c.create_subuser(
        "a@example.com", SubuserSettings("b@x.com"), "B", "", "pw"
    ),
    "remove_user": lambda c: c.remove_user("a@example.com"),
    "remove_user_region": lambda c: c.remove_user_region("a@example.com", "dn"),
    "remove_access_key": lambda c: c.remove_access_key("a@example.com", "dn", "AK"),
    "remove_cname": lambda c: c.remove_cname("a@example.com", "dn", "files.example.com"),
    "remove_subuser": lambda c: c.remove_subuser("a@example.com", "b@x.com"),
    "cancel_subuser_invite": lambda c: c.cancel_subuser_invite("a@example.com", "b@x.com"),
}


def test_the_idempotency_map_classifies_every_operation():
    kinds = {name: endpoint.kind for name, endpoint in ENDPOINTS.items()}
    assert {name for name, kind in kinds.items() if kind is Kind.CREATE} == {
        "create_user",
        "create_access_key",
        "add_cname",
        "invite_subuser",
        "create_subuser",
    }
    assert {name for name, kind in kinds.items() if kind is Kind.IDEMPOTENT} == {
        "disable_user",
        "enable_user",
        "enable_user_region",
        "set_cors",
        "update_cname",
        "disable_subuser",
        "enable_subuser",
        "update_subuser",
    }
    assert {name for name, kind in kinds.items() if kind is Kind.DESTRUCTIVE} == set(
        NOT_REPEATED
    ) - {"create_user", "create_access_key", "add_cname", "invite_subuser", "create_subuser"}
    assert len(ENDPOINTS) == 28
    assert E2Timeout not in RETRY_ON[Kind.IDEMPOTENT]


@pytest.mark.parametrize("operation", list(NOT_REPEATED))
def test_creates_and_removals_are_not_repeated_after_a_500(server, client, operation):
    path = ENDPOINTS[operation].path
    server.answer(path, SERVER_ERROR, SERVER_ERROR)
    with pytest.raises(E2ServerError) as raised:
        NOT_REPEATED[operation](client)
    assert server.calls(path) == 1
    assert raised.value.outcome_unknown is True
    assert raised.value.attempts == 1


def test_a_create_is_not_repeated_after_a_read_timeout(server, make_client):
    client = make_client(read_timeout=0.3)
    path = ENDPOINTS["create_access_key"].path
    server.answer(path, Answer(json={"created": True}, delay=0.8))
    with pytest.raises(E2Timeout) as raised:
        client.create_access_key("a@example.com", "dn", "k", 2)
    assert raised.value.outcome_unknown is True
    assert server.calls(path) == 1


def test_a_read_is_retried_after_500s_and_then_succeeds(server, client):
    path = ENDPOINTS["list_users"].path
    server.answer(path, SERVER_ERROR, SERVER_ERROR, Answer(json={"id": "r", "users": []}))
    assert len(client.list_users()) == 0
    assert server.calls(path) == 3


def test_a_read_is_retried_after_a_timeout(server, make_client):
    client = make_client(read_timeout=0.3)
    path = ENDPOINTS["list_regions"].path
    server.answer(path, Answer(json=[], delay=0.8), Answer(json=[]))
    assert client.list_regions() == []
    assert server.calls(path) == 2


def test_a_failing_read_gives_up_after_max_attempts(server, make_client):
    client = make_client(max_attempts=4)
    path = ENDPOINTS["list_users"].path
    server.route(path, lambda request: SERVER_ERROR)
    with pytest.raises(E2ServerError) as raised:
        client.list_users()
    assert server.calls(path) == 4
    assert raised.value.attempts == 4
    assert raised.value.outcome_unknown is False  # a read changes nothing


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (Answer(status=400, json={"error": {"code": "invalid_parameters"}}), E2InvalidParameters),
        (Answer(status=401, json={"error": {"code": "unauthorized"}}), E2Unauthorized),
        (refused("account_non_existant"), AccountNonExistant),
    ],
)
def test_4xx_answers_are_never_retried(server, client, answer, error_class):
    path = ENDPOINTS["list_user_regions"].path
    server.route(path, lambda request: answer)
    with pytest.raises(error_class):
        client.list_user_regions("a@example.com")
    assert server.calls(path) == 1


def test_an_idempotent_command_replayed_after_a_500_maps_already_done_to_success(server, client):
    path = ENDPOINTS["disable_user"].path
    server.answer(path, SERVER_ERROR, refused("user_account_already_disabled"))
    assert client.disable_user("a@example.com") is None
    assert server.calls(path) == 2


def test_already_done_without_an_ambiguous_attempt_is_an_error(server, client):
    path = ENDPOINTS["disable_user"].path
    server.answer(path, refused("user_account_already_disabled"))
    with pytest.raises(UserAccountAlreadyDisabled):
        client.disable_user("a@example.com")
    assert server.calls(path) == 1


def test_an_idempotent_command_is_not_retried_after_a_timeout(server, make_client):
    client = make_client(read_timeout=0.3)
    path = ENDPOINTS["enable_user"].path
    server.answer(path, Answer(json={"user_enabled": True}, delay=0.8))
    with pytest.raises(E2Timeout) as raised:
        client.enable_user("a@example.com")
    assert raised.value.outcome_unknown is True
    assert server.calls(path) == 1


def test_enable_region_replayed_after_a_500_reads_back_the_storage_dn(server, client):
    server.answer(
        ENDPOINTS["enable_user_region"].path, SERVER_ERROR, refused("region_already_enabled")
    )
    server.answer(
        ENDPOINTS["list_user_regions"].path,
        Answer(json={"user_regions": [{"region_key": "NY", "storage_dn": "s1.ny.example.com"}]}),
    )
    assert client.enable_user_region("a@example.com", "NY") == "s1.ny.example.com"


def test_backoff_is_full_jitter_under_a_cap():
    client = E2Client("http://127.0.0.1:9", TOKEN, backoff_base=0.5, backoff_cap=3.0)
    for failed_attempts in range(1, 8):
        ceiling = min(3.0, 0.5 * 2 ** (failed_attempts - 1))
        delays = [client.transport.backoff_delay(failed_attempts) for _ in range(200)]
        assert all(0 <= delay <= ceiling for delay in delays)
        assert len(set(delays)) > 1


def test_retries_stop_at_the_deadline_whatever_max_attempts(server, make_client):
    client = make_client(max_attempts=50, deadline=1.0, backoff_base=0.2, backoff_cap=0.3)
    path = ENDPOINTS["list_users"].path
    server.route(path, lambda request: SERVER_ERROR)
    started = time.monotonic()
    with pytest.raises(E2ServerError) as raised:
        client.list_users()
    assert time.monotonic() - started < 1.0 + 0.3
    assert 1 < raised.value.attempts < 50
