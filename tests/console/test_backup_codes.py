"""Customers get ten single-use backup codes with two-factor authentication: shown once, to copy
or download in the brand's name, made anew with the password (audited), counted on the account
page, and each good for one login in place of the app's code (audited, with a notice of how many
are left)."""

import re
import urllib.parse

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import AuditRecord
from tests.console.conftest import HOST_A, PASSWORD

pytestmark = pytest.mark.django_db


def shown_codes(page: str) -> list[str]:
    return re.search(r'<pre class="secret[^"]*" id="backup-codes">([^<]*)</pre>', page)[1].split()


@pytest.fixture
def enrolled(browser_a, customer_a):
    """The customer turned two-factor on; the page that followed."""
    browser_a.get("/console/account/two-factor/")
    device = TOTPDevice.objects.get(user=customer_a.user)
    response = browser_a.post(
        "/console/account/two-factor/", {"code": f"{totp(device.bin_key):06d}"}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_enrolling_shows_ten_codes_once_with_copy_and_a_download_in_the_brands_name(
    enrolled, browser_a, customer_a
):
    codes = shown_codes(enrolled)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(
        StaticToken.objects.filter(device__user=customer_a.user).values_list("token", flat=True)
    )
    assert set(codes) == stored
    assert 'data-copy="backup-codes"' in enrolled
    link = re.search(r'<a [^>]*id="download-backup-codes"[^>]*>', enrolled)[0]
    filename = re.search(r'download="([^"]+)"', link)[1]
    assert filename.startswith("northwind-storage-backup-codes-") and filename.endswith(".txt")
    text = urllib.parse.unquote(re.search(r'href="data:text/plain;charset=utf-8,([^"]+)"', link)[1])
    assert text.startswith("Northwind Storage: two-factor backup codes")
    assert all(code in text for code in codes)
    assert "idrive" not in (enrolled + text).lower() and "e2" not in filename
    # Shown once: the account page counts them, it does not show them again.
    account = browser_a.get("/console/account/").content.decode()
    assert "10 backup codes left." in account
    assert not any(code in account for code in codes)


def test_new_codes_take_the_password_replace_the_old_ones_and_are_audited(
    enrolled, browser_a, customer_a
):
    old = shown_codes(enrolled)
    refused = browser_a.post(
        "/console/account/two-factor/backup-codes/", {"current_password": "no"}
    )
    assert refused.status_code == 400
    assert "This is not your current password." in refused.content.decode()
    assert not AuditRecord.objects.filter(action="account.backup_codes").exists()

    response = browser_a.post(
        "/console/account/two-factor/backup-codes/", {"current_password": PASSWORD}
    )
    assert response.status_code == 200
    page = response.content.decode()
    new = shown_codes(page)
    assert len(new) == 10 and not set(new) & set(old)
    assert "your old codes no longer work" in page
    record = AuditRecord.objects.get(action="account.backup_codes")
    assert record.actor == customer_a.user and record.customer == customer_a
    assert record.target == customer_a.email
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert "no-store" in response["Cache-Control"]


def log_in_with(code: str, customer) -> tuple[Client, object]:
    browser = Client(HTTP_HOST=HOST_A)
    step = browser.post("/console/login/", {"username": customer.email, "password": PASSWORD})
    assert step["Location"] == "/console/login/code/"
    page = browser.get("/console/login/code/").content.decode()
    assert "backup code" in page
    return browser, browser.post("/console/login/code/", {"code": code}, follow=True)


def test_a_backup_code_logs_in_once_is_audited_and_tells_how_many_are_left(enrolled, customer_a):
    code = shown_codes(enrolled)[0]
    browser, response = log_in_with(code.upper(), customer_a)
    assert response.redirect_chain[-1][0] == "/console/"
    assert "You used a backup code: you have 9 codes left." in response.content.decode()
    assert browser.get("/console/").status_code == 200
    record = AuditRecord.objects.get(action="account.backup_code_used")
    assert record.actor == customer_a.user and record.customer == customer_a
    assert record.details == {"codes_left": 9}
    assert "9 backup codes left." in browser.get("/console/account/").content.decode()

    # The same code a second time is refused.
    again, refused = log_in_with(code, customer_a)
    assert refused.redirect_chain == []
    assert "This code is not valid, or it was used already." in refused.content.decode()
    assert again.get("/console/").status_code == 302
    assert AuditRecord.objects.filter(action="account.backup_code_used").count() == 1


def test_the_authenticator_code_still_logs_in_without_a_notice(enrolled, customer_a):
    device = TOTPDevice.objects.get(user=customer_a.user)
    device.last_t = -1
    device.save()
    _, response = log_in_with(f"{totp(device.bin_key):06d}", customer_a)
    assert response.redirect_chain[-1][0] == "/console/"
    assert "backup code" not in response.content.decode()
    assert not AuditRecord.objects.filter(action="account.backup_code_used").exists()


def test_a_code_of_neither_shape_is_refused_before_any_check(enrolled, customer_a):
    _, response = log_in_with("12345", customer_a)
    assert "Enter the 6 digits your app shows, or one of your backup codes." in (
        response.content.decode()
    )
