"""The reseller dashboard: one unit rule for sizes (decimal GB/TB, portal/units.py) in the
tiles and in the chart, large values scaled, and cards laid out flat."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest

from portal.usage.models import UsageDay
from portal.usage.reports import chart_data
from tests.factories import CustomerFactory

HUGE_QUOTA_GB = 1_000_026_521


def dashboard(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def embedded_chart(page: str) -> dict:
    found = re.search(r'<script id="usage-data" type="application/json">(.*?)</script>', page)
    assert found, "the dashboard embeds the chart data"
    return json.loads(found.group(1))


class CardNesting(HTMLParser):
    """The elements with class "card" opened inside another one."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}  # fmt: skip

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []
        self.nested: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        is_card = "card" in classes
        if is_card and any(self.stack):
            self.nested.append(f"<{tag} class={' '.join(classes)!r}>")
        self.stack.append(is_card)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()


@pytest.fixture
def furnished(db):
    """A customer with a huge quota, one with a quota sold in GB, and a day of usage."""
    big = CustomerFactory(quota_gb=HUGE_QUOTA_GB, storage_used_bytes=3_500_000_000_000)
    CustomerFactory(quota_gb=7322, storage_used_bytes=0)
    UsageDay.objects.create(
        customer=big,
        date=datetime.date.today(),
        disk_used=3_500_000_000_000,
        uploads=12_340_000_000,
        downloads=950_000_000,
    )
    return big


def test_the_tiles_use_the_one_unit_rule_and_scale_a_huge_quota(owner_client, furnished):
    page = dashboard(owner_client)

    assert "3.5 TB" in page  # storage used
    assert "1 EB quota sold" in page  # 1,000,026,521 GB + 7,322 GB, scaled by the rule
    assert "1,000,033,843 GB" not in page and "1,000,026,521" not in page
    assert "GiB" not in page and "TiB" not in page


def test_the_over_quota_panel_scales_quotas_too(owner_client, db):
    CustomerFactory(quota_gb=7322, storage_used_bytes=7_300_000_000_000)

    page = dashboard(owner_client)

    assert "7.3 TB" in page and "7,322 GB" not in page


def test_the_chart_data_carries_its_units_and_the_rule_formatted_values(owner_client, furnished):
    chart = embedded_chart(dashboard(owner_client))

    assert chart["units"] == {"stored": "TB", "transfer": "GB"}
    assert chart["disk_used"] == [3.5]
    assert chart["uploads"] == [12.34] and chart["downloads"] == [0.95]
    assert chart["text"] == {
        "disk_used": ["3.5 TB"],
        "uploads": ["12.3 GB"],
        "downloads": ["950 MB"],
    }


def test_chart_data_picks_each_axis_unit_by_the_rule():
    today = datetime.date(2026, 12, 1)
    days = [
        {"date": today, "disk_used": 2 * 10**15, "uploads": 0, "downloads": 0},
        {"date": today, "disk_used": 10**12, "uploads": 10**9, "downloads": 5 * 10**8},
    ]

    chart = chart_data(days)

    assert chart["units"] == {"stored": "PB", "transfer": "GB"}
    assert chart["disk_used"] == [2.0, 0.001]
    assert chart["downloads"] == [0.0, 0.5]
    assert chart["text"]["disk_used"] == ["2 PB", "1 TB"]


def test_an_empty_chart_is_in_gb():
    assert chart_data([])["units"] == {"stored": "GB", "transfer": "GB"}


def test_the_chart_script_labels_axes_and_tooltips_with_the_data_units():
    from django.conf import settings

    script = (settings.BASE_DIR / "static" / "js" / "usage-chart.js").read_text()

    assert "data.units" in script and "data.text" in script
    assert "(GB)" not in script, "no unit is written into the script"
    assert "GiB" not in script and "1024" not in script


def test_the_chart_fills_a_kit_chart_wrapper(owner_client, furnished):
    page = dashboard(owner_client)

    assert re.search(r'<div class="chart-lg[^"]*"><canvas id="usage-chart"', page)


def test_no_card_nests_inside_a_card(owner_client, furnished, brand):
    from tests.factories import UserFactory

    page = dashboard(owner_client)
    assert 'id="onboarding"' in page, "the checklist card is part of the layout checked"
    parser = CardNesting()
    parser.feed(page)

    assert parser.nested == []
    # And for staff who do not see the checklist.
    admin = UserFactory(role="admin")
    owner_client.force_login(admin)
    parser = CardNesting()
    parser.feed(dashboard(owner_client))
    assert parser.nested == []
