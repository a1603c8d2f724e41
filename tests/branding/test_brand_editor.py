"""The brand editor: colours checked on the server, the header style and the logo for dark
backgrounds saved, audited and used by the console, and the list of places where customers
still see the provider's host names, read from what is stored."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from branding import colours, coverage
from branding.models import Brand, BrandDomain, BrandEndpoint, HeaderStyle
from portal.accounts.models import User
from portal.audit.models import AuditRecord
from portal.jobs.models import CustomDomain
from portal.storage.models import Region, Storage
from tests.console.conftest import HOST_A, logged_in, make_brand, make_customer
from tests.factories import BrandFactory, CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def owner_client(media):
    client = Client()
    client.force_login(UserFactory(email="owner@reseller.example", role=User.Role.OWNER))
    return client


def png_bytes(colour="#7a1fa2", size=(20, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="acme-logo.png", colour="#7a1fa2"):
    return SimpleUploadedFile(name, png_bytes(colour), content_type="image/png")


def brand_post(**values):
    data = {
        "brand-name": "Bluebird Cloud",
        "brand-primary_colour": "#7a1fa2",
        "brand-accent_colour": "#ffb000",
        "brand-header_style": "light",
        "brand-copyright": "",
        "brand-support_email": "help@bluebird.test",
        "brand-support_url": "",
        "brand-email_sender_name": "",
        "brand-email_sender_address": "",
        "domains-TOTAL_FORMS": "0",
        "domains-INITIAL_FORMS": "0",
        "endpoints-TOTAL_FORMS": "0",
        "endpoints-INITIAL_FORMS": "0",
    }
    data.update(values)
    return data


# Colours ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("#1F4B99", "#1f4b99"), ("1f4b99", "#1f4b99"), ("#abc", "#aabbcc"), (" #0a7f5a ", "#0a7f5a")],
)
def test_a_typed_hex_colour_is_stored_as_rrggbb(owner_client, typed, stored):
    response = owner_client.post(
        "/settings/branding/new/", brand_post(**{"brand-primary_colour": typed})
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Brand.objects.get().primary_colour == stored


@pytest.mark.parametrize("typed", ["#12345g", "blue", "#1234", "", "#1f4b99ff"])
def test_an_invalid_hex_colour_is_refused_with_the_error_under_the_field(owner_client, typed):
    response = owner_client.post(
        "/settings/branding/new/", brand_post(**{"brand-accent_colour": typed})
    )

    assert response.status_code == 400
    assert not Brand.objects.exists()
    page = response.content.decode()
    error = re.search(r'id="id_brand-accent_colour_errors"[^>]*>([^<]*)<', page)
    assert error and colours.HEX_ERROR in error.group(1)
    assert 'aria-invalid="true"' in page


def test_each_colour_has_a_swatch_and_a_hex_field_without_inline_handlers(owner_client):
    page = owner_client.get("/settings/branding/new/").content.decode()

    for name, value in (("primary_colour", "#1f4b99"), ("accent_colour", "#f29f05")):
        assert re.search(rf'<input type="color"[^>]*value="{value}"[^>]*data-colour-swatch', page)
        assert re.search(rf'<input type="text" name="brand-{name}" value="{value}"', page)
    assert "oninput" not in page and "onchange" not in page
    assert "js/brand-editor.js" in page


def test_the_colour_parser_matches_the_form():
    assert colours.parse_hex("ABC") == "#aabbcc"
    assert colours.parse_hex("#A1B2C3") == "#a1b2c3"
    assert colours.parse_hex("#12345") is None
    assert colours.parse_hex(None) is None


def test_contrast_warnings_cover_the_light_and_the_coloured_header():
    light_orange = "#f7a51e"
    on_light = colours.contrast_warnings(light_orange, HeaderStyle.LIGHT)
    assert any("On the light header" in warning for warning in on_light)
    assert not any(
        "On the light header" in w for w in colours.contrast_warnings("#1d3f8f", "light")
    )

    grey = colours.contrast_warnings("#808080", HeaderStyle.COLOURED)
    assert any("buttons, badges and the coloured header" in warning for warning in grey)

    with_logo = colours.contrast_warnings("#1d3f8f", HeaderStyle.COLOURED, logo=True)
    assert any("Upload a logo for dark backgrounds" in warning for warning in with_logo)
    both_logos = colours.contrast_warnings(
        "#1d3f8f", HeaderStyle.COLOURED, logo=True, logo_dark=True
    )
    assert both_logos == []


def test_the_preview_warns_about_the_header_that_was_chosen(owner_client):
    def preview(**values):
        return owner_client.post(
            "/settings/branding/preview/", brand_post(**values)
        ).content.decode()

    light = preview(**{"brand-primary_colour": "#f7a51e", "brand-header_style": "light"})
    coloured = preview(
        **{
            "brand-primary_colour": "#1d3f8f",
            "brand-header_style": "coloured",
            "brand-logo": png_upload(),
        }
    )

    assert "On the light header" in light and 'data-header="light"' in light
    assert "Upload a logo for dark backgrounds" in coloured and 'data-header="coloured"' in coloured
    assert "style=" not in light


# Header style and the logo for dark backgrounds ------------------------------------------------


def test_new_fields_are_saved_and_audited(owner_client, media):
    data = brand_post(**{"brand-header_style": "coloured"})
    data["brand-logo"] = png_upload("acme-logo.png", "#7a1fa2")
    data["brand-logo_dark"] = png_upload("acme-white.png", "#ffffff")
    assert owner_client.post("/settings/branding/new/", data).status_code == 302

    brand = Brand.objects.get()
    assert brand.header_style == HeaderStyle.COLOURED
    assert brand.logo_dark and brand.logo_dark.name.startswith("brands/logos/")
    assert brand.asset_names == {"logo": "acme-logo.png", "logo_dark": "acme-white.png"}
    created = AuditRecord.objects.get(action="brand.create")
    assert {"header_style", "logo_dark", "logo"} <= set(created.details["changed"])
    assert created.outcome == AuditRecord.Outcome.SUCCEEDED

    edit = brand_post(**{"brand-header_style": "light"})
    assert owner_client.post(f"/settings/branding/{brand.pk}/", edit).status_code == 302
    update = AuditRecord.objects.filter(action="brand.update").latest("pk")
    assert update.details["changed"] == ["header_style"]

    removed = brand_post(**{"brand-header_style": "light", "brand-logo_dark-clear": "on"})
    assert owner_client.post(f"/settings/branding/{brand.pk}/", removed).status_code == 302
    brand.refresh_from_db()
    assert not brand.logo_dark and "logo_dark" not in brand.asset_names
    update = AuditRecord.objects.filter(action="brand.update").latest("pk")
    assert update.details["changed"] == ["logo_dark"]
    # The audit names the fields, never their contents.
    assert "acme" not in str(update.details) and "#7a1fa2" not in str(created.details)


def test_a_form_without_the_header_style_keeps_the_brands(owner_client):
    brand = BrandFactory(header_style=HeaderStyle.COLOURED)
    data = brand_post()
    del data["brand-header_style"]

    assert owner_client.post(f"/settings/branding/{brand.pk}/", data).status_code == 302
    brand.refresh_from_db()
    assert brand.header_style == HeaderStyle.COLOURED


def test_the_upload_widget_names_the_file_not_its_storage_path(owner_client, media):
    brand = BrandFactory(
        logo=ContentFile(png_bytes(), name="e2d2c0ffee.png"), asset_names={"logo": "acme-logo.png"}
    )
    page = owner_client.get(f"/settings/branding/{brand.pk}/").content.decode()

    assert "acme-logo.png" in page
    assert "brands/logos/" not in page and "Currently" not in page
    assert re.search(r"PNG, JPEG, WebP, ICO or SVG, up to \d+ KiB", page)
    assert 'name="brand-logo-clear"' in page and ">Remove<" in page and ">Replace<" in page
    # An image uploaded before the names were kept shows its file name, without the folder.
    old = BrandFactory(logo=ContentFile(png_bytes(), name="old.png"))
    old_page = owner_client.get(f"/settings/branding/{old.pk}/").content.decode()
    assert old.logo.name.rsplit("/", 1)[1] in old_page and old.logo.name not in old_page


@pytest.fixture
def console_brand(e2, media):
    from portal.storage.services import sync_regions

    cache.clear()
    sync_regions()
    brand = make_brand(
        "Northwind Storage",
        HOST_A,
        "#1d3f8f",
        "help@brand-a.test",
        logo=ContentFile(png_bytes("#1d3f8f"), name="logo.png"),
    )
    customer = make_customer(brand, "olive@client-a.example")
    yield brand, customer
    cache.clear()


def header_of(page: str) -> str:
    return re.search(r"<header[^>]*>.*?</header>", page, re.S).group(0)


def test_the_console_header_follows_the_header_style_and_uses_the_logo_for_dark_backgrounds(
    console_brand,
):
    brand, customer = console_brand
    browser = logged_in(customer, HOST_A)

    light = header_of(browser.get("/console/").content.decode())
    assert 'data-header="light"' in light and "navbar-coloured" not in light
    assert f'src="{brand.logo_src}"' in light

    brand.header_style = HeaderStyle.COLOURED
    brand.save()
    cache.clear()
    coloured = header_of(browser.get("/console/").content.decode())
    assert 'data-header="coloured"' in coloured and "navbar-coloured" in coloured
    assert f'src="{brand.logo_src}"' in coloured  # no second logo yet

    brand.logo_dark = ContentFile(png_bytes("#ffffff"), name="white.png")
    brand.save()
    cache.clear()
    page = browser.get("/console/").content.decode()
    coloured = header_of(page)
    assert f'src="{brand.logo_dark_src}"' in coloured and brand.logo_src not in coloured
    assert f'<meta name="theme-color" content="{brand.primary_colour}">' in page

    served = Client(HTTP_HOST=HOST_A).get(brand.logo_dark_src)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert "sandbox" in served["Content-Security-Policy"]
    assert b"".join(served.streaming_content) == png_bytes("#ffffff")


def test_another_brands_second_logo_is_not_served_on_a_brand_domain(media):
    other = BrandFactory(logo_dark=ContentFile(png_bytes(), name="x.png"))
    mine = BrandFactory()
    BrandDomain.objects.create(brand=mine, domain="mine.test")

    assert (
        Client(HTTP_HOST="mine.test").get(f"/brand-assets/{other.pk}/logo_dark").status_code == 404
    )
    assert (
        Client(HTTP_HOST="mine.test").get(f"/brand-assets/{mine.pk}/logo_dark").status_code == 404
    )


# Where customers still see the provider's host names -------------------------------------------


@pytest.fixture
def regions(db):
    return {
        key: Region.objects.create(key=key, name=name, country="", code=key.lower())
        for key, name in (
            ("LDN", "London"),
            ("FRA", "Frankfurt"),
            ("CH", "Chicago"),
            ("OR", "Oregon"),
        )
    }


def storage_in(customer, region, host):
    return Storage.objects.create(customer=customer, region=region, storage_dn=host)


def test_vendor_host_gaps_come_from_regions_endpoint_names_and_custom_domains(regions):
    brand = BrandFactory(name="Bluebird")
    other_brand = BrandFactory(name="Other")
    customer = CustomerFactory(brand=brand)
    neighbour = CustomerFactory(brand=brand)
    stranger = CustomerFactory(brand=other_brand)
    storage_in(customer, regions["LDN"], "a1.ldn.idrivee2-36.com")
    storage_in(neighbour, regions["LDN"], "b2.ldn.idrivee2-36.com")
    storage_in(customer, regions["FRA"], "c3.fra.idrivee2-12.com")
    storage_in(customer, regions["CH"], "d4.ch.idrivee2-2.com")  # named below
    with_domain = storage_in(neighbour, regions["OR"], "e5.or.idrivee2-9.com")
    CustomDomain.objects.create(storage=with_domain, cname="files.neighbour.example")
    storage_in(stranger, regions["OR"], "f6.or.idrivee2-9.com")  # another brand's customer
    BrandEndpoint.objects.create(brand=brand, region=regions["CH"], endpoint="ch.s3.bluebird.test")
    Region.objects.create(key="OLD", name="Retired", country="", code="old", active=False)

    in_use, can_enable = coverage.vendor_host_gaps(brand)

    assert in_use.regions == ("Frankfurt", "London")
    assert in_use.storages == 3
    assert in_use.sentence == (
        "Endpoints on the Dashboard, Regions and Access keys pages and in client configurations "
        "show c3.fra.idrivee2-12.com and a1.ldn.idrivee2-36.com for Frankfurt and London: add "
        "endpoint names."
    )
    # Oregon is covered for this brand's only storage there (a custom domain), but a customer
    # given it next would see the provider's host; a retired region is left out.
    assert can_enable.regions == ("Oregon",)
    assert can_enable.storages == 0
    assert "would see the provider's host name" in can_enable.sentence

    for region in ("LDN", "FRA", "OR"):
        BrandEndpoint.objects.create(
            brand=brand, region=regions[region], endpoint=f"{region}.b.test"
        )
    assert coverage.vendor_host_gaps(brand) == []


def test_the_checklist_includes_endpoint_names_and_reads_the_saved_brand(regions, media):
    brand = BrandFactory(support_email="", email_sender_address="")
    items = {item.label: item for item in coverage.checklist(brand)}
    assert not items["Endpoint names"].done and items["Endpoint names"].anchor == "brand-endpoints"
    assert not items["Logo"].done and not items["Console domain"].done

    for region in regions.values():
        BrandEndpoint.objects.create(brand=brand, region=region, endpoint=f"{region.key}.b.test")
    BrandDomain.objects.create(brand=brand, domain="b.test")
    brand.logo = ContentFile(png_bytes(), name="l.png")
    brand.save()
    items = {item.label: item for item in coverage.checklist(brand)}
    assert items["Endpoint names"].done and items["Console domain"].done and items["Logo"].done


def test_the_brand_page_shows_the_checklist_and_where_vendor_hosts_show(owner_client, regions):
    brand = BrandFactory(name="Bluebird")
    storage_in(CustomerFactory(brand=brand), regions["LDN"], "a1.ldn.idrivee2-36.com")

    page = owner_client.get(f"/settings/branding/{brand.pk}/").content.decode()

    assert "Setup checklist" in page and "Endpoint names" in page
    assert 'href="#brand-endpoints"' in page and 'id="brand-endpoints"' in page
    assert "show a1.ldn.idrivee2-36.com for London: add endpoint names." in page
    # A new brand has nothing saved to check yet.
    assert "Setup checklist" not in owner_client.get("/settings/branding/new/").content.decode()


def test_the_brand_list_shows_each_brands_setup_progress(owner_client, regions):
    brand = BrandFactory(name="Bluebird", support_email="help@b.test", email_sender_address="")
    storage_in(CustomerFactory(brand=brand), regions["LDN"], "a1.ldn.idrivee2-36.com")

    page = owner_client.get("/settings/branding/").content.decode()

    assert f'href="/settings/branding/{brand.pk}/#brand-checklist"' in page
    assert re.search(r">1 of 6 done<span class=\"visually-hidden\"> for Bluebird</span>", page)
