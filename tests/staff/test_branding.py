"""Settings > White labeling: the owner edits brands with a live preview, then saves."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from branding.models import Brand, BrandDomain
from portal.accounts.models import User
from portal.console.models import CustomerSessionSettings, SessionPolicy
from portal.storage.models import Region
from tests.factories import BrandFactory, CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_client(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = UserFactory(email="owner@reseller.example", role=User.Role.OWNER)
    client = Client()
    client.force_login(owner)
    return client


def png_upload(name="logo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "#7a1fa2").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def brand_post(**values):
    data = {
        "brand-name": "Bluebird Cloud",
        "brand-primary_colour": "#7a1fa2",
        "brand-accent_colour": "#ffb000",
        "brand-copyright": "Bluebird Cloud Ltd",
        "brand-support_email": "help@bluebird.test",
        "brand-support_url": "",
        "brand-email_sender_name": "Bluebird Cloud",
        "brand-email_sender_address": "no-reply@bluebird.test",
        "domains-TOTAL_FORMS": "1",
        "domains-INITIAL_FORMS": "0",
        "domains-0-domain": "Cloud.Bluebird.test",
        "endpoints-TOTAL_FORMS": "1",
        "endpoints-INITIAL_FORMS": "0",
        "endpoints-0-region": "",
        "endpoints-0-endpoint": "",
    }
    data.update(values)
    return data


def test_only_the_owner_reaches_white_labeling(db):
    admin = Client()
    admin.force_login(UserFactory(role=User.Role.ADMIN))
    assert admin.get("/settings/branding/").status_code == 403
    assert Client().get("/settings/branding/").status_code == 302


def test_owner_creates_a_brand_with_logo_domain_and_endpoint_and_it_serves_at_once(owner_client):
    region = Region.objects.create(key="CH", name="Chicago", country="United States", code="us-ch")
    data = brand_post(
        **{"endpoints-0-region": region.pk, "endpoints-0-endpoint": "s3.bluebird.test"}
    )
    data["brand-logo"] = png_upload()
    response = owner_client.post("/settings/branding/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    brand = Brand.objects.get(name="Bluebird Cloud")
    assert brand.domains.get().domain == "cloud.bluebird.test"
    assert brand.endpoints.get().endpoint == "s3.bluebird.test"
    assert brand.logo.name.endswith(".png") and "logo" not in brand.logo.name.rsplit("/", 1)[1]
    login = Client(HTTP_HOST="cloud.bluebird.test").get("/console/login/").content.decode()
    assert "Log in to Bluebird Cloud" in login and brand.logo_src in login
    logo = Client(HTTP_HOST="cloud.bluebird.test").get(brand.logo_src)
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert "sandbox" in logo["Content-Security-Policy"]


def test_a_brand_domain_serves_only_its_own_brand_assets(owner_client):
    other = BrandFactory(name="Other", logo=png_upload("other.png"))
    mine = BrandFactory(name="Mine")
    BrandDomain.objects.create(brand=mine, domain="mine.test")
    assert Client(HTTP_HOST="mine.test").get(f"/brand-assets/{other.pk}/logo").status_code == 404
    assert owner_client.get(f"/brand-assets/{other.pk}/logo").status_code == 200


def test_the_preview_follows_what_is_typed_without_saving(owner_client):
    data = brand_post(**{"brand-name": "Typed Name", "brand-primary_colour": "#123456"})
    data["brand-logo"] = png_upload()
    fragment = owner_client.post(
        "/settings/branding/preview/", data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Typed Name" in fragment and 'data-primary="#123456"' in fragment
    assert 'src="data:image/png;base64,' in fragment
    assert not Brand.objects.filter(name="Typed Name").exists()


def test_invalid_colours_domains_and_vendor_hosts_are_refused(owner_client):
    data = brand_post(**{"brand-primary_colour": "red", "domains-0-domain": "https://x.test/a"})
    response = owner_client.post("/settings/branding/new/", data)
    assert response.status_code == 400
    assert not Brand.objects.exists()
    data = brand_post(**{"domains-0-domain": "eu.idrivee2-7.com"})
    assert (
        "Use a domain of your own"
        in owner_client.post("/settings/branding/new/", data).content.decode()
    )


def test_owner_edits_and_deletes_a_brand_but_not_one_with_customers(owner_client):
    brand = BrandFactory(name="Old Name")
    data = brand_post(**{"brand-name": "New Name", "domains-0-domain": "new.test"})
    assert owner_client.post(f"/settings/branding/{brand.pk}/", data).status_code == 302
    brand.refresh_from_db()
    assert brand.name == "New Name"
    CustomerFactory(brand=brand)
    refused = owner_client.post(f"/settings/branding/{brand.pk}/delete/")
    assert "1 customers belong to this brand" in refused.content.decode()
    brand.customers.all().delete()
    assert owner_client.post(f"/settings/branding/{brand.pk}/delete/").status_code == 302
    assert not Brand.objects.filter(pk=brand.pk).exists()
    assert Client(HTTP_HOST="new.test").get("/console/login/").status_code == 400


def test_reseller_sets_customer_session_controls_for_all_and_for_one_account(owner_client):
    response = owner_client.post(
        "/settings/branding/sessions/",
        {
            "idle_timeout_minutes": 15,
            "concurrent_sessions": "",
            "customers_may_set_idle_timeout": "on",
        },
    )
    assert response.status_code == 302
    policy = SessionPolicy.current()
    assert policy.idle_timeout == 900 and not policy.concurrent_sessions
    assert policy.customers_may_set_idle_timeout
    too_long = owner_client.post("/settings/branding/sessions/", {"idle_timeout_minutes": 61})
    assert too_long.status_code == 200 and SessionPolicy.current().idle_timeout == 900
    customer = CustomerFactory()
    owner_client.post(
        "/settings/branding/sessions/", {"email": customer.email, "concurrent_sessions": "yes"}
    )
    assert CustomerSessionSettings.objects.get(customer=customer).concurrent_sessions_override


def test_the_preview_warns_when_a_colour_fails_wcag_aa_and_shows_the_fallback(owner_client):
    def preview(colour):
        data = brand_post(**{"brand-primary_colour": colour})
        return owner_client.post("/settings/branding/preview/", data).content.decode()

    mid_grey = preview("#808080")
    light_orange = preview("#f7a51e")
    dark_blue = preview("#1d3f8f")

    assert "WCAG AA asks for 4.5:1" in mid_grey
    assert "links use #" in light_orange and "Text on this colour" not in light_orange
    assert "alert-warning" not in dark_blue
