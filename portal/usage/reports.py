"""Usage reports read from UsageDay rows, so they are instant: per month, per customer."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Sum
from django.db.models.functions import TruncMonth

from portal import exports
from portal.units import UNITS, format_bytes
from portal.usage.models import UsageDay

CSV_HEADER = [
    "month",
    "customer_email",
    "customer_name",
    "days_reported",
    "average_stored_bytes",
    "peak_stored_bytes",
    "uploaded_bytes",
    "downloaded_bytes",
]


@dataclass(frozen=True)
class MonthlyUsage:
    """One customer's usage over one calendar month."""

    month: datetime.date
    customer_email: str
    customer_name: str
    days_reported: int
    average_stored: int
    peak_stored: int
    uploaded: int
    downloaded: int


def monthly_usage(year: int, month: int, customers=None) -> list[MonthlyUsage]:
    """Every customer's usage in one month (average and peak stored, uploads, downloads)."""
    first = datetime.date(year, month, 1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    days = UsageDay.objects.filter(date__gte=first, date__lt=next_month)
    if customers is not None:
        days = days.filter(customer__in=customers)
    return _monthly_rows(days.annotate(month=TruncMonth("date")))


def customer_monthly_usage(customer, months: int = 12) -> list[MonthlyUsage]:
    """One customer's usage month by month, the last ``months`` months, oldest first."""
    latest = customer.usage_days.aggregate(latest=Max("date"))["latest"]
    if latest is None:
        return []
    first = latest.replace(day=1)
    for _ in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    days = customer.usage_days.filter(date__gte=first).annotate(month=TruncMonth("date"))
    return _monthly_rows(days)


def daily_usage(customer, first: datetime.date, last: datetime.date) -> list[dict]:
    """A customer's recorded days between two dates: date, disk_used, uploads, downloads."""
    return list(
        customer.usage_days.filter(date__range=(first, last))
        .order_by("date")
        .values("date", "disk_used", "uploads", "downloads")
    )


def chart_data(days) -> dict:
    """Daily rows (dicts with date and byte counts) as the usage chart draws them.

    One rule for units (``portal.units``, decimal): each axis is in the unit the rule gives
    its largest value ("stored" for the stored bytes, "transfer" for uploads and downloads),
    its values are numbers in that unit, and ``text`` holds every value as the rule formats
    it, for the tooltips.
    """
    days = list(days)
    stored = [day["disk_used"] or 0 for day in days]
    uploads = [day["uploads"] or 0 for day in days]
    downloads = [day["downloads"] or 0 for day in days]
    stored_unit = axis_unit(stored)
    transfer_unit = axis_unit(uploads + downloads)
    return {
        "labels": [day["date"].isoformat() for day in days],
        "disk_used": [in_unit(size, stored_unit) for size in stored],
        "uploads": [in_unit(size, transfer_unit) for size in uploads],
        "downloads": [in_unit(size, transfer_unit) for size in downloads],
        "units": {"stored": stored_unit, "transfer": transfer_unit},
        "text": {
            "disk_used": [format_bytes(size) for size in stored],
            "uploads": [format_bytes(size) for size in uploads],
            "downloads": [format_bytes(size) for size in downloads],
        },
    }


def axis_unit(sizes) -> str:
    """The decimal unit ``format_bytes`` shows the largest of ``sizes`` in; GB when all are
    zero (as quotas are sold)."""
    value = float(max(sizes, default=0))
    if not value:
        return "GB"
    unit = 0
    while value >= 1000 and unit < len(UNITS) - 1:
        value /= 1000
        unit += 1
    return UNITS[unit]


def in_unit(size: int, unit: str) -> float:
    """Bytes as a number of ``unit`` (decimal), for a chart axis in that unit."""
    return round((size or 0) / 1000 ** UNITS.index(unit), 3)


def csv_rows(rows: list[MonthlyUsage]):
    """Report rows as the cells of CSV_HEADER."""
    for row in rows:
        yield [
            f"{row.month:%Y-%m}",
            row.customer_email,
            row.customer_name,
            row.days_reported,
            row.average_stored,
            row.peak_stored,
            row.uploaded,
            row.downloaded,
        ]


def write_csv(rows: list[MonthlyUsage], out) -> None:
    """Write report rows as CSV to a text stream (an HttpResponse will do)."""
    exports.write_csv(out, CSV_HEADER, csv_rows(rows))


def _monthly_rows(days) -> list[MonthlyUsage]:
    grouped = (
        days.values("month", "customer__email", "customer__first_name", "customer__last_name")
        .annotate(
            days_reported=Count("id"),
            average_stored=Avg("disk_used"),
            peak_stored=Max("disk_used"),
            uploaded=Sum("uploads"),
            downloaded=Sum("downloads"),
        )
        .order_by("month", "customer__email")
    )
    return [
        MonthlyUsage(
            month=_as_date(row["month"]),
            customer_email=row["customer__email"],
            customer_name=f"{row['customer__first_name']} {row['customer__last_name']}".strip(),
            days_reported=row["days_reported"],
            average_stored=round(row["average_stored"] or 0),
            peak_stored=row["peak_stored"] or 0,
            uploaded=row["uploaded"] or 0,
            downloaded=row["downloaded"] or 0,
        )
        for row in grouped
    ]


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
