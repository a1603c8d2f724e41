"""Monthly usage reports read from UsageDay rows, and their CSV export."""

import csv
import datetime
import io

import pytest
from django.test import Client

from portal.usage import reports
from portal.usage.models import UsageDay
from tests.factories import CustomerFactory, UserFactory


def add_days(customer, month_start, stored):
    for offset, disk_used in enumerate(stored):
        UsageDay.objects.create(
            customer=customer,
            date=month_start + datetime.timedelta(days=offset),
            disk_used=disk_used,
            uploads=100,
            downloads=10,
        )


@pytest.fixture
def usage(db):
    ann = CustomerFactory(email="ann@client.example", first_name="Ann", last_name="Lee")
    bob = CustomerFactory(email="bob@client.example", first_name="=cmd", last_name="")
    add_days(ann, datetime.date(2026, 3, 1), [100, 200, 600])
    add_days(ann, datetime.date(2026, 4, 1), [1000])
    add_days(bob, datetime.date(2026, 3, 30), [50, 50, 70])  # two in March, one in April
    return ann, bob


def test_the_monthly_report_has_average_and_peak_stored_and_transfer_per_customer(usage):
    rows = reports.monthly_usage(2026, 3)

    assert [(r.customer_email, r.days_reported) for r in rows] == [
        ("ann@client.example", 3),
        ("bob@client.example", 2),
    ]
    ann = rows[0]
    assert (ann.average_stored, ann.peak_stored, ann.uploaded, ann.downloaded) == (
        300,
        600,
        300,
        30,
    )
    assert ann.month == datetime.date(2026, 3, 1)


def test_a_customers_report_goes_month_by_month(usage):
    ann, _bob = usage

    rows = reports.customer_monthly_usage(ann)

    assert [(f"{r.month:%Y-%m}", r.peak_stored) for r in rows] == [
        ("2026-03", 600),
        ("2026-04", 1000),
    ]


def test_the_csv_has_a_header_and_defuses_formulas(usage):
    out = io.StringIO()

    reports.write_csv(reports.monthly_usage(2026, 3), out)

    lines = list(csv.reader(io.StringIO(out.getvalue())))
    assert lines[0] == reports.CSV_HEADER
    assert lines[1][:3] == ["2026-03", "ann@client.example", "Ann Lee"]
    assert lines[2][2] == "'=cmd"


def test_staff_download_the_monthly_csv(usage):
    browser = Client()
    browser.force_login(UserFactory(role="support"))

    response = browser.get("/usage/reports/monthly.csv?month=2026-03")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "usage-2026-03.csv" in response["Content-Disposition"]
    assert "ann@client.example" in response.content.decode()


def test_customers_cannot_download_reports(usage):
    browser = Client()
    browser.force_login(UserFactory(role="customer"))

    assert browser.get("/usage/reports/monthly.csv").status_code == 403
