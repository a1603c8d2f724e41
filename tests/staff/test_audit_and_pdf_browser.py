"""In a real Chromium: a brand change and a session-policy change each appear in the audit log
with who made them (defect 4), and the activity PDF keeps typographic and non-Latin text and
numbers its pages (defect 5)."""

import datetime
import re

import pytest

from portal.audit.models import AuditRecord
from portal.customers.models import Customer
from portal.customers.services import sync_customer_mirror
from portal.e2.client import get_client
from tests.factories import DEFAULT_PASSWORD
from tests.fixtures.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = [
    "Bucket \u2019quotes\u2019 “double” — dash",
    "Ведро создано",
    "已创建存储桶",
    "Backup done 🎉",
]


@pytest.fixture
def owner_page(page, live_server, e2, brand, owner):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(owner.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def audit_rows(page, live_server):
    page.goto(f"{live_server.url}/audit/")
    return page.locator("table tbody").inner_text()


def test_brand_and_session_policy_changes_are_in_the_audit_log(
    owner_page, live_server, brand, owner
):
    page = owner_page
    page.goto(f"{live_server.url}/settings/branding/{brand.pk}/")
    page.get_by_label("Copyright", exact=False).first.fill("Northwind Storage Ltd, 2026")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/settings/branding/"))

    page.goto(f"{live_server.url}/settings/branding/sessions/")
    page.get_by_label("Idle session timeout (minutes)").fill("45")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state("networkidle")

    rows = [row for row in audit_rows(page, live_server).splitlines() if "update" in row.lower()]
    assert [r for r in rows if "brand.update" in r or "Brand" in r], rows
    assert [r for r in rows if "session_policy" in r or "session" in r.lower()], rows
    records = AuditRecord.objects.filter(action__in=["brand.update", "session_policy.update"])
    assert sorted(records.values_list("action", "actor_id", "outcome")) == [
        ("brand.update", owner.pk, "succeeded"),
        ("session_policy.update", owner.pk, "succeeded"),
    ]


def test_the_activity_pdf_keeps_every_character_and_numbers_its_pages(owner_page, live_server, e2):
    with get_client() as client:
        client.create_user("nia@client.example", "Sandbox-password-1", "Nia", quota_gb=5)
    sync_customer_mirror()
    customer = Customer.objects.get(email="nia@client.example")
    today = datetime.date.today()
    entries = [
        {
            "timestamp": f"{today - datetime.timedelta(days=1)}T{9 + n % 10:02}:{n % 60:02}:00Z",
            "description": TEXTS[n % len(TEXTS)],
            "ip": "198.51.100.7",
        }
        for n in range(120)  # enough rows for more than one page
    ]
    e2.control("POST", "activity", {"email": customer.email, "entries": entries})

    page = owner_page
    page.goto(f"{live_server.url}/customers/{customer.pk}/tab/activity/")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        text = pdf_text(pdf.read())

    for expected in ("\u2019quotes\u2019", "“double”", "—", "Ведро создано", "已创建存储桶", "🎉"):
        assert expected in text, expected
    assert "?" not in "".join(TEXTS) and "??" not in text
    pages = re.findall(r"Page (\d+) of (\d+)", text)
    assert len(pages) >= 2 and all(total == pages[0][1] for _, total in pages)
