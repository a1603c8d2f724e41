"""Logos and favicons: raster images are checked, SVG is rebuilt without anything that runs."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from branding.uploads import sanitised_svg, validated_asset


def png_bytes(size=(32, 32), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0a7f5a").save(buffer, format=image_format)
    return buffer.getvalue()


SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
RECT = b'<rect width="5" height="5"/>'
MALICIOUS_SVGS = {
    "script": SVG_OPEN + b"><script>alert(1)</script>" + RECT + b"</svg>",
    "onload": SVG_OPEN + b' onload="alert(1)"><rect width="5" onclick="alert(2)"/></svg>',
    "javascript_href": SVG_OPEN
    + b'><a xlink:href="javascript:alert(1)">'
    + RECT
    + b'</a><use xlink:href="javascript:alert(1)"/></svg>',
    "foreign_object": SVG_OPEN
    + b'><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">'
    + b'<img src="x" onerror="alert(1)"/></div></foreignObject></svg>',
    "external_use": SVG_OPEN + b'><use href="https://evil.example/sprite.svg#x"/></svg>',
    "external_fill": SVG_OPEN
    + b'><rect fill="url(https://evil.example/x)" style="background:url(//evil.example/t)"/>'
    + b"</svg>",
    "style_element": SVG_OPEN + b"><style>@import url(https://evil.example/x.css);</style></svg>",
    "image": SVG_OPEN + b'><image href="https://evil.example/track.png"/></svg>',
    "animate": SVG_OPEN
    + b'><set attributeName="onmouseover" to="alert(1)"/>'
    + b'<animate attributeName="href" values="javascript:alert(1)"/></svg>',
    "data_uri": SVG_OPEN + b'><use href="data:image/svg+xml;base64,PHN2Zz4="/></svg>',
    # CSS escapes a text match misses but a browser reads as url(): u\72l, \75rl, \000075rl.
    "css_escaped_url": SVG_OPEN
    + b'><rect style="fill:u\\72l(http://evil.example/x)"/>'
    + b'<rect style="fill:\\75rl(http://evil.example/y)"/>'
    + b'<rect fill="\\000075rl(//evil.example/z)"/></svg>',
    "css_escaped_quoted_url": SVG_OPEN
    + b'><rect style="fill:u\\72l(&quot;http://evil.example/x&quot;)"/></svg>',
    "css_import_in_style": SVG_OPEN + b"><rect style=\"@import '//evil.example/a.css'\"/></svg>",
}
FORBIDDEN = [b"script", b"onload", b"onclick", b"javascript", b"foreignObject", b"evil.example",
             b"@import", b"<image", b"<set", b"<animate", b"data:", b"onerror"]  # fmt: skip


@pytest.mark.parametrize("name", sorted(MALICIOUS_SVGS))
def test_malicious_svg_is_stripped_of_everything_that_could_run_or_call_out(name):
    cleaned = sanitised_svg(MALICIOUS_SVGS[name])
    assert cleaned.startswith(b"<?xml")
    for word in FORBIDDEN:
        assert word not in cleaned, (name, cleaned)


def test_a_harmless_svg_keeps_its_drawing():
    logo = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g">'
        b'<stop offset="0" stop-color="#0a7f5a"/></linearGradient></defs>'
        b'<path d="M0 0h10v10z" fill="url(#g)"/><text x="1" y="9">NW</text></svg>'
    )
    cleaned = sanitised_svg(logo)
    assert b'fill="url(#g)"' in cleaned and b"<path" in cleaned and b">NW</text>" in cleaned


@pytest.mark.parametrize(
    "payload",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg">&lol2;</svg>',
        b"<svg xmlns='http://www.w3.org/2000/svg'><unclosed></svg>",
        b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
    ],
)
def test_svg_with_entities_or_that_is_not_svg_is_refused(payload):
    with pytest.raises(ValidationError):
        validated_asset(SimpleUploadedFile("logo.svg", payload, "image/svg+xml"))


@pytest.mark.parametrize(
    ("image_format", "extension"),
    [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp"), ("ICO", "ico")],
)
def test_raster_images_are_accepted_under_a_new_name_by_their_real_format(image_format, extension):
    upload = SimpleUploadedFile("whatever.exe", png_bytes(image_format=image_format))
    checked = validated_asset(upload)
    assert checked.name.endswith(f".{extension}") and "whatever" not in checked.name


def test_files_that_only_pretend_to_be_images_are_refused():
    fake = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n<script>alert(1)</script>")
    with pytest.raises(ValidationError, match="PNG, JPEG, WebP, ICO or SVG"):
        validated_asset(fake)
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, format="GIF")
    with pytest.raises(ValidationError):
        validated_asset(SimpleUploadedFile("logo.gif", gif.getvalue()))


def test_uploads_over_the_size_limit_are_refused(settings):
    settings.BRAND_ASSET_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="larger than 1 KiB"):
        validated_asset(SimpleUploadedFile("logo.png", png_bytes(size=(400, 400)) + b"\0" * 2048))


@pytest.mark.django_db
def test_uploads_are_served_only_with_the_brand_asset_headers(client, settings, tmp_path):
    from django.test import override_settings

    from tests.factories import BrandFactory

    settings.MEDIA_ROOT = tmp_path
    brand = BrandFactory()
    brand.logo.save("logo.svg", validated_asset(SimpleUploadedFile("logo.svg", SVG_OPEN + b"/>")))
    with override_settings(DEBUG=True):
        assert client.get(f"/media/{brand.logo.name}").status_code == 404
    served = client.get(brand.logo_src)
    assert served.status_code == 200
    assert "sandbox" in served["Content-Security-Policy"]
    assert served["X-Content-Type-Options"] == "nosniff"
