"""Brand colours as the design kit needs them, and the WCAG contrast rules they must meet.

Contrast follows WCAG 2.1: relative luminance of sRGB, ratio (L1 + 0.05) / (L2 + 0.05);
AA asks 4.5:1 for text.
"""

WHITE = "#ffffff"
# The kit's darkest text colour, used on light brand colours.
DARK = "#182433"
AA_TEXT = 4.5


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


def meets_aa(text: str, background: str) -> bool:
    return contrast_ratio(text, background) >= AA_TEXT
