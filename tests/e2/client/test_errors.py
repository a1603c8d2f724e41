"""Error classification (status, then code, never message) and the human sentences."""

import re

import pytest

from portal.e2 import errors
from portal.e2.errors import (
    HUMAN_MESSAGES,
    REFUSAL_CLASSES,
    E2ConnectionError,
    E2ConnectionLost,
    E2Error,
    E2InvalidParameters,
    E2MalformedResponse,
    E2RequestRefused,
    E2ServerError,
    E2Timeout,
    E2Unauthorized,
    RequestProcessingFailed,
    UnknownRefusal,
    error_from_response,
)

from .scripted_server import Answer

DOCUMENTED_CODES = {
    "user_signed_up": "UserSignedUp",
    "email_already_in_use": "EmailAlreadyInUse",
    "account_non_existant": "AccountNonExistant",
    "user_account_already_disabled": "UserAccountAlreadyDisabled",
    "user_account_already_enabled": "UserAccountAlreadyEnabled",
    "user_account_not_disabled": "UserAccountNotDisabled",
    "region_already_enabled": "RegionAlreadyEnabled",
    "user_disabled": "UserDisabled",
    "payment_failed": "PaymentFailed",
    "storage_non_existant": "StorageNonExistant",
    "storage_not_empty": "StorageNotEmpty",
    "invalid_cors_policy": "InvalidCorsPolicy",
    "access_key_non_existant": "AccessKeyNonExistant",
    "user_not_signed_up": "UserNotSignedUp",
    "user_already_signedup": "UserAlreadySignedup",
    "maximum_limit_reached": "MaximumLimitReached",
    "sso_not_configured": "SsoNotConfigured",
    "request_processing_failed": "RequestProcessingFailed",
}
CLIENT_SIDE_KEYS = [
    "unauthorized",
    "invalid_parameters",
    "timeout",
    "connection_error",
    "connection_lost",
    "server_error",
    "malformed_response",
    "request_refused",
]


def body(code, message="msg", **extra):
    return {"error": {"type": "invalid_request_error", "code": code, "message": message, **extra}}


@pytest.mark.parametrize(("code", "class_name"), DOCUMENTED_CODES.items())
def test_each_documented_403_code_has_its_own_class(code, class_name):
    error = error_from_response(403, body(code), operation="op")
    assert type(error).__name__ == class_name
    assert type(error) is getattr(errors, class_name)
    assert isinstance(error, E2RequestRefused)
    assert error.code == code
    assert error.status == 403
    assert error.operation == "op"
    assert not error.is_transient


def test_the_registry_covers_every_documented_code():
    assert set(DOCUMENTED_CODES) <= set(REFUSAL_CLASSES)


def test_an_unknown_403_code_is_a_generic_permanent_refusal():
    error = error_from_response(403, body("brand_new_code"))
    assert type(error) is UnknownRefusal
    assert error.human_message == HUMAN_MESSAGES["request_refused"]
    assert not error.is_transient


def test_a_403_request_processing_failed_keeps_the_apis_message():
    error = error_from_response(403, body("request_processing_failed", "CNAME already configure"))
    assert type(error) is RequestProcessingFailed
    assert error.message == "CNAME already configure"


def test_status_wins_over_code_for_request_processing_failed():
    server_error = error_from_response(
        500, {"error": {"type": "api_error", "code": "request_processing_failed", "message": "x"}}
    )
    assert type(server_error) is E2ServerError
    assert server_error.is_transient
    assert server_error.human_message == HUMAN_MESSAGES["server_error"]


def test_400_carries_the_field_errors():
    errors_list = [{"field": "email", "message": "too long"}]
    error = error_from_response(400, body("invalid_parameters", errors=errors_list))
    assert type(error) is E2InvalidParameters
    assert error.errors == errors_list


def test_401_is_unauthorized_whatever_the_body():
    assert type(error_from_response(401, None)) is E2Unauthorized
    assert type(error_from_response(401, body("unauthorized"))) is E2Unauthorized


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_is_a_transient_server_error_even_without_json(status):
    error = error_from_response(status, None)
    assert type(error) is E2ServerError
    assert error.is_transient
    assert error.outcome_unknown


@pytest.mark.parametrize("status", [302, 404, 405, 418])
def test_an_undocumented_status_is_malformed(status):
    assert type(error_from_response(status, None)) is E2MalformedResponse


def test_the_message_never_decides_the_class():
    looks_like_a_conflict = body("user_disabled", "Account already disabled for the user")
    assert type(error_from_response(403, looks_like_a_conflict)).__name__ == "UserDisabled"


def test_transient_and_outcome_flags_by_class():
    assert E2Timeout().outcome_unknown and E2Timeout().is_transient
    assert E2ConnectionLost().outcome_unknown and E2ConnectionLost().is_transient
    assert not E2ConnectionError().outcome_unknown and E2ConnectionError().is_transient
    assert not E2Unauthorized().is_transient
    assert not E2MalformedResponse().is_transient


@pytest.mark.parametrize("code", list(DOCUMENTED_CODES))
def test_every_documented_code_has_a_sentence(code):
    assert HUMAN_MESSAGES[code].strip()
    assert error_from_response(403, body(code)).human_message == HUMAN_MESSAGES[code]


@pytest.mark.parametrize("key", CLIENT_SIDE_KEYS)
def test_every_client_side_failure_has_a_sentence(key):
    assert HUMAN_MESSAGES[key].strip()


@pytest.mark.parametrize(
    ("error_class", "key"),
    [
        (E2Unauthorized, "unauthorized"),
        (E2InvalidParameters, "invalid_parameters"),
        (E2Timeout, "timeout"),
        (E2ConnectionError, "connection_error"),
        (E2ConnectionLost, "connection_lost"),
        (E2ServerError, "server_error"),
        (E2MalformedResponse, "malformed_response"),
    ],
)
def test_each_error_class_speaks_its_sentence(error_class, key):
    assert error_class().human_message == HUMAN_MESSAGES[key]


@pytest.mark.parametrize(("key", "sentence"), HUMAN_MESSAGES.items())
def test_no_sentence_names_the_provider(key, sentence):
    assert "idrive" not in sentence.lower()
    assert not re.search(r"\be2\b", sentence, re.IGNORECASE)
    assert "vendor" not in sentence.lower()
    assert sentence.endswith(".")


def test_a_refusal_from_the_server_reaches_the_caller_typed(server, client):
    server.answer(
        "/api/reseller/v1/remove_user",
        Answer(status=403, json=body("user_account_not_disabled", "User account not disabled")),
    )
    with pytest.raises(errors.UserAccountNotDisabled) as raised:
        client.remove_user("ann@example.com")
    assert raised.value.attempts == 1
    assert raised.value.operation == "remove_user"
    assert isinstance(raised.value, E2Error)
