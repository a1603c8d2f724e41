"""Which hosts the portal answers, and which brand each one shows."""

import random
import re
import string

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from branding.models import BrandDomain
from branding.resolver import match_host
from tests.factories import BrandFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def brands():
    northwind = BrandFactory(name="Northwind Storage", primary_colour="#0a7f5a", is_default=True)
    bluebird = BrandFactory(name="Bluebird Cloud", primary_colour="#7a1fa2")
    BrandDomain.objects.create(brand=northwind, domain="brand-a.test")
    BrandDomain.objects.create(brand=bluebird, domain="brand-b.test")
    return northwind, bluebird


def forged_hosts(count):
    rng = random.Random(5)
    fixed = [
        "evil.com",
        "brand-a.test.evil.com",
        "evil.brand-a.test",
        "brand-a.test@evil.com",
        "xn--brnd-a-test-9db.com",
        "bránd-a.test",
        "127.0.0.2",
        "localhost.evil.com",
        "",
    ]
    random_hosts = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 12)))
        + rng.choice([".com", ".test", ".example", ".net", ".brand-a.test.com"])
        for _ in range(count - len(fixed))
    ]
    return fixed + random_hosts


def test_forged_and_unknown_hosts_get_400_without_any_branding(brands):
    accepted = []
    for host in forged_hosts(200):
        response = Client(HTTP_HOST=host).get("/console/login/")
        if response.status_code != 400 or b"Northwind" in response.content:
            accepted.append(host)
    print(f"FIGURE T04 forged_host_requests=200 accepted={len(accepted)}")
    assert accepted == []


def test_each_brand_domain_shows_its_own_brand_and_the_portal_host_the_default(brands):
    page_a = Client(HTTP_HOST="brand-a.test").get("/console/login/").content.decode()
    page_b = Client(HTTP_HOST="BRAND-B.test:443").get("/console/login/").content.decode()
    assert "Log in to Northwind Storage" in page_a and "--tblr-primary:#0a7f5a" in page_a
    assert "Log in to Bluebird Cloud" in page_b and "--tblr-primary:#7a1fa2" in page_b
    assert "Northwind" not in page_b
    portal = Client(HTTP_HOST="127.0.0.1").get("/console/login/").content.decode()
    assert "Northwind Storage" in portal


def test_a_new_brand_domain_is_served_at_once_and_a_removed_one_refused(brands):
    assert Client(HTTP_HOST="cloud.newbrand.test").get("/console/login/").status_code == 400
    domain = BrandDomain.objects.create(brand=brands[1], domain="cloud.newbrand.test")
    response = Client(HTTP_HOST="cloud.newbrand.test").get("/console/login/")
    assert response.status_code == 200 and b"Bluebird Cloud" in response.content
    domain.delete()
    assert Client(HTTP_HOST="cloud.newbrand.test").get("/console/login/").status_code == 400


def test_resolving_the_brand_takes_at_most_one_query_and_none_when_cached(brands):
    with CaptureQueriesContext(connection) as cold:
        assert match_host("brand-b.test").brand.name == "Bluebird Cloud"
    with CaptureQueriesContext(connection) as warm:
        assert match_host("brand-a.test:8000").brand.name == "Northwind Storage"
        assert match_host("unknown.test").is_allowed is False
    assert len(cold) == 1
    assert len(warm) == 0


def test_responses_vary_on_host(brands):
    response = Client(HTTP_HOST="brand-a.test").get("/console/login/")
    assert "Host" in response["Vary"]


def test_a_reset_link_uses_the_registered_domain_whatever_the_forwarded_host(brands, e2):
    from django.core import mail

    from portal.audit.services import Actor
    from portal.customers.services import create_customer

    customer = create_customer(
        Actor.system("test"),
        brand=brands[0],
        email="olive@client.example",
        first_name="Olive",
        last_name="Owner",
        password="violet-kettle-harbour-42",
        quota_gb=0,
    )
    Client(HTTP_HOST="brand-a.test", HTTP_X_FORWARDED_HOST="evil.com").post(
        "/console/reset/", {"email": customer.email}
    )
    assert re.search(r"https?://brand-a\.test/console/reset/", mail.outbox[-1].body)
    assert "evil.com" not in mail.outbox[-1].body


def test_the_liveness_probe_answers_on_any_host(brands):
    assert Client(HTTP_HOST="10.0.0.7:8000").get("/healthz").status_code == 200
    assert Client(HTTP_HOST="10.0.0.7:8000").get("/readyz").status_code == 400
