"""Downloads both consoles offer: CSV files and branded PDF reports.

File names and headers carry the brand's name, never the storage vendor's.
"""

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from fpdf import FPDF


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


def _latin1(text) -> str:
    # The core PDF fonts cover Latin-1; anything else is replaced, never an error.
    return str(text).encode("latin-1", "replace").decode("latin-1")


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
    """A simple branded table report as PDF bytes (fpdf2, pure Python)."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(_latin1(f"{brand_name}: {title}"))
    pdf.set_author(_latin1(brand_name))
    pdf.set_creator(_latin1(brand_name))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(brand_name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 6, _latin1(subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 9)
    for width, name in zip(widths, header, strict=True):
        pdf.cell(width, 7, _latin1(name), border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 8)
    count = 0
    for row in rows:
        count += 1
        for width, cell in zip(widths, row, strict=True):
            text = _latin1(cell)
            while len(text) > 4 and pdf.get_string_width(text) > width - 2:
                text = text[:-4] + "..."
            pdf.cell(width, 6, text, border=1)
        pdf.ln()
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 5, _latin1(f"{count} entries. {footer}".strip()), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
