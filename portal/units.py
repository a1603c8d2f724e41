"""One rule for sizes and one for moments, used by pages, charts, emails and exports.

Sizes are decimal, as the storage is billed and quotas are sold: 1 GB = 10^9 bytes,
1 TB = 10^12 bytes. Moments are shown in the viewer's time zone (the browser's, see
``portal.timezones``) in one format: "1 Dec 2026, 14:05"; days as "1 Dec 2026".
"""

import datetime

from django.utils import timezone

GB = 10**9
UNITS = ("bytes", "KB", "MB", "GB", "TB", "PB", "EB")
DAY_FORMAT = "%-d %b %Y"
MOMENT_FORMAT = "%-d %b %Y, %H:%M"


def format_bytes(size) -> str:
    """``size`` bytes in the largest decimal unit that keeps the number at or above 1:
    "950 MB", "3.5 TB"; whole numbers below 10, one decimal above that is dropped."""
    if size is None:
        return "—"
    value = float(size)
    unit = 0
    while abs(value) >= 1000 and unit < len(UNITS) - 1:
        value /= 1000
        unit += 1
    if unit == 0:
        return f"{int(value):,} bytes" if int(value) != 1 else "1 byte"
    shown = f"{value:,.1f}".removesuffix(".0") if abs(value) < 100 else f"{value:,.0f}"
    return f"{shown} {UNITS[unit]}"


def format_gb(gigabytes) -> str:
    """A quota or amount given in GB, by the same rule: 7,322 GB reads "7.3 TB"."""
    return "—" if gigabytes is None else format_bytes(int(gigabytes) * GB)


def in_gb(size) -> float:
    """Bytes as GB for charts, whose axis says GB."""
    return round((size or 0) / GB, 3)


def format_day(value) -> str:
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime(DAY_FORMAT)


def format_moment(value) -> str:
    """A moment in the viewer's time zone; a string from e2 (ISO 8601) is parsed first."""
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        return timezone.localtime(value).strftime(MOMENT_FORMAT)
    return format_day(value)
