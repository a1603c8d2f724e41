"""One rule for sizes (decimal, as billed) and one format for moments, in the viewer's zone."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from portal import units


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (999, "999 bytes"),
        (950_000_000, "950 MB"),
        (3_500_000_000_000, "3.5 TB"),
        (12_340_000_000, "12.3 GB"),
        (10**9, "1 GB"),
        (None, "—"),
    ],
)
def test_sizes_are_decimal_in_the_largest_unit(size, shown):
    assert units.format_bytes(size) == shown


def test_a_quota_in_gb_reads_by_the_same_rule():
    assert units.format_gb(7322) == "7.3 TB"
    assert units.format_gb(100) == "100 GB"
    assert units.format_gb(1_000_026_521) == "1 EB"


def test_moments_are_shown_in_the_active_time_zone_in_one_format(settings):
    settings.USE_TZ = True
    moment = datetime.datetime(2026, 11, 29, 5, 12, 17, tzinfo=datetime.UTC)
    with timezone.override("Europe/Berlin"):
        assert units.format_moment(moment) == "29 Nov 2026, 06:12"
        assert units.format_moment("2026-11-29T05:12:17Z") == "29 Nov 2026, 06:12"
    assert units.format_day(datetime.date(2026, 12, 1)) == "1 Dec 2026"


def test_the_template_filters_use_the_one_formatter():
    rendered = Template("{% load ui %}{{ b|size }} {{ q|size_gb }} {{ d|day }}").render(
        Context({"b": 3_500_000_000_000, "q": 50, "d": datetime.date(2026, 1, 2)})
    )
    assert rendered == "3.5 TB 50 GB 2 Jan 2026"


def test_the_browser_time_zone_cookie_sets_the_zone_of_the_page(client, db):
    from portal.timezones import ViewerTimeZoneMiddleware

    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return None

    middleware = ViewerTimeZoneMiddleware(view)
    request = type("Request", (), {"COOKIES": {"tz": "Asia/Tokyo"}})()
    middleware(request)
    assert seen["zone"] == "Asia/Tokyo"
    request.COOKIES = {"tz": "Not/AZone"}
    middleware(request)
    assert seen["zone"] == timezone.get_default_timezone_name()
