"""The idle-logout warning of the customer console: the page carries the session's timeout for
the countdown, "Stay signed in" pings an endpoint that restarts the idle timer (204), and the
portal still ends a session idle longer than the timeout, ping or not."""

import re
import time
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from portal.accounts.models import LoginSession
from portal.console.models import CustomerSessionSettings, SessionPolicy
from portal.console.sessions import LAST_SEEN
from tests.console.conftest import HOST_A

pytestmark = pytest.mark.django_db

PING = "/console/session/keep-alive/"


def idle(browser, seconds):
    """Pretend the browser has done nothing for ``seconds``."""
    session = browser.session
    session[LAST_SEEN] = time.time() - seconds
    session.save()


def script_tag(page: str) -> str:
    found = re.search(r'<script src="[^"]*idle-logout\.js"[^>]*>', page)
    return found[0] if found else ""


def test_every_console_page_carries_the_timeout_for_the_warning(browser_a, customer_a):
    SessionPolicy.objects.update_or_create(
        pk=1, defaults={"idle_timeout": 900, "customers_may_set_idle_timeout": True}
    )
    for url in ("/console/", "/console/account/", "/console/activity/"):
        tag = script_tag(browser_a.get(url).content.decode())
        assert 'data-idle-timeout="900"' in tag, url
        assert f'data-ping-url="{PING}"' in tag
        assert 'data-logout-url="/console/logout/"' in tag
        assert 'data-ended-url="/console/login/?ended=idle"' in tag
    # The customer's own choice, where the reseller allows one, is the one counted down.
    CustomerSessionSettings.objects.update_or_create(
        customer=customer_a, defaults={"idle_timeout": 300}
    )
    assert 'data-idle-timeout="300"' in script_tag(browser_a.get("/console/").content.decode())


def test_the_login_page_has_no_warning():
    page = Client(HTTP_HOST=HOST_A).get("/console/login/").content.decode()
    assert script_tag(page) == ""


def test_the_script_uses_no_inline_handlers_and_reads_the_data_attribute():
    source = Path(finders.find("js/idle-logout.js")).read_text(encoding="utf-8")
    assert "addEventListener" in source and "data-idle-timeout" in source
    assert not re.search(r"\bon[a-z]+\s*=", source)
    assert "You will be signed out in " in source and "Stay signed in" in source


def test_the_ping_restarts_the_idle_timer_and_answers_204(browser_a, customer_a):
    SessionPolicy.objects.update_or_create(pk=1, defaults={"idle_timeout": 600})
    idle(browser_a, 590)
    row = LoginSession.objects.get(user=customer_a.user)
    LoginSession.objects.filter(pk=row.pk).update(last_seen_at=row.created_at.replace(year=2020))
    before = time.time()
    response = browser_a.post(PING, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 204 and response.content == b""
    assert browser_a.session[LAST_SEEN] >= before
    assert LoginSession.objects.get(pk=row.pk).last_seen_at.year != 2020
    # Still logged in well past the original deadline.
    idle(browser_a, 30)
    assert browser_a.get("/console/").status_code == 200


def test_the_ping_is_a_post_and_only_for_a_logged_in_customer(browser_a):
    assert browser_a.get(PING).status_code == 405
    anonymous = Client(HTTP_HOST=HOST_A).post(PING)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/console/login/")


def test_the_idle_timeout_is_still_enforced_a_late_ping_does_not_revive(browser_a, customer_a):
    SessionPolicy.objects.update_or_create(pk=1, defaults={"idle_timeout": 600})
    idle(browser_a, 601)
    response = browser_a.post(PING)
    assert response.status_code == 302
    assert response["Location"] == "/console/login/?ended=idle"
    assert browser_a.get("/console/").status_code == 302
    assert not LoginSession.objects.filter(user=customer_a.user).exists()
