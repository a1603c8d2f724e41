"""In a real Chromium: the brand editor's colour swatches and hex fields, its image upload
widget, and the two header styles of the customer console (readable, axe-clean, with the
logo for dark backgrounds on the coloured header)."""

import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image

from branding import colours
from branding.models import HeaderStyle
from portal.accounts.models import User
from portal.storage.models import Region, Storage
from tests.console.conftest import HOST_A, PASSWORD, make_brand, make_customer
from tests.factories import DEFAULT_PASSWORD, BrandFactory, CustomerFactory, UserFactory
from tests.fixtures.services import launch_chromium_resolving

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
AXE_URL = "/__axe__/axe.min.js"
AXE_JS = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
}
"""
# A computed colour as #rrggbb, whatever syntax Chromium reports it in (rgb, oklab, color()).
COLOUR_JS = """
([selector, property]) => {
  const value = getComputedStyle(document.querySelector(selector))[property];
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d');
  context.fillStyle = value;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return '#' + [r, g, b].map(c => c.toString(16).padStart(2, '0')).join('');
}
"""
PREVIEW_PRIMARY_JS = (
    "() => getComputedStyle(document.querySelector('#brand-preview .brand-preview'))"
    ".getPropertyValue('--tblr-primary').trim()"
)


def png_bytes(colour, size=(120, 32)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def owner(transactional_db):
    return UserFactory(email="owner@reseller.example", role=User.Role.OWNER)


@pytest.fixture
def host_chromium(playwright_driver):
    browser = launch_chromium_resolving(playwright_driver, HOST_A)
    yield browser
    browser.close()


def new_page(browser, width=1280, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    context.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def staff_page(browser, live_server, user, width=1280):
    page = new_page(browser, width)
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def console_page(browser, live_server, customer, width=1280):
    port = live_server.url.rsplit(":", 1)[1]
    page = new_page(browser, width, base_url=f"http://{HOST_A}:{port}")
    page.goto("/console/login/")
    page.fill("input[name=username]", customer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: url.endswith("/console/"))
    return page


def axe_problems(page) -> list[str]:
    page.wait_for_load_state("networkidle")
    page.add_script_tag(url=AXE_URL)
    return page.evaluate(AXE_JS)


def page_overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def wait_for_preview_primary(page, colour):
    page.wait_for_function(f"() => ({PREVIEW_PRIMARY_JS})() === '{colour}'")


# The editor ------------------------------------------------------------------------------------


def test_swatch_and_hex_stay_in_sync_and_update_the_preview_and_its_warnings(
    chromium, live_server, owner, media
):
    page = staff_page(chromium, live_server, owner)
    page.goto(f"{live_server.url}/settings/branding/new/")
    hex_field = page.get_by_label("Primary colour", exact=True)
    swatch = page.get_by_label("Primary colour picker")
    assert swatch.get_attribute("type") == "color" and swatch.is_visible()
    assert swatch.input_value() == "#1f4b99" and hex_field.input_value() == "#1f4b99"
    # A real swatch: its box is wide and tall enough to show the colour.
    box = swatch.bounding_box()
    assert box["width"] >= 36 and box["height"] >= 30

    # Typing a hex updates the swatch and the preview.
    hex_field.fill("#0A7F5A")
    assert swatch.input_value() == "#0a7f5a"
    wait_for_preview_primary(page, "#0a7f5a")

    # Picking in the swatch updates the hex field and the preview.
    swatch.evaluate(
        "(el) => { el.value = '#7a1fa2'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    assert hex_field.input_value() == "#7a1fa2"
    wait_for_preview_primary(page, "#7a1fa2")
    page.wait_for_function(
        f"() => ({COLOUR_JS})(['#brand-preview .btn-primary', 'backgroundColor']) === '#7a1fa2'"
    )

    # The contrast warnings follow live: a mid grey fails, a dark blue passes.
    warnings = page.get_by_test_id("contrast-warnings")
    hex_field.fill("#808080")
    warnings.get_by_text("WCAG AA asks for 4.5:1").wait_for()
    hex_field.fill("#1d3f8f")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=contrast-warnings]').textContent.trim()"
    )
    # The light header warns about a light colour; the coloured header about the logo.
    hex_field.fill("#f7a51e")
    warnings.get_by_text("On the light header").wait_for()
    page.get_by_label("Coloured header").check()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=preview-header]').dataset.header === 'coloured'"
    )
    assert warnings.get_by_text("On the light header").count() == 0

    # The accent colour has its own swatch too.
    page.get_by_label("Accent colour", exact=True).fill("#ffb000")
    assert page.get_by_label("Accent colour picker").input_value() == "#ffb000"


def test_an_invalid_hex_shows_the_error_under_the_field_live_and_after_saving(
    chromium, live_server, owner, media
):
    page = staff_page(chromium, live_server, owner)
    page.goto(f"{live_server.url}/settings/branding/new/")
    hex_field = page.get_by_label("Primary colour", exact=True)
    error = page.locator("#id_brand-primary_colour_errors")

    hex_field.fill("#12g")
    assert error.is_visible() and error.inner_text() == colours.HEX_ERROR
    assert hex_field.get_attribute("aria-invalid") == "true"
    assert "id_brand-primary_colour_errors" in hex_field.get_attribute("aria-describedby")
    assert page.get_by_label("Primary colour picker").input_value() == "#1f4b99"

    hex_field.fill("#abc")
    assert not error.is_visible() and hex_field.get_attribute("aria-invalid") is None
    assert page.get_by_label("Primary colour picker").input_value() == "#aabbcc"

    # Saved anyway: the server refuses it and says so under the field.
    page.get_by_label("Name", exact=True).fill("Typo Cloud")
    hex_field.fill("#12345g")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    error = page.locator("#id_brand-primary_colour_errors")
    assert error.is_visible() and colours.HEX_ERROR in error.inner_text()
    assert page.get_by_label("Primary colour", exact=True).input_value() == "#12345g"


def test_the_upload_widget_names_the_file_and_previews_a_chosen_one(
    chromium, live_server, owner, media, tmp_path
):
    brand = BrandFactory(
        name="Bluebird",
        logo=ContentFile(png_bytes("#7a1fa2"), name="e2d2c0ffee.png"),
        asset_names={"logo": "bluebird-logo.png"},
    )
    page = staff_page(chromium, live_server, owner)
    page.goto(f"{live_server.url}/settings/branding/{brand.pk}/")
    logo = page.locator("[data-image-field]").filter(has=page.locator("#id_brand-logo"))

    assert logo.locator("[data-image-name]").inner_text() == "bluebird-logo.png"
    assert "brands/logos" not in page.locator("#brand-images").inner_text()
    assert "Currently" not in page.content()
    assert "PNG, JPEG, WebP, ICO or SVG, up to 512 KiB." in logo.inner_text()
    thumbnail = logo.locator("[data-image-preview]")
    assert thumbnail.evaluate("(img) => img.complete && img.naturalWidth") == 120
    assert logo.get_by_text("Replace").is_visible() and logo.get_by_text("Remove").is_visible()

    # A chosen file is previewed before saving, with its own name.
    chosen = tmp_path / "new-logo.png"
    chosen.write_bytes(png_bytes("#0a7f5a", (64, 64)))
    page.set_input_files("#id_brand-logo", str(chosen))
    logo.locator("[data-image-name]").get_by_text("new-logo.png").wait_for()
    page.wait_for_function(
        "() => document.querySelector('#id_brand-logo').closest('[data-image-field]')"
        ".querySelector('[data-image-preview]').src.startsWith('data:image/png')"
    )
    assert thumbnail.evaluate("(img) => img.naturalWidth") == 64
    page.locator("#brand-preview img[src^='data:image/png']").first.wait_for()

    # Remove marks the image; saving removes it.
    logo.get_by_text("Remove").click()
    assert logo.locator("[data-image-name]").inner_text() == "Removed when you save"
    assert page.input_value("#id_brand-logo") == ""
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Brand “Bluebird” saved.").wait_for()
    brand.refresh_from_db()
    assert not brand.logo


@pytest.mark.parametrize("width", [390, 1366])
def test_the_brand_editor_with_its_checklist_fits_and_passes_axe(
    chromium, live_server, owner, media, width
):
    brand = BrandFactory(name="Bluebird", logo=ContentFile(png_bytes("#7a1fa2"), name="l.png"))
    london = Region.objects.create(key="LDN", name="London", country="UK", code="uk-ldn")
    Storage.objects.create(
        customer=CustomerFactory(brand=brand), region=london, storage_dn="a1.ldn.idrivee2-36.com"
    )
    page = staff_page(chromium, live_server, owner, width=width)
    page.goto(f"{live_server.url}/settings/branding/{brand.pk}/")
    checklist = page.get_by_test_id("brand-checklist")
    checklist.get_by_text("Endpoint names", exact=True).wait_for()
    gaps = page.get_by_test_id("vendor-host-gaps")
    assert "a1.ldn.idrivee2-36.com for London: add endpoint names." in gaps.inner_text()

    assert page_overflow(page) <= 0
    assert axe_problems(page) == []
    # The checklist's link leads to the endpoint names.
    checklist.get_by_role("link", name="Name the storage endpoint of every region").click()
    assert page.url.endswith("#brand-endpoints")

    # The list of brands shows how far each is set up.
    page.goto(f"{live_server.url}/settings/branding/")
    page.get_by_role("link", name="2 of 6 done for Bluebird").wait_for()
    assert page_overflow(page) <= 0
    assert axe_problems(page) == []


# The console's header --------------------------------------------------------------------------


@pytest.fixture
def console_world(e2, live_server, media):
    from portal.storage.services import sync_regions

    cache.clear()
    sync_regions()
    brand = make_brand(
        "Sunrise Cloud",
        HOST_A,
        "#f7a51e",
        "help@brand-a.test",
        is_default=True,
        logo=ContentFile(png_bytes("#f7a51e"), name="logo.png"),
    )
    yield brand, make_customer(brand, "olive@client-a.example")
    cache.clear()


def contrast_of(page, selector, background_selector="header.navbar"):
    text = page.evaluate(COLOUR_JS, [selector, "color"])
    background = page.evaluate(COLOUR_JS, [background_selector, "backgroundColor"])
    return text, background, colours.contrast_ratio(text, background)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_light_header_brand_has_a_dark_readable_nav_and_passes_axe(
    console_world, host_chromium, live_server, width
):
    brand, customer = console_world
    assert brand.header_style == HeaderStyle.LIGHT
    page = console_page(host_chromium, live_server, customer, width)

    header = page.locator("header.navbar")
    assert header.get_attribute("data-header") == "light"
    background = page.evaluate(COLOUR_JS, ["header.navbar", "backgroundColor"])
    assert colours.relative_luminance(background) > 0.9  # a light surface, not the orange
    if width >= 768:
        text, _, ratio = contrast_of(page, "header .nav-link")
        assert colours.relative_luminance(text) < 0.1 and ratio >= colours.AA_TEXT
    _, _, brand_ratio = contrast_of(page, "header .brand-name")
    assert brand_ratio >= colours.AA_TEXT
    assert page.locator("header img.brand-logo").get_attribute("src") == brand.logo_src
    assert page_overflow(page) <= 0
    assert axe_problems(page) == []


@pytest.mark.parametrize("width", [390, 1366])
def test_a_second_logo_shows_on_the_coloured_header_which_reads_and_passes_axe(
    console_world, host_chromium, live_server, width
):
    brand, customer = console_world
    brand.header_style = HeaderStyle.COLOURED
    brand.logo_dark = ContentFile(png_bytes("#182433", (90, 30)), name="dark.png")
    brand.save()
    cache.clear()
    page = console_page(host_chromium, live_server, customer, width)

    header = page.locator("header.navbar")
    assert header.get_attribute("data-header") == "coloured"
    assert page.evaluate(COLOUR_JS, ["header.navbar", "backgroundColor"]) == brand.primary_colour
    logo = page.locator("header img.brand-logo")
    assert logo.get_attribute("src") == brand.logo_dark_src
    assert logo.evaluate("(img) => img.complete && img.naturalWidth") == 90
    _, _, ratio = contrast_of(page, "header .brand-name")
    assert ratio >= colours.AA_TEXT
    if width >= 768:
        _, _, nav_ratio = contrast_of(page, "header .nav-link")
        assert nav_ratio >= colours.AA_TEXT
    else:
        page.get_by_role("button", name="Menu").click()
        page.locator("#navbar-menu .nav-link").first.wait_for()
        _, _, nav_ratio = contrast_of(page, "#navbar-menu .nav-link")
        assert nav_ratio >= colours.AA_TEXT
    assert page_overflow(page) <= 0
    assert axe_problems(page) == []
