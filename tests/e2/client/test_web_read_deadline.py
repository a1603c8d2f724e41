"""Reads made while a web request is answered give up after E2_WEB_READ_DEADLINE and say the
storage service is slow; the same read outside a request (a task) waits the full deadline;
writes keep the full deadline everywhere."""

import time

import pytest
from django.test import RequestFactory

from portal.e2.client import get_client
from portal.e2.errors import E2Timeout
from portal.e2.middleware import WebReadDeadlineMiddleware

pytestmark = pytest.mark.django_db

USERS = "/api/reseller/v1/users"


def in_a_web_request(call):
    """Run ``call`` the way a view does: inside the middleware."""
    outcome = {}

    def view(request):
        started = time.monotonic()
        try:
            outcome["value"] = call()
        except E2Timeout as error:
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started
        return None

    WebReadDeadlineMiddleware(view)(RequestFactory().get("/"))
    return outcome


def test_a_read_in_a_web_request_gives_up_at_the_web_deadline(e2, settings):
    settings.E2_WEB_READ_DEADLINE = 0.6
    e2.fault(USERS, times=5, delay_ms=2500)

    with get_client() as client:
        outcome = in_a_web_request(client.list_users)

    assert isinstance(outcome["error"], E2Timeout)
    assert outcome["seconds"] < 1.2
    assert outcome["error"].outcome_unknown is False
    assert "nothing was changed" in outcome["error"].human_message


def test_the_same_read_outside_a_request_waits_for_the_answer(e2, settings):
    settings.E2_WEB_READ_DEADLINE = 0.6
    e2.fault(USERS, times=1, delay_ms=1200)

    started = time.monotonic()
    with get_client() as client:
        users = client.list_users()

    assert users is not None
    assert time.monotonic() - started >= 1.2


def test_a_write_in_a_web_request_keeps_the_full_deadline(e2, settings):
    settings.E2_WEB_READ_DEADLINE = 0.3
    e2.fault("/api/reseller/v1/create_user", times=1, delay_ms=900)

    with get_client() as client:
        outcome = in_a_web_request(
            lambda: client.create_user("slow@client.example", "Sandbox-password-1", "S", quota_gb=1)
        )

    assert "error" not in outcome
    assert outcome["seconds"] >= 0.9
