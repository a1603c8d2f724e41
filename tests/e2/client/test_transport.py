"""The HTTP mechanics: no transport retries, headers, timeouts, deadline, body limits."""

import time

import pytest

from portal.e2.client import E2Client
from portal.e2.errors import (
    E2ConnectionError,
    E2ConnectionLost,
    E2MalformedResponse,
    E2ServerError,
    E2Timeout,
)

from .conftest import TOKEN
from .scripted_server import Answer

USERS = "/api/reseller/v1/users"
CREATE_USER = "/api/reseller/v1/create_user"
REGIONS = "/api/reseller/v1/regions"


def test_transport_level_retries_are_switched_off():
    client = E2Client("https://api.example.test", TOKEN)
    for prefix in ("https://", "http://"):
        retry = client.transport.session.get_adapter(prefix + "api.example.test").max_retries
        assert retry.total == 0
        assert retry.read == 0
        assert retry.connect == 0


def test_default_timeouts_are_explicit():
    client = E2Client("https://api.example.test", TOKEN)
    assert client.transport.connect_timeout == 3.05
    assert client.transport.read_timeout == 20
    assert client.transport.deadline > client.transport.read_timeout


def test_every_call_sends_the_token_a_portal_user_agent_and_json(server, client):
    server.answer(CREATE_USER, Answer(json={"user_created": True}))
    client.create_user("ann@example.com", "pw", "Ann", quota_gb=10)
    request = server.requests_to(CREATE_USER)[0]
    assert request.method == "PUT"
    assert request.headers["token"] == TOKEN
    assert request.headers["User-Agent"].startswith("reseller-portal/")
    assert request.headers["Content-Type"] == "application/json"
    assert request.json()["email"] == "ann@example.com"


def test_connections_are_pooled_between_calls(server, client):
    server.route(USERS, lambda request: Answer(json={"id": "r1", "users": []}))
    client.list_users()
    client.list_users()
    first, second = server.requests_to(USERS)
    assert first.client_port == second.client_port


def test_success_that_is_not_json_is_malformed(server, client):
    server.answer(USERS, Answer(body=b'{"users": [', content_type="application/json"))
    with pytest.raises(E2MalformedResponse) as raised:
        client.list_users()
    assert raised.value.status == 200
    assert not raised.value.is_transient


def test_success_of_the_wrong_shape_is_malformed(server, client):
    server.answer(USERS, Answer(json={"id": "r1", "users": "nobody"}))
    with pytest.raises(E2MalformedResponse):
        client.list_users()


def test_html_502_from_a_proxy_is_a_transient_server_error(server, make_client):
    client = make_client(max_attempts=1)
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    server.answer(USERS, Answer(status=502, body=page, content_type="text/html"))
    with pytest.raises(E2ServerError) as raised:
        client.list_users()
    assert raised.value.status == 502
    assert raised.value.is_transient


def test_an_answer_larger_than_the_limit_is_refused(server, make_client):
    client = make_client(max_body_bytes=1024)
    server.answer(USERS, Answer(body=b"[" + b" " * 100_000 + b"]"))
    with pytest.raises(E2MalformedResponse, match="larger than"):
        client.list_users()


def test_a_slow_drip_cannot_keep_a_call_past_its_deadline(server, make_client):
    # Each byte arrives well within the read timeout, so only the deadline can stop it.
    client = make_client(read_timeout=1.0, deadline=1.5, max_attempts=1)
    server.answer(REGIONS, Answer(body=b"[" + b" " * 200 + b"]", drip_interval=0.05))
    started = time.monotonic()
    with pytest.raises(E2Timeout):
        client.list_regions()
    assert time.monotonic() - started < 1.5 + 0.3


def test_an_answer_later_than_the_read_timeout_is_a_timeout(server, make_client):
    client = make_client(read_timeout=0.3, max_attempts=1)
    server.answer(REGIONS, Answer(json=[], delay=1.0))
    started = time.monotonic()
    with pytest.raises(E2Timeout) as raised:
        client.list_regions()
    assert time.monotonic() - started < 0.9
    assert raised.value.is_transient


def test_a_refused_connection_sent_nothing_and_is_retried_even_for_creates(unused_tcp_port):
    client = E2Client(
        f"http://127.0.0.1:{unused_tcp_port}", TOKEN, max_attempts=3, backoff_base=0.0
    )
    with pytest.raises(E2ConnectionError) as raised:
        client.create_user("ann@example.com", "pw", "Ann", quota_gb=1)
    assert raised.value.attempts == 3
    assert raised.value.outcome_unknown is False
    assert raised.value.is_transient


def test_a_reset_after_sending_leaves_the_outcome_unknown_and_is_not_retried(server, client):
    server.answer(CREATE_USER, Answer(reset=True))
    with pytest.raises(E2ConnectionLost) as raised:
        client.create_user("ann@example.com", "pw", "Ann", quota_gb=1)
    assert not isinstance(raised.value, E2ConnectionError)
    assert raised.value.outcome_unknown is True
    assert server.calls(CREATE_USER) == 1


def test_redirects_are_not_followed(server, client):
    server.answer(USERS, Answer(status=302, json={}, headers={"Location": "http://elsewhere/"}))
    with pytest.raises(E2MalformedResponse) as raised:
        client.list_users()
    assert raised.value.status == 302
    assert server.calls(USERS) == 1


@pytest.mark.django_db
def test_get_client_reads_the_settings_and_explicit_arguments_win(settings):
    from portal.e2.client import get_client
    from portal.e2.models import ApiCredential

    settings.E2_API_URL = "https://api.example.test/"
    settings.E2_API_TOKEN = "from-settings"
    settings.E2_CONNECT_TIMEOUT = 1.5
    client = get_client(read_timeout=7.0)
    assert client.transport.base_url == "https://api.example.test"
    assert client.transport._headers["token"] == "from-settings"
    assert client.transport.read_timeout == 7.0
    assert client.transport.connect_timeout == 1.5
    assert get_client(token="explicit").transport._headers["token"] == "explicit"
    # A token the owner saved in the portal wins over the environment's.
    ApiCredential.objects.create(token="saved-by-the-owner")
    assert get_client().transport._headers["token"] == "saved-by-the-owner"
