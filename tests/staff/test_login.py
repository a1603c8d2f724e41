import pytest
from django.urls import reverse

from portal.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_shows_an_email_and_password_form(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="email"' in body and 'type="password"' in body


def test_staff_member_logs_in_and_reaches_the_dashboard(client):
    UserFactory(email="admin@reseller.example", role=User.Role.ADMIN)
    response = client.post(
        reverse("accounts:login"),
        {"username": "admin@reseller.example", "password": DEFAULT_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert b"Dashboard" in response.content


def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(email="admin@reseller.example")
    response = client.post(
        reverse("accounts:login"),
        {"username": "admin@reseller.example", "password": "not the password"},
    )
    assert response.status_code == 200
    assert b"Please enter a correct email" in response.content
    assert "_auth_user_id" not in client.session


def test_passwords_are_stored_with_argon2():
    user = UserFactory()
    assert user.password.startswith("argon2")


def test_repeated_failures_lock_the_login_even_with_the_right_password(client, settings):
    UserFactory(email="admin@reseller.example")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"), {"username": "admin@reseller.example", "password": "x"}
        )
    response = client.post(
        reverse("accounts:login"),
        {"username": "admin@reseller.example", "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_customers_cannot_open_the_reseller_console(client):
    customer_login = UserFactory(role=User.Role.CUSTOMER)
    client.force_login(customer_login)
    assert client.get(reverse("dashboard")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
