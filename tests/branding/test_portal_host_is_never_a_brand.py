"""The portal's own host serves the staff console whatever a brand claims: such a domain is
refused, and a row that got in anyway locks nobody out. Staff links use the portal's host."""

import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from branding.forms import DomainFormSet
from branding.models import BrandDomain
from portal.accounts import staff
from portal.audit.services import Actor
from tests.factories import BrandFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_brand_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("domain", ["127.0.0.1", "127.0.0.1.", "LOCALHOST"])
def test_a_portal_host_is_refused_as_a_brand_domain(domain):
    brand = BrandFactory()

    with pytest.raises(ValidationError) as refused:
        BrandDomain.objects.create(brand=brand, domain=domain)

    assert "portal's own address" in str(refused.value)
    formset = DomainFormSet(
        {
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "0",
            "domains-0-domain": domain,
        },
        instance=brand,
        prefix="domains",
    )
    assert not formset.is_valid()
    assert "portal's own address" in str(formset.errors)


def test_a_row_that_got_in_anyway_locks_no_staff_member_out():
    brand = BrandFactory(name="Mistaken Brand")
    BrandDomain.objects.bulk_create([BrandDomain(brand=brand, domain="127.0.0.1")])

    page = Client(HTTP_HOST="127.0.0.1").get("/login/")

    assert page.status_code == 200
    assert "accounts/login.html" in [template.name for template in page.templates]
    assert page.wsgi_request.is_brand_domain is False


def test_staff_links_use_the_portal_host_not_a_brand_domain():
    brand = BrandFactory(is_default=True)
    BrandDomain.objects.create(brand=brand, domain="console.brand.test")
    owner = UserFactory(role="owner")

    staff.invite_staff(
        Actor(user=owner, label=owner.email),
        email="newcomer@reseller.example",
        first_name="New",
        last_name="Comer",
        role="support",
    )

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    assert urlparse(link).hostname == settings.PORTAL_HOST
    assert settings.PORTAL_HOST in settings.PORTAL_HOSTS
    assert Client(HTTP_HOST=settings.PORTAL_HOST).get(urlparse(link).path).status_code in (
        200,
        302,
    )
