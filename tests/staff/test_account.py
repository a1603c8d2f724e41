import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from portal.accounts.models import LoginSession
from portal.audit.models import AuditRecord
from tests.factories import DEFAULT_PASSWORD
from tests.fixtures.staff import log_in_with_password

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new long passphrase"


def logged_in_browsers(user, count):
    browsers = []
    for number in range(count):
        browser = Client(HTTP_USER_AGENT=f"Browser {number}")
        log_in_with_password(browser, user)
        browsers.append(browser)
    return browsers


def test_my_account_lists_where_i_am_logged_in(support):
    this, _other = logged_in_browsers(support, 2)
    response = this.get(reverse("account:overview"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Browser 0" in body and "Browser 1" in body
    assert "This browser" in body
    assert "no-store" in response["Cache-Control"]


def test_changing_my_password_keeps_me_logged_in_and_logs_other_browsers_out(admin):
    this, other = logged_in_browsers(admin, 2)
    key_before = this.session.session_key

    response = this.post(
        reverse("account:password"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert this.get(reverse("dashboard")).status_code == 200
    assert this.session.session_key != key_before
    assert other.get(reverse("dashboard")).status_code == 302
    assert list(LoginSession.objects.values_list("session_key", flat=True)) == [
        this.session.session_key
    ]
    admin.refresh_from_db()
    assert admin.check_password(NEW_PASSWORD)
    assert AuditRecord.objects.filter(action="account.password_change").count() == 1
    print("FIGURE T16 other_sessions_valid_after_pw_change=0/1")


def test_changing_my_password_needs_the_current_one(admin):
    (this,) = logged_in_browsers(admin, 1)
    response = this.post(
        reverse("account:password"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.check_password(DEFAULT_PASSWORD)


def test_a_weak_new_password_is_refused(admin):
    (this,) = logged_in_browsers(admin, 1)
    response = this.post(
        reverse("account:password"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 400
    assert "too short" in response.content.decode()


def test_i_can_log_one_other_browser_out(admin):
    this, other = logged_in_browsers(admin, 2)
    other_session = LoginSession.objects.get(session_key=other.session.session_key)

    this.post(reverse("account:end_session", args=[other_session.pk]))

    assert other.get(reverse("dashboard")).status_code == 302
    assert this.get(reverse("dashboard")).status_code == 200
    assert not Session.objects.filter(session_key=other_session.session_key).exists()


def test_i_cannot_end_someone_elses_session(admin, support):
    (mine,) = logged_in_browsers(admin, 1)
    (theirs,) = logged_in_browsers(support, 1)
    their_session = LoginSession.objects.get(user=support)
    response = mine.post(reverse("account:end_session", args=[their_session.pk]))
    assert response.status_code == 404
    assert theirs.get(reverse("dashboard")).status_code == 200


def test_logging_all_other_browsers_out_needs_my_password(admin):
    this, other, third = logged_in_browsers(admin, 3)

    refused = this.post(reverse("account:end_other_sessions"), {"password": "wrong"})
    assert refused.status_code == 400
    assert other.get(reverse("dashboard")).status_code == 200

    this.post(reverse("account:end_other_sessions"), {"password": DEFAULT_PASSWORD})
    assert other.get(reverse("dashboard")).status_code == 302
    assert third.get(reverse("dashboard")).status_code == 302
    assert this.get(reverse("dashboard")).status_code == 200
    print("FIGURE T16 sessions_valid_after_revoke_all=0/2")


def test_logging_out_ends_the_session_for_good(admin):
    (this,) = logged_in_browsers(admin, 1)
    cookie = this.cookies["sessionid"].value
    this.post(reverse("accounts:logout"))
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get(reverse("dashboard")).status_code == 302
