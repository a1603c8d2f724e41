"""Quota and certificate-expiry alerts: listed on the dashboard, emailed to owners once."""

import datetime

from django.core import mail
from django.utils import timezone

from portal.jobs.models import CustomDomain
from portal.storage.models import Region, Storage
from portal.usage import alerts
from portal.usage.models import QuotaAlert
from portal.usage.panels import dashboard_panels
from tests.factories import BrandFactory, CustomerFactory, UserFactory

GB = 10**9  # quotas are decimal GB (portal.units)
VENDOR_WORDS = ("idrive", "e2 ")


def assert_white_label(message):
    text = f"{message.subject}\n{message.body}".lower()
    assert not any(word in text for word in VENDOR_WORDS)


def test_a_customer_crossing_the_threshold_is_flagged_and_emailed_once(db, settings):
    settings.QUOTA_ALERT_THRESHOLD_PERCENT = 80
    BrandFactory(is_default=True, name="Acme Storage", email_sender_address="hi@acme.example")
    owner = UserFactory(role="owner")
    UserFactory(role="support")
    full = CustomerFactory(quota_gb=10, storage_used_bytes=9 * GB)
    CustomerFactory(quota_gb=10, storage_used_bytes=1 * GB)
    CustomerFactory(quota_gb=0, storage_used_bytes=900 * GB)  # unlimited

    assert alerts.check_quota_thresholds() == 1
    assert alerts.check_quota_thresholds() == 0, "not one email a night"

    assert list(alerts.customers_over_quota_threshold()) == [full]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert message.subject.startswith("[Acme Storage]")
    assert full.email in message.subject and "90%" in message.subject
    assert message.from_email == "Acme Storage <hi@acme.example>"
    assert_white_label(message)


def test_falling_back_under_and_crossing_again_sends_a_second_email(db):
    BrandFactory(is_default=True)
    UserFactory(role="owner")
    customer = CustomerFactory(quota_gb=10, storage_used_bytes=9 * GB)
    alerts.check_quota_thresholds()

    customer.storage_used_bytes = 2 * GB
    customer.save()
    alerts.check_quota_thresholds()
    customer.storage_used_bytes = 10 * GB
    customer.save()
    alerts.check_quota_thresholds()

    assert len(mail.outbox) == 2
    assert QuotaAlert.objects.filter(cleared_at__isnull=False).count() == 1
    assert QuotaAlert.objects.filter(cleared_at__isnull=True).count() == 1


def make_domain(cname, expires_in_days):
    customer = CustomerFactory()
    region, _ = Region.objects.get_or_create(key="NY", defaults={"name": "New York"})
    storage = Storage.objects.create(customer=customer, region=region, storage_dn=f"s.{cname}")
    return CustomDomain.objects.create(
        storage=storage,
        cname=cname,
        certificate_expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
    )


def test_certificates_expiring_within_the_window_are_listed_and_emailed_once_a_day(db):
    BrandFactory(is_default=True)
    owner = UserFactory(role="owner")
    soon = make_domain("soon.example.com", 10)
    make_domain("later.example.com", 200)

    assert list(alerts.expiring_certificates()) == [soon]
    assert alerts.email_expiring_certificates() == 1
    assert alerts.email_expiring_certificates() == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert "soon.example.com" in message.body and "later.example.com" not in message.body
    assert_white_label(message)


def test_the_dashboard_panels_read_local_rows(db):
    make_domain("soon.example.com", 3)
    CustomerFactory(quota_gb=1, storage_used_bytes=GB)

    panels = dashboard_panels()

    assert [d.cname for d in panels["expiring_certificates"]] == ["soon.example.com"]
    assert len(panels["customers_over_quota"]) == 1
    assert panels["last_sync_run"] is None
    assert panels["quota_alert_threshold"] == 80


def test_the_dashboard_partials_render_from_the_panels(db):
    from django.template.loader import render_to_string

    from portal.usage.models import SyncRun

    make_domain("soon.example.com", 3)
    CustomerFactory(email="full@client.example", quota_gb=1, storage_used_bytes=GB)
    SyncRun.objects.create(
        state=SyncRun.State.PARTIAL,
        customers_total=3,
        customers_synced=2,
        customers_failed=1,
        errors=[{"customer": "ann@client.example", "error": "The storage service had a problem."}],
    )
    context = dashboard_panels()

    html = "".join(
        render_to_string(f"usage/{name}.html", context)
        for name in ("_sync_panel", "_expiring_certificates", "_over_quota")
    )

    assert "2 of 3 customers synced" in html and "1 failed" in html
    assert "soon.example.com" in html and "full@client.example" in html


def test_a_quota_of_a_billion_gb_is_compared_without_overflow(db, settings):
    """A quota in GB times 10^9 bytes times the percent passes a 64-bit integer; PostgreSQL
    refused the comparison with "bigint out of range", which took the dashboard down."""
    settings.QUOTA_ALERT_THRESHOLD_PERCENT = 80
    BrandFactory(is_default=True)
    huge = CustomerFactory(quota_gb=1_000_026_521, storage_used_bytes=3_500_000_000_000)
    full = CustomerFactory(quota_gb=1_000_000, storage_used_bytes=900_000 * GB)

    assert list(alerts.customers_over_quota_threshold()) == [full]
    assert huge not in alerts.customers_over_quota_threshold()
