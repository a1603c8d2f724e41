"""A customer's activity log as both consoles read and export it: one report, one CSV, one
PDF, in the brand's name, and the few newest entries the dashboard shows."""

import datetime
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone

from branding.white_label import white_label_entries
from portal.customers.models import Customer
from portal.customers.services import activity_between
from portal.e2.client import open_client
from portal.e2.types import ActivityEntry
from portal.exports import csv_response, export_filename, pdf_report, pdf_response
from portal.units import format_moment

EXPORT_FORMATS = ("csv", "pdf")
CSV_HEADER = ("timestamp", "activity", "ip_address")
PDF_HEADER = ("Time", "Activity", "IP address")
PDF_WIDTHS = (42, 110, 38)
RECENT_ACTIVITY_DAYS = 7
RECENT_ACTIVITY_ROWS = 8


@dataclass(frozen=True)
class ActivityReport:
    """The activity of one customer from ``start`` to ``end``, one row per entry."""

    customer: Customer
    start: datetime.date
    end: datetime.date
    rows: list[tuple[str, str, str]]
    header = CSV_HEADER

    @property
    def title(self) -> str:
        return f"Activity log of {self.customer.email}"

    @property
    def subtitle(self) -> str:
        return (
            f"From {self.start:%d %B %Y} to {self.end:%d %B %Y}, "
            f"created {timezone.localdate():%d %B %Y}"
        )

    def filename(self, extension: str) -> str:
        """Whose activity and which days, so several downloads do not overwrite each other."""
        what = f"activity {self.customer.email} {self.start} {self.end}"
        return export_filename(self.customer.brand.name, what, extension)


def activity_report(customer: Customer, start: datetime.date, end: datetime.date) -> ActivityReport:
    """Every entry of the customer's activity log from ``start`` to ``end``, both included,
    as time, activity and IP address."""
    entries = activity_between(customer, start, end)
    rows = [(entry.timestamp, entry.description, entry.ip) for entry in entries]
    return ActivityReport(customer=customer, start=start, end=end, rows=rows)


def activity_csv(report: ActivityReport) -> HttpResponse:
    """The report as a CSV download."""
    return csv_response(report.filename("csv"), report.header, report.rows)


def activity_pdf(report: ActivityReport) -> HttpResponse:
    """The report as a PDF download in the brand's name, closed by its copyright line."""
    brand = report.customer.brand
    content = pdf_report(
        brand_name=brand.name,
        title=report.title,
        subtitle=report.subtitle,
        header=PDF_HEADER,
        widths=PDF_WIDTHS,
        # People read the PDF: times in their zone and the one format; the CSV keeps e2's
        # ISO 8601 times in UTC, which spreadsheets and scripts read without guessing.
        rows=[(format_moment(time), activity, ip) for time, activity, ip in report.rows],
        footer=brand.copyright_line,
    )
    return pdf_response(report.filename("pdf"), content)


def export_activity(
    customer: Customer, start: datetime.date, end: datetime.date, file_format: str
) -> HttpResponse:
    """The customer's activity from ``start`` to ``end`` as a download in ``file_format``,
    one of EXPORT_FORMATS."""
    if file_format not in EXPORT_FORMATS:
        raise ValueError(f"no activity export as {file_format!r}")
    report = activity_report(customer, start, end)
    return activity_csv(report) if file_format == "csv" else activity_pdf(report)


def oldest_first(entries: list[ActivityEntry]) -> list[ActivityEntry]:
    """Entries in the order the range reads, oldest first, as the report tables show them
    (the log itself answers newest first)."""
    return sorted(entries, key=lambda entry: entry.timestamp)


def recent_activity(
    customer: Customer, days: int = RECENT_ACTIVITY_DAYS, rows: int = RECENT_ACTIVITY_ROWS
) -> list[ActivityEntry]:
    """At most ``rows`` entries of the last ``days`` days, from the log's first page only:
    a glance for the dashboard, not the whole log."""
    end = timezone.localdate()
    start = end - datetime.timedelta(days=days)
    with open_client() as client:
        page = client.user_activity_history(customer.email, start, end, 1)
    return white_label_entries(customer, list(page.logs)[:rows])
