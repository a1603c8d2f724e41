"""The date range of a report (usage or activity), checked by one rule in both consoles.

Each report keeps a number of days: activity the days the activity log API offers, usage the
days the nightly sync keeps. The errors are worded for what the report shows and attached to
the field the person changes."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils import timezone

from portal.e2 import limits
from portal.units import format_day


@dataclass(frozen=True)
class RangeSubject:
    """What a range's report shows, and for how many days back it is kept."""

    noun: str
    setting: str | None = None
    days: int | None = None

    @property
    def kept_days(self) -> int:
        return getattr(settings, self.setting) if self.setting else self.days


ACTIVITY = RangeSubject("Activity", days=limits.ACTIVITY_MAX_DAYS)
USAGE = RangeSubject("Usage", setting="USAGE_SYNC_HISTORY_DAYS")


def range_errors(
    start: datetime.date,
    end: datetime.date,
    subject: RangeSubject,
    today: datetime.date | None = None,
) -> dict[str, list[str]]:
    """What is wrong with the range from ``start`` to ``end`` for a report of ``subject``,
    as sentences by field ("start" or "end"); empty when the range can be shown."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if start > end:
        errors.setdefault("end", []).append("The end date is before the start date.")
    oldest = today - datetime.timedelta(days=subject.kept_days)
    if start < oldest:
        errors.setdefault("start", []).append(
            f"{subject.noun} is kept for the last {subject.kept_days} days: "
            f"choose a start date on or after {format_day(oldest)}."
        )
    if end > today:
        errors.setdefault("end", []).append("The end date is in the future.")
    return errors


class ReportRangeForm(forms.Form):
    """A report's start and end dates (oldest first, as the reports read), within the days
    its ``subject`` keeps."""

    subject = ACTIVITY

    start = forms.DateField(
        label="Start date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date such as 2026-01-31."},
    )
    end = forms.DateField(
        label="End date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date such as 2026-01-31."},
    )

    def __init__(self, *args, subject: RangeSubject | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if subject is not None:
            self.subject = subject

    @property
    def kept_hint(self) -> str:
        """The sentence beside the fields: how far back the report goes."""
        return f"{self.subject.noun} is kept for the last {self.subject.kept_days} days."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            for field, messages in range_errors(start, end, self.subject).items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned

    @classmethod
    def from_query(cls, query, days: int = 7, subject: RangeSubject | None = None):
        """The range asked for in the query string, else the last ``days`` days."""
        if query.get("start") or query.get("end"):
            data = {"start": query.get("start", ""), "end": query.get("end", "")}
        else:
            today = timezone.localdate()
            data = {"start": today - datetime.timedelta(days=days), "end": today}
        return cls(data, subject=subject)

    def query(self) -> str:
        """The range as a query string, for links to the same range."""
        return urlencode({"start": self.data.get("start", ""), "end": self.data.get("end", "")})
