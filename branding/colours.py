"""Brand colours as the design kit needs them, and the WCAG contrast rules they must meet.

Contrast follows WCAG 2.1: relative luminance of sRGB, ratio (L1 + 0.05) / (L2 + 0.05);
AA asks 4.5:1 for text.
"""

import re

WHITE = "#ffffff"
# The kit's darkest text colour, used on light brand colours.
DARK = "#182433"
AA_TEXT = 4.5


HEX = re.compile(r"#[0-9a-fA-F]{6}")


def is_hex(value) -> bool:
    """Whether ``value`` is a colour as ``#rrggbb`` (typed text may not be yet)."""
    return bool(HEX.fullmatch(value or ""))


SHORT_HEX = re.compile(r"#?([0-9a-fA-F]{3})")
LONG_HEX = re.compile(r"#?([0-9a-fA-F]{6})")
HEX_ERROR = "Enter a colour as # and six hexadecimal digits, such as #1f4b99."


def parse_hex(value) -> str | None:
    """Typed colour text as ``#rrggbb`` in lower case (``#abc``, ``abc`` and ``ABCDEF`` are
    accepted too), or None when it is not a colour."""
    text = (value or "").strip()
    short = SHORT_HEX.fullmatch(text)
    if short:
        return "#" + "".join(digit * 2 for digit in short.group(1)).lower()
    full = LONG_HEX.fullmatch(text)
    return "#" + full.group(1).lower() if full else None


def rgb_channels(hex_colour: str) -> str:
    """``#rrggbb`` as ``r, g, b`` for the kit's translucent shades; empty if not a colour."""
    return ", ".join(map(str, rgb(hex_colour))) if is_hex(hex_colour) else ""


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three 0-255 integers."""
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb(hex_colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def foreground_on(background: str) -> str:
    """White or the kit's dark text, whichever reads better on ``background``."""
    return max((WHITE, DARK), key=lambda text: contrast_ratio(text, background))


# The lightest-but-one surface text sits on (the kit's page background and light tints).
LIGHT_SURFACE = "#f1f3f5"


def _mix(colour: str, towards: str, share: float) -> str:
    """``colour`` moved ``share`` (0-1) of the way towards ``towards``, as ``#rrggbb``."""
    mixed = (round(a + (b - a) * share) for a, b in zip(rgb(colour), rgb(towards), strict=True))
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def readable_text(colour: str, background: str = LIGHT_SURFACE) -> str:
    """``colour`` as text on ``background``: itself if it meets AA, else darkened (or, on a
    dark background, lightened) just enough to meet it. Links use it for a light brand."""
    dark_page = contrast_ratio(WHITE, background) > contrast_ratio(DARK, background)
    towards = WHITE if dark_page else "#000000"
    for step in range(21):
        candidate = _mix(colour, towards, step / 20)
        if meets_aa(candidate, background):
            return candidate
    return towards


def meets_aa(text: str, background: str) -> bool:
    return contrast_ratio(text, background) >= AA_TEXT


# The light header's surface, and the contrast WCAG asks of a mark that is not text (the
# underline of the current menu item).
HEADER_SURFACE = WHITE
AA_MARK = 3.0
COLOURED_HEADER, LIGHT_HEADER = "coloured", "light"


def contrast_warnings(
    primary: str, header_style: str = "", *, logo: bool = False, logo_dark: bool = False
) -> list[str]:
    """What a reseller should know about ``primary`` before saving it: where it fails WCAG AA
    and what the console shows instead, on buttons, links and the chosen header. A value that
    is not ``#rrggbb`` gets none here: the form says what is wrong with it."""
    if not is_hex(primary):
        return []
    coloured = header_style == COLOURED_HEADER
    warnings = _primary_warnings(primary, on_header=coloured)
    if coloured and logo and not logo_dark:
        warnings.append(
            "The logo sits on the brand colour in the coloured header: a logo drawn in that "
            "colour disappears there. Upload a logo for dark backgrounds or choose the light "
            "header."
        )
    elif header_style == LIGHT_HEADER:
        mark = contrast_ratio(primary, HEADER_SURFACE)
        if mark < AA_MARK:
            warnings.append(
                f"On the light header the underline of the current menu item reaches only "
                f"{mark:.1f}:1 against white; WCAG AA asks for {AA_MARK:.0f}:1. Choose a darker "
                f"colour or the coloured header."
            )
    return warnings


def _primary_warnings(primary: str, *, on_header: bool) -> list[str]:
    warnings = []
    on_primary = foreground_on(primary)
    ratio = contrast_ratio(on_primary, primary)
    where = "buttons, badges and the coloured header" if on_header else "buttons, badges"
    if ratio < AA_TEXT:
        warnings.append(
            f"Text on this colour ({where}) reaches only {ratio:.1f}:1; WCAG AA asks "
            f"for {AA_TEXT}:1. Choose a darker or a lighter colour."
        )
    link = readable_text(primary)
    if link.lower() != primary.lower():
        warnings.append(
            f"As link text on a light page this colour reaches only "
            f"{contrast_ratio(primary, LIGHT_SURFACE):.1f}:1, so links use {link} instead."
        )
    return warnings
