"""Logo and favicon uploads: raster images checked by decoding them, SVG rebuilt from an
allow-list so that it cannot carry script, event handlers or references to other sites."""

import io
import re
import uuid
from xml.etree import ElementTree

import tinycss2
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
RASTER_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "ICO": "ico"}
MAX_PIXELS = 4096 * 4096

# Drawing elements only: no script, style, foreignObject, image, a, animate or set.
SVG_ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "symbol", "use", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "linearGradient", "radialGradient", "stop",
    "clipPath", "mask", "pattern",
}  # fmt: skip
SVG_ATTRIBUTES = {
    "id", "class", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy",
    "r", "rx", "ry", "d", "points", "fill", "fill-opacity", "fill-rule", "stroke",
    "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-dasharray", "stroke-dashoffset", "opacity", "transform", "offset", "stop-color",
    "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy",
    "clip-path", "clip-rule", "mask", "font-family", "font-size", "font-weight", "font-style",
    "text-anchor", "dominant-baseline", "letter-spacing", "preserveAspectRatio", "version",
    "patternUnits", "patternContentUnits", "patternTransform", "maskUnits", "clipPathUnits",
    "display", "visibility", "style", "dx", "dy", "href",
}  # fmt: skip
# url(...) may only point inside the document: url(#gradient).
# CSS functions a drawing may use in its attribute values; url() only to its own #fragments.
SAFE_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "calc", "var", "translate", "rotate", "scale",
                  "matrix", "skewx", "skewy", "translatex", "translatey"}  # fmt: skip
DANGEROUS_VALUE = re.compile(r"javascript:|vbscript:|data:|expression\s*\(|@import", re.I)


def max_upload_bytes() -> int:
    return settings.BRAND_ASSET_MAX_BYTES


def validated_asset(upload) -> ContentFile:
    """A checked copy of an uploaded logo or favicon, under a new name; ValidationError when
    it is too large, not an image of an accepted kind, or an SVG that cannot be cleaned."""
    if upload.size > max_upload_bytes():
        limit_kib = max_upload_bytes() // 1024
        raise ValidationError(f"The file is larger than {limit_kib} KiB.")
    data = upload.read()
    if _looks_like_svg(data):
        return ContentFile(sanitised_svg(data), name=f"{uuid.uuid4().hex}.svg")
    extension = _raster_extension(data)
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg"))


def _raster_extension(data: bytes) -> str:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError("Upload a PNG, JPEG, WebP, ICO or SVG image.") from None
    if image_format not in RASTER_FORMATS:
        raise ValidationError("Upload a PNG, JPEG, WebP, ICO or SVG image.")
    if width * height > MAX_PIXELS:
        raise ValidationError("The image is too large; use at most 4096 by 4096 pixels.")
    return RASTER_FORMATS[image_format]


def sanitised_svg(data: bytes) -> bytes:
    """The SVG rebuilt with allowed elements and attributes only."""
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError):
        raise ValidationError("This SVG file could not be read safely.") from None
    if root.tag != f"{{{SVG}}}svg":
        raise ValidationError("This is not an SVG image.")
    clean = _clean_element(root)
    ElementTree.register_namespace("", SVG)
    ElementTree.register_namespace("xlink", XLINK)
    return ElementTree.tostring(clean, encoding="utf-8", xml_declaration=True)


def _local_name(tag: str, namespace: str) -> str | None:
    prefix = f"{{{namespace}}}"
    return tag[len(prefix) :] if isinstance(tag, str) and tag.startswith(prefix) else None


def _clean_element(element):
    name = _local_name(element.tag, SVG)
    copy = ElementTree.Element(element.tag)
    copy.text = element.text if name in {"text", "tspan", "title", "desc"} else None
    for attribute, value in element.attrib.items():
        allowed_name = _attribute_name(attribute)
        if allowed_name and _safe_value(allowed_name, value):
            copy.set(attribute, value)
    for child in element:
        if _local_name(child.tag, SVG) in SVG_ELEMENTS:
            cleaned = _clean_element(child)
            cleaned.tail = None
            copy.append(cleaned)
    return copy


def _attribute_name(attribute: str) -> str | None:
    if attribute.startswith(f"{{{XLINK}}}"):
        return "href" if attribute.endswith("}href") else None
    if attribute.startswith("{"):
        return None
    return attribute if attribute in SVG_ATTRIBUTES else None


def _safe_value(name: str, value: str) -> bool:
    compact = re.sub(r"\s+", "", value)
    if name == "href":
        return compact.startswith("#")
    tokens = tinycss2.parse_component_value_list(value)
    if name == "style":
        declarations = tinycss2.parse_declaration_list(value)
        if any(item.type not in ("declaration", "whitespace", "comment") for item in declarations):
            return False  # an at-rule (@import) or a parse error
        tokens = [
            token for item in declarations if item.type == "declaration" for token in item.value
        ]
    # Parsed as CSS, so escapes (u\72l, \75rl) are read the way a browser reads them.
    return _safe_tokens(tokens) and not DANGEROUS_VALUE.search(tinycss2.serialize(tokens))


def _safe_tokens(tokens) -> bool:
    for token in tokens:
        if token.type == "url" and not token.value.strip().startswith("#"):
            return False
        if token.type in ("at-keyword", "error"):
            return False
        if token.type == "function":
            if token.lower_name == "url":
                target = "".join(
                    part.value for part in token.arguments if part.type in ("string", "url")
                )
                if not target.strip().startswith("#"):
                    return False
            elif token.lower_name not in SAFE_FUNCTIONS:
                return False
        if token.type in ("function", "() block", "[] block", "{} block"):
            inner = token.arguments if token.type == "function" else token.content
            if not _safe_tokens(inner):
                return False
    return True
