"""Faults armed through /_sandbox/faults: statuses, delays, drops, commit-then-fail."""

import threading
import time

import pytest
import requests

from .conftest import CUSTOMER, RESELLER, create_user, error_code

USERS = f"{RESELLER}/users"
CREATE_USER = f"{RESELLER}/create_user"
SERVER_ERROR = {
    "error": {
        "type": "api_error",
        "code": "request_processing_failed",
        "message": "Unable to process this request, please try again later",
    }
}


def test_a_500_fault_answers_the_documented_body_for_its_count(sandbox):
    sandbox.fault(USERS, times=2, status=500)

    first, second, third = (sandbox.api("GET", USERS) for _ in range(3))

    assert (first.status_code, second.status_code, third.status_code) == (500, 500, 200)
    assert first.json() == SERVER_ERROR


def test_a_fault_on_one_path_leaves_the_others_alone(sandbox):
    sandbox.fault(USERS, status=503)

    assert sandbox.api("GET", f"{RESELLER}/regions").status_code == 200
    assert sandbox.api("GET", USERS).status_code == 503


def test_a_star_fault_hits_any_path(sandbox):
    sandbox.fault("*", times=1, status=500)

    assert sandbox.api("GET", f"{RESELLER}/regions").status_code == 500
    assert sandbox.api("GET", USERS).status_code == 200


def test_a_403_fault_answers_the_code_given(sandbox):
    sandbox.fault(CREATE_USER, status=403, code="payment_failed")

    response = create_user(sandbox)

    assert response.status_code == 403
    assert response.json()["error"] == {
        "type": "invalid_request_error",
        "code": "payment_failed",
        "message": "Account expired please update payment info",
    }
    assert sandbox.api("GET", USERS).json()["users"] == []


def test_a_fault_before_the_operation_changes_nothing(sandbox):
    sandbox.fault(CREATE_USER, status=500)

    assert create_user(sandbox).status_code == 500
    assert sandbox.api("GET", USERS).json()["users"] == []


def test_an_after_fault_applies_the_operation_then_fails(sandbox):
    sandbox.fault(CREATE_USER, status=500, after=True)

    assert create_user(sandbox).status_code == 500
    assert [user["email"] for user in sandbox.api("GET", USERS).json()["users"]] == [CUSTOMER]
    assert error_code(create_user(sandbox)) == "user_signed_up"


def test_commit_then_status_is_an_after_fault(sandbox):
    sandbox.control("POST", "faults", {"path": CREATE_USER, "commit_then_status": 502})

    assert create_user(sandbox).status_code == 502
    assert len(sandbox.api("GET", USERS).json()["users"]) == 1


def test_a_dropped_connection_gets_no_answer(sandbox):
    sandbox.fault(USERS, drop=True)

    with pytest.raises(requests.ConnectionError):
        sandbox.api("GET", USERS)
    assert sandbox.api("GET", USERS).status_code == 200


def test_commit_then_reset_applies_the_operation_and_drops_the_connection(sandbox):
    sandbox.fault(CREATE_USER, drop=True, after=True)

    with pytest.raises(requests.ConnectionError):
        create_user(sandbox)
    assert len(sandbox.api("GET", USERS).json()["users"]) == 1


def test_a_delay_holds_the_answer_without_blocking_other_calls(sandbox):
    sandbox.fault(USERS, delay_ms=1500)
    slow_result = {}

    def slow_call():
        started = time.monotonic()
        slow_result["status"] = sandbox.api("GET", USERS).status_code
        slow_result["seconds"] = time.monotonic() - started

    slow = threading.Thread(target=slow_call)
    slow.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert sandbox.api("GET", f"{RESELLER}/regions").status_code == 200
    fast_seconds = time.monotonic() - started
    slow.join()

    assert slow_result["status"] == 200
    assert 1.5 <= slow_result["seconds"] < 2.2  # applied once, not on both sides of the call
    assert fast_seconds < 1.0


@pytest.mark.parametrize("after", [False, True])
def test_a_delay_is_applied_once_before_or_after_the_call(sandbox, after):
    sandbox.fault(USERS, delay_ms=800, after=after)

    started = time.monotonic()
    assert sandbox.api("GET", USERS).status_code == 200
    seconds = time.monotonic() - started

    assert 0.8 <= seconds < 1.4


def test_a_delay_beyond_the_client_timeout_times_out(sandbox):
    sandbox.fault(USERS, delay_ms=1500)

    with pytest.raises(requests.Timeout):
        requests.get(f"{sandbox.url}{USERS}", headers={"token": sandbox.token}, timeout=0.5)


def test_faults_can_be_listed_and_cleared(sandbox):
    sandbox.fault(USERS, times=3, status=500)
    assert sandbox.control("GET", "faults")["faults"][0]["times"] == 3

    sandbox.clear_faults()

    assert sandbox.control("GET", "faults") == {"faults": []}
    assert sandbox.api("GET", USERS).status_code == 200


def test_faulted_calls_are_counted(sandbox):
    sandbox.fault(USERS, status=500)

    sandbox.api("GET", USERS)
    sandbox.api("GET", USERS)

    assert sandbox.request_counts() == {USERS: 2}


@pytest.mark.parametrize(
    "body",
    [
        {"path": USERS},
        {"path": USERS, "status": 200},
        {"path": "users", "status": 500},
        {"path": USERS, "status": 500, "times": 0},
    ],
)
def test_a_malformed_fault_is_refused(sandbox, body):
    response = requests.post(f"{sandbox.url}/_sandbox/faults", json=body, timeout=10)

    assert response.status_code == 400
