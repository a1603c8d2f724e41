"""Both consoles' session lists name a browser as people know it ("Chrome on macOS"), with an
icon for the kind of device, the current session marked and the time it was last seen."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal.accounts.devices import DESKTOP, MOBILE, TABLET, describe_user_agent
from portal.accounts.models import LoginSession
from portal.units import format_moment
from tests.console.conftest import HOST_A, PASSWORD
from tests.fixtures.consoles import customer  # noqa: F401  (fixture)
from tests.fixtures.staff import log_in_with_password

pytestmark = pytest.mark.django_db

CHROME_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
)
FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0"
SAFARI_IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"
)
CHROME_ANDROID_TABLET = (
    "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"
)


@pytest.mark.parametrize(
    "user_agent,name,kind,icon",
    [
        (CHROME_MAC, "Chrome on macOS", DESKTOP, "device-desktop"),
        (FIREFOX_ANDROID, "Firefox on Android", MOBILE, "device-mobile"),
        (SAFARI_IPHONE, "Safari on iOS", MOBILE, "device-mobile"),
        (SAFARI_IPAD, "Safari on iPadOS", TABLET, "device-tablet"),
        (CHROME_ANDROID_TABLET, "Chrome on Android", TABLET, "device-tablet"),
        (EDGE_WINDOWS, "Edge on Windows", DESKTOP, "device-desktop"),
        ("", "Unknown browser", DESKTOP, "device-desktop"),
        ("Browser 0", "Unknown browser", DESKTOP, "device-desktop"),
    ],
)
def test_a_user_agent_reads_as_browser_on_system(user_agent, name, kind, icon):
    device = describe_user_agent(user_agent)
    assert (device.name, device.kind, device.icon) == (name, kind, icon)


def icons_in(page: str) -> list[str]:
    return re.findall(r'#tabler-(device-[a-z]+)"></use></svg><span class="device-name"', page)


def device_names(page: str) -> list[str]:
    return re.findall(r'<span class="device-name" title="[^"]*">([^<]+)</span>', page)


def test_the_staff_sessions_list_names_devices(support):
    this = Client(HTTP_USER_AGENT=CHROME_MAC)
    log_in_with_password(this, support)
    other = Client(HTTP_USER_AGENT=FIREFOX_ANDROID)
    log_in_with_password(other, support)
    page = this.get(reverse("account:overview")).content.decode()
    assert sorted(device_names(page)) == ["Chrome on macOS", "Firefox on Android"]
    assert sorted(icons_in(page)) == ["device-desktop", "device-mobile"]
    assert 'aria-label="Phone"' in page and 'aria-label="Computer"' in page
    assert "This browser" in page


def test_the_customer_sessions_list_names_devices_and_marks_this_one(customer):  # noqa: F811
    tablet = Client(HTTP_HOST=HOST_A, HTTP_USER_AGENT=SAFARI_IPAD)
    tablet.post("/console/login/", {"username": customer.email, "password": PASSWORD})
    mac = Client(HTTP_HOST=HOST_A, HTTP_USER_AGENT=CHROME_MAC)
    mac.post("/console/login/", {"username": customer.email, "password": PASSWORD})
    page = mac.get("/console/account/").content.decode()
    assert sorted(device_names(page)) == ["Chrome on macOS", "Safari on iPadOS"]
    assert sorted(icons_in(page)) == ["device-desktop", "device-tablet"]
    row = re.search(r"<tr>(?:(?!</tr>).)*Chrome on macOS(?:(?!</tr>).)*</tr>", page, re.S)[0]
    assert "This browser" in row
    other = re.search(r"<tr>(?:(?!</tr>).)*Safari on iPadOS(?:(?!</tr>).)*</tr>", page, re.S)[0]
    assert "This browser" not in other
    for login_session in LoginSession.objects.filter(user=customer.user):
        assert format_moment(login_session.last_seen_at) in page
