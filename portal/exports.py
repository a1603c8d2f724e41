"""Downloads both consoles offer: CSV files and branded PDF reports.

File names and headers carry the brand's name, never the storage vendor's.
"""

import csv
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify


def export_filename(brand_name: str, what: str, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"{slugify(brand_name) or 'export'}-{slugify(what)}-{stamp}.{extension}"


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell) -> str:
    """The cell as text, quoted when a spreadsheet would otherwise run it as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv(out, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """CSV with a header row to a text stream (an HttpResponse will do)."""
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download that is never cached."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    write_csv(response, header, rows)
    return response


FONTS = Path(__file__).resolve().parent / "fonts"
# The body font covers Latin, Greek, Cyrillic and typographic quotes and dashes; the others
# are added only when a report needs them (the CJK font is large to parse).
BODY_FONT = (
    "dejavu",
    FONTS / "dejavu" / "DejaVuSans.ttf",
    FONTS / "dejavu" / "DejaVuSans-Bold.ttf",
)
# (family, file, the code point ranges it is added for)
FALLBACK_FONTS = [
    (
        "notosanssc",
        FONTS / "noto-sans-sc" / "NotoSansSC_400Regular.ttf",
        ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF)),
    ),
    (
        "notoemoji",
        FONTS / "noto-emoji" / "NotoEmoji_400Regular.ttf",
        ((0x2600, 0x27BF), (0x1F000, 0x1FAFF)),
    ),
]


@functools.cache
def _report_class():
    """The report class, built on first use: fpdf2 costs a web worker about 20 MB once
    imported, and most workers never write a PDF."""
    from fpdf import FPDF

    class _Report(FPDF):
        """A branded table report: the brand, title and range on every page, page numbers below."""

        def __init__(self, *, brand_name: str, title: str, subtitle: str, footer: str):
            super().__init__(orientation="P", unit="mm", format="A4")
            self.brand_name, self.report_title, self.subtitle = brand_name, title, subtitle
            self.footer_text = footer

        def header(self):
            self.set_font(BODY_FONT[0], "B", 14)
            self.cell(0, 8, self.brand_name, new_x="LMARGIN", new_y="NEXT")
            self.set_font(BODY_FONT[0], "B", 11)
            self.cell(0, 7, self.report_title, new_x="LMARGIN", new_y="NEXT")
            self.set_font(BODY_FONT[0], "", 8)
            self.cell(0, 5, self.subtitle, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self):
            self.set_y(-12)
            self.set_font(BODY_FONT[0], "", 7)
            self.cell(0, 5, self.footer_text, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    return _Report


def _needed_fallbacks(texts: Iterable[str]) -> list:
    points = {ord(char) for text in texts for char in text if ord(char) >= 0x2600}
    return [
        font
        for font in FALLBACK_FONTS
        if any(low <= point <= high for point in points for low, high in font[2])
    ]


def pdf_report(
    *,
    brand_name: str,
    title: str,
    subtitle: str,
    header: Sequence[str],
    widths: Sequence[int],
    rows: Iterable[Sequence],
    footer: str = "",
) -> bytes:
    """A branded table report as PDF bytes (fpdf2, pure Python), in Unicode fonts that are
    embedded as subsets, so any name or text from e2 prints as written."""
    rows = [[str(cell) for cell in row] for row in rows]
    pdf = _report_class()(brand_name=brand_name, title=title, subtitle=subtitle, footer=footer)
    family, regular, bold = BODY_FONT
    pdf.add_font(family, "", regular)
    pdf.add_font(family, "B", bold)
    cells = [cell for row in rows for cell in row]
    fallbacks = _needed_fallbacks([brand_name, title, subtitle, footer, *cells])
    for name, path, _ in fallbacks:
        pdf.add_font(name, "", path)
    pdf.set_fallback_fonts([name for name, _, _ in fallbacks], exact_match=False)
    pdf.set_title(f"{brand_name}: {title}")
    pdf.set_author(brand_name)
    pdf.set_creator(brand_name)
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(auto=True, margin=18)

    def table_header():
        pdf.set_font(family, "B", 8)
        for width, name in zip(widths, header, strict=True):
            pdf.cell(width, 7, name, border=1)
        pdf.ln()
        pdf.set_font(family, "", 7)

    pdf.add_page()
    table_header()
    for row in rows:
        if pdf.will_page_break(6):
            pdf.add_page()
            table_header()
        for width, text in zip(widths, row, strict=True):
            while len(text) > 4 and pdf.get_string_width(text) > width - 2:
                text = text[:-4] + "..."
            pdf.cell(width, 6, text, border=1)
        pdf.ln()
    pdf.ln(3)
    pdf.set_font(family, "", 8)
    pdf.cell(0, 5, f"{len(rows)} entries.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
