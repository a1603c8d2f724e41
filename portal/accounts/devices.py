"""Readable names for the browsers people are logged in on ("Chrome on macOS"), read from the
user agent by ua-parser, and the kind of device (desktop, mobile or tablet) for its icon.
Both consoles' session lists use them."""

import re
from dataclasses import dataclass
from functools import lru_cache

from ua_parser import parse

DESKTOP, MOBILE, TABLET = "desktop", "mobile", "tablet"
ICONS = {DESKTOP: "device-desktop", MOBILE: "device-mobile", TABLET: "device-tablet"}
KIND_LABELS = {DESKTOP: "Computer", MOBILE: "Phone", TABLET: "Tablet"}
UNKNOWN_BROWSER = "Unknown browser"

# The parser names a browser's mobile or headless build apart; people know it by one name.
BROWSER_NAMES = {
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Chrome Mobile WebView": "Chrome",
    "HeadlessChrome": "Chrome",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "Mobile Safari": "Safari",
    "Mobile Safari UI/WKWebView": "Safari",
    "Edge Mobile": "Edge",
    "Opera Mobile": "Opera",
    "Samsung Internet": "Samsung Internet",
}
OS_NAMES = {"Mac OS X": "macOS", "Chrome OS": "ChromeOS"}
MOBILE_SYSTEMS = {"iOS", "Android", "Windows Phone", "BlackBerry OS", "KaiOS", "Firefox OS"}
TABLET_PATTERN = re.compile(r"ipad|tablet|kindle|silk|playbook|nexus (7|9|10)", re.IGNORECASE)


@dataclass(frozen=True)
class Device:
    """A browser as a person recognises it."""

    name: str
    kind: str

    @property
    def icon(self) -> str:
        return ICONS[self.kind]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@lru_cache(maxsize=512)
def describe_user_agent(user_agent: str) -> Device:
    """``Device("Chrome on macOS", "desktop")`` for a Chrome user agent on a Mac; "Unknown
    browser" when the string names no browser and no system."""
    result = parse(user_agent or "")
    browser = result.user_agent.family if result.user_agent else ""
    system = result.os.family if result.os else ""
    browser = BROWSER_NAMES.get(browser, browser) if browser != "Other" else ""
    system = OS_NAMES.get(system, system) if system != "Other" else ""
    kind = _kind(user_agent or "", result, system)
    if system == "iOS" and kind == TABLET:
        system = "iPadOS"
    if browser and system:
        return Device(name=f"{browser} on {system}", kind=kind)
    return Device(name=browser or system or UNKNOWN_BROWSER, kind=kind)


def _kind(user_agent: str, result, system: str) -> str:
    device = result.device
    hints = " ".join(filter(None, [device.family, device.brand, device.model])) if device else ""
    if TABLET_PATTERN.search(hints) or TABLET_PATTERN.search(user_agent):
        return TABLET
    if system == "Android" and "Mobile" not in user_agent:
        return TABLET  # Android tablets leave "Mobile" out of their user agent
    if system in MOBILE_SYSTEMS or "Mobile" in user_agent:
        return MOBILE
    return DESKTOP


def describe_sessions(login_sessions) -> list:
    """The login sessions, each with its ``device`` set, for a session list."""
    described = list(login_sessions)
    for login_session in described:
        login_session.device = describe_user_agent(login_session.user_agent)
    return described
