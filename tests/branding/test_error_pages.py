"""Error pages carry the brand of the host they are served on."""

import pytest
from django.test import Client, RequestFactory

from branding.models import BrandDomain
from portal import error_pages as views
from tests.factories import BrandFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand():
    brand = BrandFactory(
        name="Bluebird Cloud",
        primary_colour="#7a1fa2",
        copyright="Bluebird Cloud Ltd",
        support_email="help@bluebird.test",
    )
    BrandDomain.objects.create(brand=brand, domain="brand-b.test")
    return brand


def test_404_on_a_brand_domain_is_in_the_brand(brand):
    response = Client(HTTP_HOST="brand-b.test").get("/console/nothing-here/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found · Bluebird Cloud" in body
    assert "--tblr-primary:#7a1fa2" in body and "Bluebird Cloud Ltd" in body
    assert "help@bluebird.test" in body


@pytest.mark.parametrize(
    ("handler", "status", "title"),
    [
        (views.bad_request, 400, "Bad request"),
        (views.permission_denied, 403, "Not allowed"),
        (views.server_error, 500, "Something went wrong"),
    ],
)
def test_every_error_page_is_in_the_brand(brand, handler, status, title):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/console/", HTTP_HOST="brand-b.test")
    request.brand, request.user = brand, AnonymousUser()
    response = handler(request) if status == 500 else handler(request, None)
    body = response.content.decode()
    assert response.status_code == status
    assert f"{title} · Bluebird Cloud" in body and "Bluebird Cloud Ltd" in body
    assert "idrive" not in body.lower()
