"""Dashboard, regions, access keys and activity, against the live sandbox."""

import datetime
import re

import pytest

from portal.e2.client import get_client
from portal.storage.models import AccessKey
from portal.usage.models import UsageDay

pytestmark = pytest.mark.django_db


def test_dashboard_shows_quota_regions_with_branded_endpoints_and_loads_usage_and_activity(
    browser_a, customer_a
):
    page = browser_a.get("/console/").content.decode()
    assert "100 GB" in page
    assert "ch.s3.brand-a.test" in page
    assert 'hx-get="/console/usage/?days=30"' in page
    today = datetime.date.today()
    UsageDay.objects.create(
        customer=customer_a, date=today, disk_used=5 * 10**9, uploads=10**9, downloads=0
    )
    chart = browser_a.get("/console/usage/?days=7", HTTP_HX_REQUEST="true").content.decode()
    assert '"disk_used": [5.0]' in chart
    activity = browser_a.get("/console/recent-activity/", HTTP_HX_REQUEST="true")
    assert activity.status_code == 200


def test_usage_chart_reads_the_storage_service_when_no_day_was_synced(browser_a, customer_a, e2):
    day = datetime.date.today() - datetime.timedelta(days=1)
    e2.set_usage(
        customer_a.email,
        [{"date": day.isoformat(), "disk_used": 2 * 10**9, "uploads": 0, "downloads": 7}],
    )
    chart = browser_a.get("/console/usage/?days=7", HTTP_HX_REQUEST="true").content.decode()
    assert "2.0" in chart and day.isoformat() in chart


def test_customer_enables_an_allowed_region_and_sees_its_branded_endpoint(browser_a, customer_a):
    page = browser_a.get("/console/regions/").content.decode()
    assert "Oregon" in page and "United States" in page
    response = browser_a.post("/console/regions/enable/", {"region": "OR"})
    assert response.status_code == 302
    assert customer_a.storages.filter(region__key="OR").exists()
    assert "or.s3.brand-a.test" in browser_a.get("/console/regions/").content.decode()


def test_customer_cannot_enable_a_region_the_reseller_does_not_offer(browser_a, customer_a):
    from portal.storage.models import Region

    Region.objects.filter(key="OR").update(customers_may_enable=False)
    response = browser_a.post("/console/regions/enable/", {"region": "OR"})
    assert response.status_code == 400
    assert not customer_a.storages.filter(region__key="OR").exists()


def test_customer_sets_cors_of_their_region(browser_a, customer_a):
    storage = customer_a.storages.get()
    response = browser_a.post(
        f"/console/regions/{storage.pk}/cors/", {"cors": "https://app.example.com"}
    )
    assert response.status_code == 302
    storage.refresh_from_db()
    assert storage.cors == "https://app.example.com"
    with get_client() as client:
        remote = client.list_user_regions(customer_a.email)
    assert remote[0].cors == "https://app.example.com"


def test_invalid_cors_is_refused_before_any_call(browser_a, customer_a, e2):
    storage = customer_a.storages.get()
    e2.clear_request_counts()
    response = browser_a.post(
        f"/console/regions/{storage.pk}/cors/",
        {"cors": ",".join(f"https://a{n}.example.com" for n in range(11))},
    )
    assert response.status_code == 400
    assert "At most 10 domains" in response.content.decode()
    assert not e2.request_counts()


def test_access_key_secret_is_shown_once_with_tool_configs_on_the_branded_endpoint(
    browser_a, customer_a
):
    storage = customer_a.storages.get()
    response = browser_a.post(
        "/console/keys/new/",
        {"storage": storage.pk, "name": "backup", "permissions": 2, "buckets": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    key = AccessKey.objects.get(storage=storage)
    secret = re.search(r'<code id="secret-key">([^<]+)</code>', body).group(1)
    assert "endpoint = https://ch.s3.brand-a.test" in body  # rclone
    assert "--endpoint-url https://ch.s3.brand-a.test" in body  # AWS CLI
    assert "host_base = ch.s3.brand-a.test" in body  # s3cmd
    assert secret in body
    listing = browser_a.get(f"/console/keys/{storage.pk}/", HTTP_HX_REQUEST="true").content
    assert key.key_id.encode() in listing
    assert secret.encode() not in listing
    assert secret.encode() not in browser_a.get("/console/keys/").content


def test_customer_removes_an_access_key_after_confirming(browser_a, customer_a):
    storage = customer_a.storages.get()
    browser_a.post("/console/keys/new/", {"storage": storage.pk, "name": "old", "permissions": 0})
    key = AccessKey.objects.get(storage=storage)
    url = f"/console/keys/{storage.pk}/{key.pk}/remove/"
    confirm = browser_a.get(url, HTTP_HX_REQUEST="true")
    assert "Remove access key old?" in confirm.content.decode()
    assert AccessKey.objects.filter(pk=key.pk).exists()
    assert browser_a.post(url).status_code == 302
    assert not AccessKey.objects.filter(pk=key.pk).exists()
    with get_client() as client:
        assert client.list_access_keys(customer_a.email, storage.storage_dn) == []


def seed_activity(e2, customer, count):
    e2.control(
        "POST",
        "activity",
        {"email": customer.email, "count": count, "date": datetime.date.today().isoformat()},
    )


def test_activity_reads_every_page_and_paginates_for_the_customer(browser_a, customer_a, e2):
    seed_activity(e2, customer_a, 201)
    fragment = browser_a.get("/console/activity/entries/", HTTP_HX_REQUEST="true").content
    text = fragment.decode()
    assert re.search(r"20[1-9] entries", text)
    assert "page 1 of 5" in text


def test_activity_range_beyond_90_days_is_refused(browser_a):
    start = (datetime.date.today() - datetime.timedelta(days=120)).isoformat()
    end = datetime.date.today().isoformat()
    fragment = browser_a.get(f"/console/activity/entries/?start={start}&end={end}")
    assert "kept for the last 90 days" in fragment.content.decode()


def test_activity_exports_as_csv_and_as_pdf_in_the_brand_name(browser_a, customer_a, e2):
    seed_activity(e2, customer_a, 3)
    csv = browser_a.get("/console/activity/export.csv")
    assert csv.status_code == 200
    assert 'filename="northwind-storage-activity-' in csv["Content-Disposition"]
    assert csv.content.decode().splitlines()[0] == "timestamp,activity,ip_address"
    assert len(csv.content.decode().splitlines()) >= 4
    pdf = browser_a.get("/console/activity/export.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="northwind-storage-activity-' in pdf["Content-Disposition"]
