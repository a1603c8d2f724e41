"""Brand colours meet WCAG AA wherever the kit puts text on them or in them."""

import pytest

from branding import colours

LIGHT = colours.LIGHT_SURFACE


@pytest.mark.parametrize("brand_colour", ["#f7a51e", "#ffee00", "#1d3f8f", "#0a7f5a", "#ffffff"])
def test_link_text_in_the_brand_colour_is_readable_on_the_page(brand_colour):
    text = colours.readable_text(brand_colour)

    assert colours.contrast_ratio(text, LIGHT) >= colours.AA_TEXT


def test_a_dark_brand_colour_is_kept_as_it_is():
    assert colours.readable_text("#1d3f8f") == "#1d3f8f"


@pytest.mark.parametrize("brand_colour", ["#f7a51e", "#ffee00", "#1d3f8f", "#7a1fa2"])
def test_button_text_on_the_brand_colour_is_whichever_reads_better(brand_colour):
    text = colours.foreground_on(brand_colour)

    assert text in (colours.WHITE, colours.DARK)
    other = colours.DARK if text == colours.WHITE else colours.WHITE
    assert colours.contrast_ratio(text, brand_colour) >= colours.contrast_ratio(other, brand_colour)
