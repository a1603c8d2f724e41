import json
import logging

import pytest

from portal.observability import RedactSecretsFilter, RequestIdFilter, redact, request_id_var


def _format(record: logging.LogRecord) -> dict:
    from pythonjsonlogger.json import JsonFormatter

    RequestIdFilter().filter(record)
    RedactSecretsFilter().filter(record)
    return json.loads(
        JsonFormatter("%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s").format(
            record
        )
    )


def _record(message, *args, **extra):
    record = logging.LogRecord("portal.test", logging.INFO, __file__, 1, message, args, None)
    for name, value in extra.items():
        setattr(record, name, value)
    return record


def test_every_line_carries_the_request_id():
    token = request_id_var.set("req-1234567890")
    try:
        line = _format(_record("hello"))
    finally:
        request_id_var.reset(token)
    assert line["request_id"] == "req-1234567890"
    assert line["message"] == "hello"


@pytest.mark.parametrize(
    "message",
    [
        "calling e2 with token=s3cr3t-token-value",
        'body {"password": "s3cr3t-token-value"}',
        "headers {'token': 's3cr3t-token-value'}",
        "secret_key: s3cr3t-token-value",
        "passphrase=s3cr3t-token-value&x=1",
    ],
)
def test_secret_values_never_reach_a_log_line(message):
    line = json.dumps(_format(_record(message)))
    assert "s3cr3t-token-value" not in line
    assert "[redacted]" in line


def test_private_keys_are_cut_out_of_log_lines():
    pem = "-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBg\n-----END PRIVATE KEY-----"
    assert "MIIEvAIBADANBg" not in redact(f"uploading {pem} now")


def test_secret_fields_passed_as_extra_are_masked():
    line = _format(_record("e2 call", token="s3cr3t-token-value", operation="list_users"))
    assert line["token"] == "[redacted]"
    assert line["operation"] == "list_users"


@pytest.mark.django_db
def test_an_e2_call_through_the_portal_logs_no_token(client, e2, settings, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/readyz")
    raw = "\n".join(r.getMessage() + repr(vars(r)) for r in caplog.records)
    formatted = "\n".join(json.dumps(_format(r), default=str) for r in caplog.records)
    logged = raw + formatted
    assert any(r.name.startswith("portal.e2") for r in caplog.records)
    assert settings.E2_API_TOKEN not in logged
