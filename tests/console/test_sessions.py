"""Session controls as the reseller sets them, enforced by the portal; the customer's account
page (password, two-factor, sessions); password reset and invitations by branded email."""

import re
import time

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.models import LoginSession
from portal.audit.services import Actor
from portal.console.models import CustomerSessionSettings, SessionPolicy
from portal.console.sessions import LAST_SEEN
from portal.customers.invitations import invite_customer
from portal.customers.models import Customer
from tests.console.conftest import HOST_A, PASSWORD, logged_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "amber-window-sailing-19"


def idle(browser, seconds):
    """Pretend the browser has done nothing for ``seconds``."""
    session = browser.session
    session[LAST_SEEN] = time.time() - seconds
    session.save()


def test_an_idle_session_ends_and_the_next_request_goes_to_the_login_page(browser_a):
    SessionPolicy.objects.update_or_create(pk=1, defaults={"idle_timeout": 600})
    idle(browser_a, 599)
    assert browser_a.get("/console/").status_code == 200
    idle(browser_a, 601)
    response = browser_a.get("/console/")
    assert response["Location"] == "/console/login/?ended=idle"
    page = browser_a.get(response["Location"]).content.decode()
    assert "inactive for a while" in page
    assert browser_a.get("/console/").status_code == 302


def test_htmx_polling_does_not_keep_a_session_alive(browser_a):
    SessionPolicy.objects.update_or_create(pk=1, defaults={"idle_timeout": 600})
    idle(browser_a, 500)
    poll = browser_a.get(
        "/console/recent-activity/", HTTP_HX_REQUEST="true", HTTP_X_CONSOLE_POLL="1"
    )
    assert poll.status_code == 200
    idle_seen = time.time() - browser_a.session[LAST_SEEN]
    assert idle_seen >= 499
    idle(browser_a, 601)
    ended = browser_a.get("/console/recent-activity/", HTTP_HX_REQUEST="true")
    assert ended["HX-Redirect"] == "/console/login/?ended=idle"


def test_customer_sets_their_own_timeout_when_the_reseller_allows_it(browser_a, customer_a):
    SessionPolicy.objects.update_or_create(
        pk=1, defaults={"idle_timeout": 1800, "customers_may_set_idle_timeout": False}
    )
    assert "idle_timeout_minutes" not in browser_a.get("/console/account/").content.decode()
    SessionPolicy.objects.filter(pk=1).update(customers_may_set_idle_timeout=True)
    too_long = browser_a.post("/console/account/sessions/settings/", {"idle_timeout_minutes": 61})
    assert too_long.status_code == 400
    browser_a.post("/console/account/sessions/settings/", {"idle_timeout_minutes": 5})
    assert CustomerSessionSettings.objects.get(customer=customer_a).idle_timeout == 300
    idle(browser_a, 301)
    assert browser_a.get("/console/")["Location"] == "/console/login/?ended=idle"


def test_without_concurrent_sessions_a_new_login_ends_the_older_one(customer_a):
    SessionPolicy.objects.update_or_create(pk=1, defaults={"concurrent_sessions": False})
    first = logged_in(customer_a, HOST_A)
    second = logged_in(customer_a, HOST_A)
    assert second.get("/console/").status_code == 200
    assert first.get("/console/").status_code == 302
    assert LoginSession.objects.filter(user=customer_a.user).count() == 1


def test_concurrent_sessions_are_kept_when_allowed_and_per_account_override_wins(customer_a):
    SessionPolicy.objects.update_or_create(pk=1, defaults={"concurrent_sessions": True})
    first, second = logged_in(customer_a, HOST_A), logged_in(customer_a, HOST_A)
    assert first.get("/console/").status_code == 200
    assert second.get("/console/").status_code == 200
    CustomerSessionSettings.objects.create(customer=customer_a, concurrent_sessions_override=False)
    third = logged_in(customer_a, HOST_A)
    assert third.get("/console/").status_code == 200
    assert first.get("/console/").status_code == 302
    assert second.get("/console/").status_code == 302


def test_customer_ends_their_other_sessions(customer_a):
    other, browser = logged_in(customer_a, HOST_A), logged_in(customer_a, HOST_A)
    page = browser.get("/console/account/").content.decode()
    assert "This browser" in page
    browser.post("/console/account/sessions/end-others/")
    assert other.get("/console/").status_code == 302
    assert browser.get("/console/").status_code == 200


def test_changing_the_password_keeps_this_session_and_ends_the_others(customer_a):
    other, browser = logged_in(customer_a, HOST_A), logged_in(customer_a, HOST_A)
    response = browser.post(
        "/console/account/password/",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert browser.get("/console/").status_code == 200
    assert other.get("/console/").status_code == 302
    customer_a.user.refresh_from_db()
    assert customer_a.user.check_password(NEW_PASSWORD)


def test_two_factor_is_set_up_with_the_brand_as_issuer_and_asked_for_at_login(
    browser_a, customer_a
):
    page = browser_a.get("/console/account/two-factor/").content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=customer_a.user)
    code = f"{totp(device.bin_key):06d}"
    confirmed = browser_a.post("/console/account/two-factor/", {"code": code})
    assert confirmed.status_code == 200 and 'id="backup-codes"' in confirmed.content.decode()
    device.refresh_from_db()
    assert device.confirmed

    from portal.accounts.two_factor import totp_uri

    assert totp_uri(device, "Northwind Storage", customer_a.email).startswith(
        "otpauth://totp/Northwind%20Storage%3Aolive%40client-a.example?"
    )
    browser = Client(HTTP_HOST=HOST_A)
    step = browser.post("/console/login/", {"username": customer_a.email, "password": PASSWORD})
    assert step["Location"] == "/console/login/code/"
    assert browser.get("/console/").status_code == 302  # not logged in yet
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    done = browser.post("/console/login/code/", {"code": f"{totp(device.bin_key):06d}"})
    assert done.status_code == 302
    assert browser.get("/console/").status_code == 200


def test_password_reset_by_branded_email_on_the_brand_domain(customer_a):
    browser = Client(HTTP_HOST=HOST_A)
    browser.post("/console/reset/", {"email": customer_a.email})
    message = mail.outbox[-1]
    assert message.from_email.startswith("Northwind Storage")
    path = re.search(r"https?://brand-a\.test(/console/reset/\S+/)", message.body).group(1)
    form = browser.get(path)
    assert "Choose a new password" in form.content.decode()
    done = browser.post(path, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert "Your password has been changed" in done.content.decode()
    assert logged_in_with(customer_a, NEW_PASSWORD)


def logged_in_with(customer, password):
    browser = Client(HTTP_HOST=HOST_A)
    return (
        browser.post(
            "/console/login/", {"username": customer.email, "password": password}
        ).status_code
        == 302
    )


def test_unknown_address_gets_the_same_reset_answer_and_no_email(brand_a):
    response = Client(HTTP_HOST=HOST_A).post("/console/reset/", {"email": "x@nowhere.example"})
    assert "If an account uses this address" in response.content.decode()
    assert mail.outbox == []


def test_invited_customer_chooses_a_password_and_lands_in_the_console(brand_a, e2):
    invite_customer(
        Actor.system("test"), brand=brand_a, email="ines@client.example", first_name="Ines"
    )
    message = mail.outbox[-1]
    path = re.search(r"https?://brand-a\.test(/console/invitation/\S+/)", message.body).group(1)
    browser = Client(HTTP_HOST=HOST_A)
    response = browser.post(path, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response["Location"] == "/console/"
    assert browser.get("/console/").status_code == 200
    assert Customer.objects.get(email="ines@client.example").brand == brand_a
