"""Logging in on the brand's own domain, and nowhere else."""

import logging

import pytest
from django.test import Client

from portal.accounts.models import LoginSession
from portal.audit.services import Actor
from portal.customers.services import disable_customer
from tests.console.conftest import HOST_A, HOST_B, PASSWORD, logged_in

pytestmark = pytest.mark.django_db


def test_customer_logs_in_on_their_brand_domain_and_sees_the_dashboard(customer_a):
    browser = logged_in(customer_a, HOST_A)
    page = browser.get("/console/")
    assert page.status_code == 200
    assert "Northwind Storage" in page.content.decode()
    assert LoginSession.objects.filter(user=customer_a.user).count() == 1


def test_customer_of_brand_a_cannot_log_in_on_brand_b_domain(customer_a, brand_b, caplog):
    browser = Client(HTTP_HOST=HOST_B)
    with caplog.at_level(logging.WARNING):
        response = browser.post(
            "/console/login/", {"username": customer_a.email, "password": PASSWORD}
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert "do not match an account here" in body
    assert "Northwind" not in body and "Bluebird Cloud" in body
    assert not LoginSession.objects.filter(user=customer_a.user).exists()
    assert any("not a customer of this brand" in r.message for r in caplog.records)


def test_a_session_cookie_replayed_on_another_brand_domain_is_not_accepted(customer_a, brand_b):
    browser = logged_in(customer_a, HOST_A)
    cookie = browser.cookies["sessionid"].value
    other = Client(HTTP_HOST=HOST_B)
    other.cookies["sessionid"] = cookie
    response = other.get("/console/")
    assert response.status_code == 302
    assert response["Location"].startswith("/console/login/")
    # The replay ended the session everywhere.
    assert browser.get("/console/").status_code == 302


def test_staff_pages_are_not_served_on_brand_domains(brand_a):
    browser = Client(HTTP_HOST=HOST_A)
    assert browser.get("/customers/").status_code == 404
    assert browser.get("/login/").status_code == 404
    root = browser.get("/")
    assert root.status_code == 302 and root["Location"] == "/console/"


def test_disabled_customer_is_told_to_contact_the_brand_support(customer_a):
    disable_customer(Actor.system("test"), customer_a)
    response = Client(HTTP_HOST=HOST_A).post(
        "/console/login/", {"username": customer_a.email, "password": PASSWORD}
    )
    body = response.content.decode()
    assert "Your account is disabled. Please contact help@brand-a.test." in body
    assert not LoginSession.objects.filter(user=customer_a.user).exists()


def test_disabling_a_customer_ends_their_sessions_at_once(customer_a):
    browser = logged_in(customer_a, HOST_A)
    assert browser.get("/console/").status_code == 200
    disable_customer(Actor.system("test"), customer_a)
    response = browser.get("/console/")
    assert response.status_code == 302
    assert not LoginSession.objects.filter(user=customer_a.user).exists()


def test_wrong_password_gets_the_same_answer_as_an_unknown_address(customer_a):
    browser = Client(HTTP_HOST=HOST_A)
    wrong = browser.post("/console/login/", {"username": customer_a.email, "password": "nope"})
    unknown = browser.post(
        "/console/login/", {"username": "nobody@client.example", "password": "nope"}
    )
    assert "do not match an account here" in wrong.content.decode()
    assert "do not match an account here" in unknown.content.decode()


def test_repeated_failures_pause_logins_on_the_console_too(customer_a, settings):
    browser = Client(HTTP_HOST=HOST_A)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browser.post("/console/login/", {"username": customer_a.email, "password": "wrong"})
    response = browser.post("/console/login/", {"username": customer_a.email, "password": PASSWORD})
    assert response.status_code == 429
    assert not LoginSession.objects.filter(user=customer_a.user).exists()
    assert "idrive" not in response.content.decode().lower()
