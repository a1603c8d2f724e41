"""Every call is logged once at INFO; the token and secrets never reach a log line."""

import base64
import logging

import pytest

from portal.e2.endpoints import ENDPOINTS
from portal.e2.errors import E2ServerError
from portal.e2.transport import REDACTED, redact
from portal.e2.types import Secret

from .conftest import TOKEN
from .scripted_server import Answer

PASSWORD = "correct-horse-battery"
SECRET_KEY = "s3cr3t-KEY-that-must-stay-hidden"
PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQ-private-body\n-----END PRIVATE KEY-----\n"
PASSPHRASE = "pass-phrase-42"


def secrets_in(text):
    encoded_password = base64.b64encode(PASSWORD.encode()).decode()
    needles = [TOKEN, PASSWORD, encoded_password, SECRET_KEY, "MIIEvQ-private-body", PASSPHRASE]
    return [needle for needle in needles if needle in text]


@pytest.fixture
def debug_logs(caplog):
    caplog.set_level(logging.DEBUG, logger="portal.e2")
    return caplog


def test_a_successful_call_logs_one_info_line_with_its_facts(server, client, debug_logs):
    server.answer(ENDPOINTS["create_user"].path, Answer(json={"user_created": True}))
    client.create_user("ann@example.com", PASSWORD, "Ann", quota_gb=5)
    infos = [r for r in debug_logs.records if r.levelno == logging.INFO and r.name == "portal.e2"]
    assert len(infos) == 1
    record = infos[0]
    assert record.e2_operation == "create_user"
    assert record.e2_method == "PUT"
    assert record.e2_path == "/api/reseller/v1/create_user"
    assert record.e2_status == 200
    assert record.e2_attempts == 1
    assert record.e2_outcome == "ok"
    assert isinstance(record.e2_duration_ms, int)
    assert secrets_in(debug_logs.text) == []


def test_a_created_access_key_secret_is_not_logged_or_shown(server, client, debug_logs):
    server.answer(
        ENDPOINTS["create_access_key"].path,
        Answer(json={"created": True, "data": {"access_key": "AK1", "secret_key": SECRET_KEY}}),
    )
    created = client.create_access_key("ann@example.com", "dn", "k", 2)
    assert created.secret_key.reveal() == SECRET_KEY
    assert SECRET_KEY not in repr(created)
    assert SECRET_KEY not in str(created.secret_key)
    assert secrets_in(debug_logs.text) == []


def test_a_failed_call_with_secrets_logs_its_error_code_and_no_secret(server, client, debug_logs):
    path = ENDPOINTS["add_cname"].path
    server.answer(path, Answer(status=500, json={"error": {"code": "request_processing_failed"}}))
    with pytest.raises(E2ServerError) as raised:
        client.add_cname(
            "ann@example.com", "dn", "files.example.com", "PEM", PRIVATE_KEY, None, PASSPHRASE
        )
    record = next(r for r in debug_logs.records if r.levelno == logging.INFO)
    assert record.e2_outcome == "request_processing_failed"
    assert record.e2_status == 500
    assert secrets_in(debug_logs.text) == []
    assert secrets_in(str(raised.value)) == []
    assert secrets_in(repr(raised.value)) == []
    # The request itself did carry them.
    assert server.requests_to(path)[0].json()["passphrase"] == PASSPHRASE


def test_redact_masks_secret_fields_at_any_depth():
    payload = {
        "email": "ann@example.com",
        "password": "x",
        "data": {"access_key": "AK", "secret_key": "y"},
        "items": [{"private_key": "z", "passphrase": "w", "token": "t"}],
    }
    assert redact(payload) == {
        "email": "ann@example.com",
        "password": REDACTED,
        "data": {"access_key": "AK", "secret_key": REDACTED},
        "items": [{"private_key": REDACTED, "passphrase": REDACTED, "token": REDACTED}],
    }
    assert payload["password"] == "x"  # the original is untouched


def test_the_client_repr_does_not_show_the_token(client):
    assert TOKEN not in repr(client)
    assert TOKEN not in repr(client.transport)


def test_a_secret_repr_is_masked():
    assert repr(Secret("abc")) == "Secret('********')"
    assert Secret("abc") == Secret("abc")
