"""The usage sync against the live sandbox: mirror refresh, daily rows, failures, resumption."""

import datetime
import threading
import time

import pytest
from django.utils import timezone

from portal.customers.models import Customer
from portal.usage import services
from portal.usage.models import CustomerSync, SyncRun, UsageDay
from tests.usage.conftest import usage_days

USAGE_PATH = "/api/reseller/v1/usage_stats"


def usage_rows():
    return list(
        UsageDay.objects.order_by("customer__email", "date").values_list(
            "customer__email", "date", "disk_used", "uploads", "downloads"
        )
    )


def test_a_sync_refreshes_the_mirror_and_stores_every_day(remote_customers, e2):
    run = services.sync_usage()

    assert run.state == SyncRun.State.SUCCEEDED
    assert (run.mirror_created, run.customers_total, run.customers_synced) == (3, 3, 3)
    assert run.customers_failed == 0 and run.errors == []
    assert run.duration_seconds is not None and run.finished_at is not None
    assert set(Customer.objects.values_list("email", flat=True)) == set(remote_customers)
    assert UsageDay.objects.count() == 3 * 7
    today = UsageDay.objects.get(customer__email="ann@client.example", date=timezone.localdate())
    assert (today.disk_used, today.uploads, today.downloads) == (7000, 70, 5)


def test_a_second_sync_in_a_row_leaves_identical_rows(remote_customers, e2):
    services.sync_usage()
    first = usage_rows()
    ids = sorted(UsageDay.objects.values_list("pk", flat=True))

    second_run = services.sync_usage()

    assert second_run.state == SyncRun.State.SUCCEEDED
    assert usage_rows() == first
    assert sorted(UsageDay.objects.values_list("pk", flat=True)) == ids
    print(f"\nFIGURE usage_sync_reruns=2 rows={len(first)} identical=yes")


def test_the_mirror_follows_removed_and_changed_accounts(remote_customers, e2):
    services.sync_usage()
    e2.api("POST", "/api/reseller/v1/disable_user", json={"email": "bob@client.example"})
    e2.api("POST", "/api/reseller/v1/disable_user", json={"email": "cat@client.example"})
    e2.api("POST", "/api/reseller/v1/remove_user", json={"email": "cat@client.example"})

    run = services.sync_usage()

    assert run.mirror_removed == 1
    assert not Customer.objects.filter(email="cat@client.example").exists()
    assert Customer.objects.get(email="bob@client.example").is_active is False


def test_one_failing_customer_is_recorded_and_the_others_finish(remote_customers, e2, settings):
    settings.USAGE_SYNC_CONCURRENCY = 1  # customers in order: the first one (ann) fails
    e2.fault(USAGE_PATH, status=400)

    run = services.sync_usage()

    assert run.state == SyncRun.State.PARTIAL
    assert (run.customers_synced, run.customers_failed) == (2, 1)
    assert run.errors[0]["customer"] == "ann@client.example"
    assert not UsageDay.objects.filter(customer__email="ann@client.example").exists()
    assert UsageDay.objects.filter(customer__email="bob@client.example").count() == 7

    retried = services.sync_usage()

    assert retried.state == SyncRun.State.SUCCEEDED
    assert UsageDay.objects.filter(customer__email="ann@client.example").count() == 7


def test_a_sync_after_a_crash_resumes_from_each_customers_last_day(remote_customers, e2):
    services.sync_usage()
    complete = usage_rows()
    # What a run killed midway leaves: a running SyncRun, and some customers behind.
    # Bob was never reached; Cat was last synced three days ago.
    UsageDay.objects.filter(customer__email="bob@client.example").delete()
    CustomerSync.objects.filter(customer__email="bob@client.example").delete()
    three_days_ago = timezone.localdate() - datetime.timedelta(3)
    UsageDay.objects.filter(customer__email="cat@client.example", date__gt=three_days_ago).delete()
    CustomerSync.objects.filter(customer__email="cat@client.example").update(
        last_day=three_days_ago, synced_at=timezone.now() - datetime.timedelta(days=3)
    )
    crashed = SyncRun.objects.create()
    SyncRun.objects.filter(pk=crashed.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )

    run = services.sync_usage()

    assert run.state == SyncRun.State.SUCCEEDED
    assert usage_rows() == complete
    assert SyncRun.objects.get(pk=crashed.pk).state == SyncRun.State.INTERRUPTED


def test_a_sync_does_not_start_while_another_is_running(remote_customers, e2):
    SyncRun.objects.create()

    assert services.sync_usage() is None
    assert e2.request_counts().get(USAGE_PATH, 0) == 0


def test_new_days_are_fetched_from_the_last_stored_day_on(remote_customers, e2):
    services.sync_usage()
    e2.clear_request_counts()
    e2.set_usage("ann@client.example", usage_days(1, disk_used=99_000))

    services.sync_usage()

    today = UsageDay.objects.get(customer__email="ann@client.example", date=timezone.localdate())
    assert today.disk_used == 99_000
    assert e2.request_counts()[USAGE_PATH] == 3


def test_fetches_run_with_bounded_concurrency(remote_customers, e2, settings, monkeypatch):
    settings.USAGE_SYNC_CONCURRENCY = 2
    settings.USAGE_SYNC_RATE_PER_SECOND = 100
    in_flight, peak, lock = [0], [0], threading.Lock()
    fetch = services._fetch_usage

    def counting_fetch(*args):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        try:
            time.sleep(0.2)
            return fetch(*args)
        finally:
            with lock:
                in_flight[0] -= 1

    monkeypatch.setattr(services, "_fetch_usage", counting_fetch)

    run = services.sync_usage()

    assert run.customers_synced == 3
    assert peak[0] == 2


def test_the_rate_limiter_spaces_calls_after_its_burst():
    limiter = services.RateLimiter(rate=20)
    started = time.monotonic()

    for _ in range(30):
        limiter.wait()

    # 20 at once, then 10 more at 20 a second.
    assert time.monotonic() - started == pytest.approx(0.5, abs=0.15)


def test_selected_customers_are_synced_now_by_a_worker_after_commit(
    remote_customers, e2, django_capture_on_commit_callbacks, monkeypatch
):
    from portal.usage import tasks

    sent = []
    monkeypatch.setattr(tasks.run_usage_sync, "delay", lambda **kwargs: sent.append(kwargs))

    with django_capture_on_commit_callbacks(execute=True):
        services.sync_customers_now(["4", 5])

    assert sent == [{"trigger": "ops", "customer_ids": [4, 5]}]
