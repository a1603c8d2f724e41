"""One rule checks every report's date range, worded for what the report shows, and an export
with a wrong range answers with its page and the sentence under the range fields."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.customers.forms import ActivityRangeForm
from portal.usage import ranges
from portal.usage.ranges import ACTIVITY, USAGE, ReportRangeForm, range_errors

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_one_rule_is_worded_for_what_the_report_shows(settings):
    settings.USAGE_SYNC_HISTORY_DAYS = 60
    today = datetime.date(2026, 6, 30)
    start = datetime.date(2026, 1, 1)
    usage = range_errors(start, today, USAGE, today=today)
    activity = range_errors(start, today, ACTIVITY, today=today)
    assert usage == {
        "start": ["Usage is kept for the last 60 days: choose a start date on or after 1 May 2026."]
    }
    assert activity["start"][0].startswith("Activity is kept for the last 90 days")
    backwards = range_errors(today, start + datetime.timedelta(days=170), USAGE, today=today)
    assert backwards["end"] == ["The end date is before the start date."]
    future = range_errors(today, today + datetime.timedelta(days=1), ACTIVITY, today=today)
    assert future == {"end": ["The end date is in the future."]}
    assert range_errors(today - datetime.timedelta(days=5), today, USAGE, today=today) == {}


def test_every_range_form_uses_the_one_rule(monkeypatch):
    calls = []
    real = ranges.range_errors

    def spy(start, end, subject, today=None):
        calls.append(subject)
        return real(start, end, subject, today)

    monkeypatch.setattr(ranges, "range_errors", spy)
    query = {"start": str(days_ago(3)), "end": str(days_ago(1))}
    assert ActivityRangeForm.from_query(query).is_valid()
    assert ReportRangeForm.from_query(query, subject=USAGE).is_valid()
    assert calls == [ACTIVITY, USAGE]
    assert issubclass(ActivityRangeForm, ReportRangeForm)


def test_a_malformed_date_is_a_sentence_on_its_field():
    form = ReportRangeForm.from_query({"start": "2026-13-45", "end": str(days_ago(0))})
    assert not form.is_valid()
    assert form.errors["start"] == ["Enter a date such as 2026-01-31."]


def test_the_usage_tab_says_usage_and_the_activity_tab_says_activity(staff_browser, customer):
    too_old = days_ago(200)
    query = f"?start={too_old}&end={days_ago(0)}"
    usage = staff_browser.get(reverse("customers:usage", args=[customer.pk]) + query)
    text = usage.content.decode()
    assert "Usage is kept for the last 90 days" in text
    assert "Activity is kept" not in text
    activity = staff_browser.get(reverse("customers:activity", args=[customer.pk]) + query)
    assert "Activity is kept for the last 90 days" in activity.content.decode()
    fragment = staff_browser.get(reverse("customers:usage_fragment", args=[customer.pk]) + query)
    assert "Usage is kept for the last 90 days" in fragment.content.decode()


def error_under(page: str, field: str) -> str:
    """The sentence shown under a range field (the field's own feedback)."""
    found = re.search(rf'id="id_{field}_errors">([^<]+)<', page)
    return found[1] if found else ""


BAD_RANGES = {
    "backwards": (lambda: (days_ago(1), days_ago(5)), "end", "The end date is before the start"),
    "too long": (lambda: (days_ago(120), days_ago(0)), "start", "is kept for the last 90 days"),
    "malformed": (lambda: ("31/12/2026", days_ago(0)), "start", "Enter a date such as"),
}


@pytest.mark.parametrize("bad", BAD_RANGES, ids=list(BAD_RANGES))
@pytest.mark.parametrize(
    "console,name,args,file_format,tab",
    [
        ("staff", "customers:usage_csv", "pk", None, "Usage"),
        ("staff", "customers:activity_export", "pk", "csv", "Activity"),
        ("staff", "customers:activity_export", "pk", "pdf", "Activity"),
        ("customer", "console:activity_export", None, "csv", "Activity"),
        ("customer", "console:activity_export", None, "pdf", "Activity"),
    ],
)
def test_an_export_with_a_wrong_range_answers_with_the_page_and_the_error(
    request, customer, console, name, args, file_format, tab, bad
):
    browser = request.getfixturevalue(f"{console}_browser")
    dates, field, sentence = BAD_RANGES[bad]
    start, end = dates()
    url_args = ([customer.pk] if args else []) + ([file_format] if file_format else [])
    response = browser.get(reverse(name, args=url_args), {"start": start, "end": end})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    # The whole page, its range form holding the dates as sent, the error under the field.
    assert page.lstrip().startswith("<!doctype html>")
    assert '<form id="' in page and f'value="{start}"' in page
    assert sentence in error_under(page, field)
    if "kept" in sentence:
        assert f"{tab} is kept for the last 90 days" in error_under(page, field)
    # Nothing is loaded for a range that cannot be shown.
    assert 'hx-trigger="load"' not in page


def test_the_range_fields_read_start_then_end(staff_browser, customer_browser, customer):
    for browser, url in (
        (staff_browser, reverse("customers:usage", args=[customer.pk])),
        (staff_browser, reverse("customers:activity", args=[customer.pk])),
        (customer_browser, reverse("console:activity")),
    ):
        page = browser.get(url).content.decode()
        assert page.index('name="start"') < page.index('name="end"')


def test_the_tables_read_oldest_first_as_the_range(e2, staff_browser, customer_browser, customer):
    entries = [
        {"timestamp": f"{days_ago(d)}T12:00:00Z", "description": f"Entry {d}", "ip": "192.0.2.1"}
        for d in (1, 4)
    ]
    e2.control("POST", "activity", {"email": customer.email, "entries": entries})
    query = {"start": str(days_ago(6)), "end": str(days_ago(0))}
    for browser, url in (
        (staff_browser, reverse("customers:activity_fragment", args=[customer.pk])),
        (customer_browser, reverse("console:activity_fragment")),
    ):
        text = browser.get(url, query).content.decode()
        assert text.index("Entry 4") < text.index("Entry 1")
