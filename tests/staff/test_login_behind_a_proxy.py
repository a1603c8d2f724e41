"""Behind the documented reverse proxy, logins are throttled per person and real address:
one attacker's failures lock out only that pair, and the real address is what audit records
and session lists show."""

import pytest
from django.test import Client, RequestFactory

from portal.accounts.models import LoginSession
from portal.client_address import client_address
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER, COLLEAGUE = "203.0.113.66", "198.51.100.20"


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 3


def through_proxy(address) -> Client:
    # The proxy connects and appends the address it received the request from.
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def log_in(browser, email, password=DEFAULT_PASSWORD):
    return browser.post("/login/", {"username": email, "password": password})


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", PROXY),  # no trusted proxy: a client's header is ignored
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the left part is the client's own
        (2, "198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "198.51.100.1", PROXY),  # a proxy was skipped: only the connection is trusted
    ],
)
def test_the_client_is_the_nth_address_from_the_right(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_failures_lock_only_that_person_from_that_address(behind_one_proxy):
    victim = UserFactory(email="victim@reseller.example", role="admin")
    other = UserFactory(email="other@reseller.example", role="admin")
    attacker = through_proxy(ATTACKER)
    for _ in range(3):
        log_in(attacker, victim.email, "wrong password")

    assert log_in(attacker, victim.email).status_code == 429
    assert log_in(through_proxy(COLLEAGUE), victim.email).status_code == 302
    assert log_in(through_proxy(ATTACKER), other.email).status_code == 302


def test_sessions_and_audit_records_show_the_real_address(behind_one_proxy):
    from portal.audit.models import AuditRecord

    member = UserFactory(email="member@reseller.example", role="owner")
    browser = through_proxy(COLLEAGUE)
    assert log_in(browser, member.email).status_code == 302

    assert LoginSession.objects.get(user=member).ip_address == COLLEAGUE
    browser.post("/account/sessions/end-others/", {"password": DEFAULT_PASSWORD})
    assert AuditRecord.objects.get(action="account.other_sessions_ended").ip_address == COLLEAGUE
