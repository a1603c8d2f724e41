import pytest
from django.core import mail
from django.urls import reverse

from portal.accounts.models import LoginSession
from portal.accounts.two_factor import THROTTLED, WRONG_CODE
from tests.fixtures.staff import authenticator_for, current_code, log_in_with_password, verify_with

pytestmark = pytest.mark.django_db


def test_password_login_with_two_factor_asks_for_the_code_next(client, admin):
    authenticator_for(admin)
    response = log_in_with_password(client, admin, next_url=reverse("customers:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert "next=%2Fcustomers%2F" in response["Location"]


def test_no_staff_page_opens_before_the_code_is_given(client, admin):
    authenticator_for(admin)
    log_in_with_password(client, admin)
    for url in (reverse("dashboard"), reverse("customers:list"), reverse("account:overview")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_htmx_requests_before_the_code_redirect_the_whole_page(client, admin):
    authenticator_for(admin)
    log_in_with_password(client, admin)
    response = client.get(reverse("customers:list"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("accounts:two_factor_verify"))


def test_the_right_code_opens_the_console_with_a_new_session_key(client, admin):
    device = authenticator_for(admin)
    log_in_with_password(client, admin)
    key_after_password = client.session.session_key

    response = client.post(
        reverse("accounts:two_factor_verify"),
        {"code": current_code(device), "next": reverse("customers:list")},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("customers:list")
    assert client.session.session_key != key_after_password
    assert LoginSession.objects.get(user=admin).session_key == client.session.session_key
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_code_is_accepted_only_once_within_its_time_step(client, admin):
    from django.test import Client

    device = authenticator_for(admin)
    code = current_code(device)
    log_in_with_password(client, admin)
    assert verify_with(client, code).status_code == 302

    attacker = Client()
    log_in_with_password(attacker, admin)
    replay = verify_with(attacker, code)

    assert replay.status_code == 200
    assert WRONG_CODE in replay.content.decode()
    assert attacker.get(reverse("dashboard")).status_code == 302
    print("FIGURE T13 replays_accepted=0/1")


def test_a_wrong_code_makes_the_next_try_wait(client, admin):
    device = authenticator_for(admin)
    log_in_with_password(client, admin)

    wrong = verify_with(client, "000000" if current_code(device) != "000000" else "111111")
    assert WRONG_CODE in wrong.content.decode()
    right_too_soon = verify_with(client, current_code(device))

    assert THROTTLED in right_too_soon.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_backup_code_logs_in_once(client, admin):
    from django.test import Client

    from portal.accounts.two_factor import _replace_backup_codes

    authenticator_for(admin)
    codes = _replace_backup_codes(admin)
    log_in_with_password(client, admin)
    response = verify_with(client, codes[0].upper())
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200

    other = Client()
    log_in_with_password(other, admin)
    assert verify_with(other, codes[0]).status_code == 200


def test_staff_without_two_factor_log_in_straight_away(client, admin):
    response = log_in_with_password(client, admin)
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_code_page_sends_people_without_two_factor_on(client, admin):
    client.force_login(admin)
    response = client.get(reverse("accounts:two_factor_verify"))
    assert response["Location"] == reverse("dashboard")


def test_the_code_page_refuses_foreign_next_addresses(client, admin):
    device = authenticator_for(admin)
    log_in_with_password(client, admin)
    response = client.post(
        reverse("accounts:two_factor_verify"),
        {"code": current_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("dashboard")


def test_no_email_is_sent_by_logging_in(client, admin):
    device = authenticator_for(admin)
    log_in_with_password(client, admin)
    verify_with(client, current_code(device))
    assert mail.outbox == []
