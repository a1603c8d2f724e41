"""A customer's activity report is the same in both consoles: the export follows the range the
form shows, with the same CSV columns and rows, the same PDF title and footer and the same file
name, whether the customer or reseller staff download it."""

import csv
import datetime
import html
import io
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.fixtures.consoles import CONSOLES
from tests.fixtures.pdf import pdf_text

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def logged_activity(e2, customer):
    """One entry ten, five, three and one day ago."""
    entries = [
        {
            "timestamp": f"{days_ago(days)}T12:00:00Z",
            "description": f"Signed in {days} days ago",
            "ip": f"198.51.100.{days}",
        }
        for days in (10, 5, 3, 1)
    ]
    e2.control("POST", "activity", {"email": customer.email, "entries": entries})
    return entries


@pytest.fixture(params=CONSOLES)
def activity_screen(request, customer):
    """A console's browser and the address of its activity page for the customer."""
    if request.param == "customer":
        return request.getfixturevalue("customer_browser"), reverse("console:activity")
    url = reverse("customers:activity", args=[customer.pk])
    return request.getfixturevalue("staff_browser"), url


def field_value(page: str, name: str) -> str:
    return html.unescape(re.search(rf'<input [^>]*name="{name}" value="([^"]*)"', page)[1])


def export_link(page: str, file_format: str) -> str:
    """Where the export button sends the range form, with the dates the form holds."""
    action = re.search(rf'formaction="([^"]+/export\.{file_format})"', page)[1]
    query = urlencode({"start": field_value(page, "start"), "end": field_value(page, "end")})
    return f"{html.unescape(action)}?{query}"


def download(screen, file_format, start, end):
    """What a person gets from the export button of the page showing ``start`` to ``end``."""
    browser, url = screen
    page = browser.get(f"{url}?start={start}&end={end}").content.decode()
    return browser.get(export_link(page, file_format))


def test_the_export_buttons_send_the_range_the_form_shows(activity_screen):
    browser, url = activity_screen
    start, end = days_ago(6), days_ago(2)
    page = browser.get(f"{url}?start={start}&end={end}").content.decode()
    assert f'value="{start}"' in page and f'value="{end}"' in page
    # The form reloads this page; the exports are its submit buttons, so they send the dates
    # as they stand in the fields, typed or shown.
    form = re.search(r'<form [^>]*id="activity-range"[^>]*>', page)[0]
    assert f'action="{url}"' in form and 'method="get"' in form and "hx-get" not in form
    for file_format in ("csv", "pdf"):
        button = re.search(rf'<button [^>]*formaction="[^"]+/export\.{file_format}"[^>]*>', page)[0]
        assert 'type="submit"' in button
        assert 'form="activity-range"' in button or url != reverse("console:activity")
        assert export_link(page, file_format).endswith(f"?start={start}&end={end}")
    default = browser.get(url).content.decode()
    assert export_link(default, "csv").endswith(f"?start={days_ago(7)}&end={days_ago(0)}")


def test_the_csv_holds_the_entries_of_the_range_on_screen_and_no_other(
    activity_screen, logged_activity, customer
):
    start, end = days_ago(6), days_ago(2)
    response = download(activity_screen, "csv", start, end)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == (
        'attachment; filename="northwind-storage-activity-oliveclient-aexample-'
        f'{start}-{end}-{days_ago(0)}.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["timestamp", "activity", "ip_address"],
        [f"{days_ago(3)}T12:00:00Z", "Signed in 3 days ago", "198.51.100.3"],
        [f"{days_ago(5)}T12:00:00Z", "Signed in 5 days ago", "198.51.100.5"],
    ]


def test_the_pdf_is_titled_after_the_customer_and_closed_by_the_brands_copyright(
    activity_screen, logged_activity, customer
):
    start, end = days_ago(6), days_ago(2)
    response = download(activity_screen, "pdf", start, end)
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].endswith(f'-{start}-{end}-{days_ago(0)}.pdf"')
    assert b"/Title (Northwind Storage: Activity log of olive@client-a.example)" in response.content
    text = pdf_text(response.content)
    assert "\nActivity log of olive@client-a.example\n" in text
    assert f"From {start:%d %B %Y} to {end:%d %B %Y}, created {days_ago(0):%d %B %Y}" in text
    assert "Signed in 3 days ago" in text and "Signed in 5 days ago" in text
    assert "Signed in 1 days ago" not in text and "Signed in 10 days ago" not in text
    assert "2 entries." in text and "Northwind Storage Ltd Page 1 of 1" in text


def test_both_consoles_export_the_very_same_csv(
    customer, customer_browser, staff_browser, logged_activity
):
    start, end = days_ago(10), days_ago(0)
    consoles = [
        (customer_browser, reverse("console:activity")),
        (staff_browser, reverse("customers:activity", args=[customer.pk])),
    ]
    mine, staff = (download(screen, "csv", start, end) for screen in consoles)
    assert mine.content == staff.content
    assert mine["Content-Disposition"] == staff["Content-Disposition"]
    assert mine.content.decode().count("Signed in") == 4
