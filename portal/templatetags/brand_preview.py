"""The brand preview's colours as the kit's variables (``{% load brand_preview %}``)."""

from django import template

from branding import colours

register = template.Library()


@register.filter
def foreground(hex_colour: str) -> str:
    """White or dark text, whichever reads on the colour (``--tblr-primary-fg``)."""
    return colours.foreground_on(hex_colour) if colours.is_hex(hex_colour) else ""


# ``#rrggbb`` as ``r, g, b`` (for ``--tblr-primary-rgb``); empty if not a colour.
register.filter("rgb_channels", colours.rgb_channels)
