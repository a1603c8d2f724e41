"""Every page carries a Content-Security-Policy: scripts only from the portal itself or with the
request's nonce, no eval, no framing; and the templates hold nothing such a policy refuses.
The browser check (tests/browser/test_every_page.py) records any violation on every page."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.console.conftest import HOST_A, make_brand

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Emails are read in mail clients, which need inline styles and never run scripts.
PAGE_TEMPLATES = [
    path
    for path in TEMPLATES.rglob("*.html")
    if "emails" not in path.parts and "email" not in path.parts
]


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def branded(db):
    """A default brand, whose colours the page sets in its one inline style element."""
    from django.core.cache import cache

    cache.clear()
    yield make_brand("Northwind Storage", HOST_A, "#0a7f5a", "help@brand-a.test", is_default=True)
    cache.clear()


def nonce_of(response) -> str:
    (source,) = [s for s in directives(response)["script-src"] if s.startswith("'nonce-")]
    return source.removeprefix("'nonce-").removesuffix("'")


def test_the_staff_console_sends_a_nonce_based_policy(branded, admin_client):
    response = admin_client.get("/")

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "Content-Security-Policy-Report-Only" not in response.headers
    # The one inline style element (the brand's colours) carries this response's nonce.
    assert f'<style nonce="{nonce_of(response)}">' in response.content.decode()


def test_each_response_gets_its_own_nonce(branded, admin_client):
    assert nonce_of(admin_client.get("/")) != nonce_of(admin_client.get("/"))


def test_the_branded_console_and_the_admin_send_it_too(branded, admin_client):
    console = Client(HTTP_HOST=HOST_A).get("/console/login/")
    admin = admin_client.get("/admin/", follow=True)

    for response in (console, admin):
        assert response.status_code == 200
        assert directives(response)["frame-ancestors"] == ["'none'"]


def test_htmx_does_not_inject_a_style_element_the_policy_would_refuse(admin_client):
    page = admin_client.get("/").content.decode()

    assert re.search(
        r'<meta name="htmx-config" content=\'[^\']*"includeIndicatorStyles":\s*false', page
    )


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_holds_inline_script_or_handlers(path):
    text = path.read_text()

    inline_scripts = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", text)
        if "src=" not in tag and "nonce=" not in tag and 'type="application/json"' not in tag
    ]
    assert inline_scripts == []
    assert re.findall(r"\son[a-z]+\s*=", text) == []  # onclick=, oninput=, ...
    assert "javascript:" not in text
    assert "hx-on" not in text  # htmx evaluates those with eval, which the policy refuses
    assert re.findall(r"<style\b(?![^>]*nonce=)", text) == []


def test_report_only_mode_is_a_setting_not_the_default(settings):
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
    assert not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
