"""No page, fragment, email or export a customer can see names the storage vendor: every one
of them is rendered here and searched for the vendor's name and domains."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, get_resolver

from portal.audit.services import Actor
from portal.customers.invitations import invite_customer
from portal.customers.services import send_password_reset_link, send_welcome_email
from tests.console.conftest import HOST_A, logged_in
from tests.console.tenants import furnish
from tests.fixtures.pdf import pdf_text

pytestmark = pytest.mark.django_db

# The vendor's name and domains, and "e2" standing alone as a product name.
VENDOR = re.compile(r"idrive|(?<![\w#.\-/+=])e2(?![\w.\-/+=])", re.IGNORECASE)
FIXED = {"file_format": ["csv", "pdf"], "action": ["disable", "remove"], "token": ["not-a-token"]}
PUBLIC = {"login_code", "logout", "password_reset_confirm", "accept_invitation", "team_join"}


def mentions(text: str) -> list[str]:
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in VENDOR.finditer(text)]


def console_urls(tenant):
    namespace = get_resolver().namespace_dict["console"][1]
    ids = {"pk": tenant.subuser.pk, "storage_pk": tenant.storage.pk, "key_pk": tenant.key.pk}
    for pattern in namespace.url_patterns:
        if not isinstance(pattern, URLPattern) or pattern.name in PUBLIC:
            continue
        if str(pattern.pattern).startswith(("team/invitations/", "account/sessions/<")):
            continue  # POST-only actions: answered with a redirect
        combos = [{}]
        for name in pattern.pattern.converters:
            values = FIXED.get(name) or [ids[name]]
            combos = [{**c, name: v} for c in combos for v in values]
        for combo in combos:
            path = "/console/" + str(pattern.pattern)
            for name, value in combo.items():
                path = path.replace(f"<int:{name}>", str(value)).replace(
                    f"<str:{name}>", str(value)
                )
            yield path


def test_no_customer_facing_page_fragment_email_or_export_names_the_vendor(customer_a, e2):
    tenant = furnish(customer_a, e2, "own")
    # e2's own activity text names the vendor and its hosts; every surface must rewrite it.
    today = datetime.date.today().isoformat()
    e2.control(
        "POST",
        "activity",
        {
            "email": customer_a.email,
            "entries": [
                {
                    "timestamp": f"{today}T08:00:00Z",
                    "description": "Signed in to IDrive e2 through 9zzz.or.idrivee2-12.com",
                    "ip": "198.51.100.8",
                },
                {
                    "timestamp": f"{today}T08:05:00Z",
                    "description": f"Bucket photos created on {tenant.storage.storage_dn}",
                    "ip": "198.51.100.8",
                },
            ],
        },
    )
    actor = Actor.system("test")
    send_welcome_email(customer_a)
    send_password_reset_link(actor, customer_a)
    invite_customer(actor, brand=customer_a.brand, email="new@client.example", first_name="Nia")
    browser = logged_in(customer_a, HOST_A)
    seen, found, rewritten = 0, [], 0

    def check(where, text):
        nonlocal seen, rewritten
        seen += 1
        rewritten += "Bucket photos created on" in text
        found.extend((where, hit) for hit in mentions(text))

    for url in console_urls(tenant):
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = browser.get(url, **headers)
            assert response.status_code < 500, url
            body = response.content
            text = pdf_text(body) if body.startswith(b"%PDF") else body.decode()
            check(f"{url} {headers}", text + str(response.headers))
    created = browser.post(
        "/console/keys/new/",
        {"storage": tenant.storage.pk, "name": "crawl", "permissions": 2},
        HTTP_HX_REQUEST="true",
    )
    check("new key", created.content.decode())
    two_factor = browser.get("/console/account/two-factor/")
    check("two-factor", two_factor.content.decode())

    anonymous = Client(HTTP_HOST=HOST_A)
    reset_link = next(m for m in mail.outbox if "/console/reset/" in m.body)
    invite = next(m for m in mail.outbox if "/console/invitation/" in m.body)
    for url in (
        "/console/login/",
        "/console/login/?ended=idle",
        "/console/reset/",
        re.search(r"(/console/reset/\S+/)", reset_link.body).group(1),
        re.search(r"(/console/invitation/\S+/)", invite.body).group(1),
        f"/console/team/join/{tenant.invitation_token}/",
        "/console/no-such-page/",
        "/no-such-page/",
    ):
        check(url, anonymous.get(url).content.decode())

    for message in mail.outbox:
        check(f"email {message.subject}", message.subject + message.body + message.from_email)
        for content, _type in message.alternatives:
            check(f"email html {message.subject}", content)
    print(
        f"FIGURE vendor_name surfaces={seen} emails={len(mail.outbox)} "
        f"surfaces_with_seeded_activity={rewritten} mentions={len(found)}"
    )
    assert rewritten >= 4  # the activity page, its fragment, the dashboard and both exports
    assert found == []


def test_the_vendor_search_finds_the_name_and_domains_but_not_colours_or_keys():
    assert mentions("Endpoint: h4l1.ch.idrivee2-29.com")
    assert mentions("Powered by IDrive® e2.")
    assert mentions("the e2 console")
    assert not mentions("color: #e2e8f0; key AKE2XQ; 1e2; e2e-tests")


def test_without_a_branded_endpoint_the_provider_host_shows_and_is_caught(browser_a, customer_a):
    from branding.models import BrandEndpoint

    BrandEndpoint.objects.filter(brand=customer_a.brand).delete()
    page = browser_a.get("/console/regions/").content.decode()
    assert mentions(page)  # the documented case: no CNAME and no brand endpoint configured
