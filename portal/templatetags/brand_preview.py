"""The brand preview's colours as the kit's variables (``{% load brand_preview %}``)."""

import re

from django import template

from branding import colours

register = template.Library()
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@register.filter
def rgb_channels(hex_colour: str) -> str:
    """``#rrggbb`` as ``r, g, b`` (for ``--tblr-primary-rgb``); empty if not a colour."""
    return ", ".join(map(str, colours.rgb(hex_colour))) if HEX.match(hex_colour or "") else ""


@register.filter
def foreground(hex_colour: str) -> str:
    """White or dark text, whichever reads on the colour (``--tblr-primary-fg``)."""
    return colours.foreground_on(hex_colour) if HEX.match(hex_colour or "") else ""
