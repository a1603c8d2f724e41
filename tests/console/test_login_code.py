"""The console's second login step follows the staff rule: a typo makes the next try wait a
moment, and the page says so instead of refusing the right code silently."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.two_factor import THROTTLED, WRONG_CODE
from tests.console.conftest import HOST_A, PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_code_step(customer_a):
    TOTPDevice.objects.create(user=customer_a.user, name="Authenticator app", confirmed=True)
    browser = Client(HTTP_HOST=HOST_A)
    step = browser.post("/console/login/", {"username": customer_a.email, "password": PASSWORD})
    assert step["Location"] == "/console/login/code/"
    return browser


def right_code(customer) -> str:
    device = TOTPDevice.objects.get(user=customer.user)
    return f"{totp(device.bin_key):06d}"


def test_a_right_code_straight_after_a_typo_says_to_wait(at_code_step, customer_a):
    typo = at_code_step.post("/console/login/code/", {"code": "000000"})
    too_soon = at_code_step.post("/console/login/code/", {"code": right_code(customer_a)})

    assert WRONG_CODE in typo.content.decode()
    assert THROTTLED in too_soon.content.decode()
    assert at_code_step.get("/console/").status_code == 302


def test_the_right_code_logs_in(at_code_step, customer_a):
    done = at_code_step.post("/console/login/code/", {"code": right_code(customer_a)})

    assert done.status_code == 302
    assert at_code_step.get("/console/").status_code == 200
