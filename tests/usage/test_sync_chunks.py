"""The usage sync in chunks against the live sandbox: one e2 call per customer plus one for the
mirror, the longest unsynced first, a chunk out of time handing the rest on within the same
run, a chunk run twice after a crash fetching nobody twice, and a run cut short finished by
the next one."""

import datetime

import pytest
from django.utils import timezone

from portal.customers.models import Customer
from portal.e2.client import get_client
from portal.usage import services
from portal.usage.models import CustomerSync, SyncChunk, SyncRun, UsageDay
from tests.usage.conftest import usage_days

USAGE_PATH = "/api/reseller/v1/usage_stats"
USERS_PATH = "/api/reseller/v1/users"


@pytest.fixture
def many_customers(e2, default_brand, settings):
    """Thirty signed-up customers in the sandbox, each with three days of usage."""
    settings.USAGE_SYNC_RATE_PER_SECOND = 1000
    emails = [f"c{number:02}@client.example" for number in range(30)]
    with get_client() as client:
        for email in emails:
            client.create_user(email, "Sandbox-password-1", "C", quota_gb=1)
            e2.set_usage(email, usage_days(3))
    e2.clear_request_counts()
    return emails


def chunk_emails(chunk):
    by_pk = dict(Customer.objects.values_list("pk", "email"))
    return [by_pk[pk] for pk in chunk.customer_ids]


def test_a_run_is_chunked_with_one_call_per_customer_and_one_for_the_mirror(
    many_customers, e2, settings
):
    settings.USAGE_SYNC_CHUNK_SIZE = 12

    run = services.sync_usage()

    assert run.state == SyncRun.State.SUCCEEDED
    assert (run.customers_total, run.customers_synced, run.customers_failed) == (30, 30, 0)
    assert (run.chunks_total, run.chunks_done) == (3, 3)
    assert [len(c.customer_ids) for c in run.chunks.all()] == [12, 12, 6]
    assert {c.state for c in run.chunks.all()} == {SyncChunk.State.DONE}
    assert sum(c.customers_synced for c in run.chunks.all()) == 30
    assert UsageDay.objects.count() == 30 * 3
    counts = e2.request_counts()
    assert counts[USAGE_PATH] == 30
    assert counts[USERS_PATH] == 1
    print(f"FIGURE usage_sync customers=30 chunks=3 e2_calls={sum(counts.values())}")


def test_the_longest_unsynced_customers_come_first(many_customers, e2, settings):
    settings.USAGE_SYNC_CHUNK_SIZE = 10
    services.sync_usage()
    # Yesterday's run reached everyone but the last five, which were synced a week ago.
    week_ago = timezone.now() - datetime.timedelta(days=7)
    behind = sorted(many_customers)[-5:]
    CustomerSync.objects.filter(customer__email__in=behind).update(synced_at=week_ago)
    newcomer = Customer.objects.get(email=sorted(many_customers)[0])
    CustomerSync.objects.filter(customer=newcomer).delete()

    run = services.sync_usage()

    first = run.chunks.get(number=1)
    assert chunk_emails(first)[0] == newcomer.email  # never synced: first of all
    assert set(chunk_emails(first)[1:6]) == set(behind)


def test_a_chunk_out_of_time_hands_the_rest_to_a_new_chunk_of_the_same_run(
    many_customers, e2, settings
):
    settings.USAGE_SYNC_CHUNK_SIZE = 15
    settings.USAGE_SYNC_CONCURRENCY = 2
    settings.USAGE_SYNC_CHUNK_SECONDS = 0.5
    e2.fault(USAGE_PATH, times=1000, delay_ms=150)

    run = services.sync_usage()

    chunks = list(run.chunks.all())
    assert run.state == SyncRun.State.SUCCEEDED
    assert run.customers_synced == 30
    assert any(c.state == SyncChunk.State.CUT_OFF for c in chunks)
    assert run.chunks_total == len(chunks) > 2
    # Handing on fetches nobody twice and loses nobody.
    assert e2.request_counts()[USAGE_PATH] == 30
    assert Customer.objects.filter(usage_sync__synced_at__gte=run.started_at).count() == 30
    print(f"FIGURE usage_sync_cut_off customers=30 chunks={len(chunks)} e2_usage_calls=30")


def test_a_chunk_delivered_again_after_a_crash_fetches_nobody_twice(many_customers, e2, settings):
    settings.USAGE_SYNC_CHUNK_SIZE = 10
    run = services.start_sync(trigger=SyncRun.Trigger.OPS)
    first = run.chunks.get(number=1)
    services.sync_chunk(first.pk)
    # The worker died after the customers were stored, before the task was acknowledged.
    SyncChunk.objects.filter(pk=first.pk).update(state=SyncChunk.State.RUNNING)

    services.sync_chunk(first.pk)

    assert e2.request_counts()[USAGE_PATH] == 10
    assert SyncChunk.objects.filter(run=run).count() == 3


def test_a_run_cut_short_is_finished_by_the_next_run(many_customers, e2, settings):
    settings.USAGE_SYNC_CHUNK_SIZE = 10
    cut_short = services.start_sync(trigger=SyncRun.Trigger.SCHEDULE)
    services.sync_chunk(cut_short.chunks.get(number=1).pk)
    left = set(cut_short.chunks.get(number=2).customer_ids) | set(
        cut_short.chunks.get(number=3).customer_ids
    )
    # The process died: the run stops moving and goes stale.
    SyncRun.objects.filter(pk=cut_short.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )

    run = services.sync_usage()

    assert SyncRun.objects.get(pk=cut_short.pk).state == SyncRun.State.INTERRUPTED
    first_two = set(run.chunks.get(number=1).customer_ids) | set(
        run.chunks.get(number=2).customer_ids
    )
    assert first_two == left
    assert Customer.objects.filter(usage_days__isnull=False).distinct().count() == 30


def test_on_a_worker_each_chunk_queues_the_next_after_commit(
    many_customers, e2, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from portal.usage import tasks

    settings.USAGE_SYNC_CHUNK_SIZE = 20
    queued = []
    monkeypatch.setattr(tasks.run_usage_sync_chunk, "delay", queued.append)

    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_sync(trigger=SyncRun.Trigger.SCHEDULE, fan_out=True)
    assert queued == [run.chunks.get(number=1).pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.sync_chunk(queued[-1], fan_out=True)
    assert queued[-1] == run.chunks.get(number=2).pk
    with django_capture_on_commit_callbacks(execute=True):
        services.sync_chunk(queued[-1], fan_out=True)

    run.refresh_from_db()
    assert len(queued) == 2
    assert run.state == SyncRun.State.SUCCEEDED and run.customers_synced == 30


def test_a_chunk_that_reaches_nobody_does_not_hand_on_forever(many_customers, e2, settings):
    settings.USAGE_SYNC_CHUNK_SIZE = 10
    settings.USAGE_SYNC_CHUNK_SECONDS = 0

    run = services.sync_usage()

    assert run.chunks.count() == 3
    assert run.state == SyncRun.State.PARTIAL
    assert run.customers_synced == 0 and run.customers_failed == 30
    assert USAGE_PATH not in e2.request_counts()
