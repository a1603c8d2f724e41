"""e2's activity text names the vendor's storage hosts; customers read the brand's endpoint
names instead, on every surface: the activity page, the dashboard, both exports, and a team
member's activity."""

import datetime

import pytest
from django.utils import timezone

from branding.white_label import NEUTRAL_HOST, white_label_entries
from portal.e2.types import ActivityEntry
from tests.fixtures.pdf import pdf_text

pytestmark = pytest.mark.django_db

VENDOR_WORDS = ("idrive", "idrivee2")


@pytest.fixture
def vendor_activity(e2, customer_a):
    storage = customer_a.storages.get()
    today = timezone.localdate()
    entries = [
        {
            "timestamp": f"{today - datetime.timedelta(days=1)}T09:00:00Z",
            "description": f"Bucket photos created on {storage.storage_dn}",
            "ip": "198.51.100.7",
        },
        {
            "timestamp": f"{today - datetime.timedelta(days=1)}T10:00:00Z",
            "description": "Signed in to IDrive e2 through 9zzz.or.idrivee2-12.com",
            "ip": "198.51.100.8",
        },
    ]
    e2.control("POST", "activity", {"email": customer_a.email, "entries": entries})
    return storage


def assert_white_labelled(text, customer):
    lowered = text.lower()
    assert not any(word in lowered for word in VENDOR_WORDS), text[:2000]
    assert "ch.s3.brand-a.test" in text
    assert NEUTRAL_HOST in text and customer.brand.name in text


def test_every_surface_shows_the_brands_endpoint_names(browser_a, customer_a, vendor_activity):
    today = timezone.localdate()
    query = f"?start={today - datetime.timedelta(days=7)}&end={today}"
    surfaces = {
        "activity page": browser_a.get("/console/activity/entries/" + query),
        "dashboard": browser_a.get("/console/recent-activity/", HTTP_HX_REQUEST="true"),
        "csv": browser_a.get("/console/activity/export.csv" + query),
    }
    for name, response in surfaces.items():
        assert response.status_code == 200, name
        assert_white_labelled(response.content.decode(), customer_a)
    pdf = browser_a.get("/console/activity/export.pdf" + query)
    assert_white_labelled(pdf_text(pdf.content), customer_a)


def test_the_one_rewrite_keeps_custom_domains_and_neutralises_unknown_hosts(
    customer_a, vendor_activity
):
    vendor_activity.custom_domains.create(cname="files.olive.example")
    entries = [
        ActivityEntry("2026-11-29T05:12:17Z", f"Upload to {vendor_activity.storage_dn}", "1.2.3.4"),
        ActivityEntry("2026-11-29T05:12:18Z", "Via 3kwx.ldn.idrivee2-36.com and e2", "1.2.3.4"),
    ]

    cleaned = [entry.description for entry in white_label_entries(customer_a, entries)]

    assert cleaned == [
        "Upload to files.olive.example",
        f"Via {NEUTRAL_HOST} and {customer_a.brand.name}",
    ]
