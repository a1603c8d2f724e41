"""The nightly sync on a real Celery worker with Redis: the run fans out into one task per
chunk, each chunk queues the next, and the SyncRun adds them up."""

import pytest

from portal.e2.client import get_client
from portal.usage.models import SyncChunk, SyncRun
from portal.usage.tasks import run_usage_sync
from tests.factories import BrandFactory
from tests.fixtures.worker import wait_for
from tests.usage.conftest import usage_days

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

USAGE_PATH = "/api/reseller/v1/usage_stats"


def test_the_scheduled_sync_runs_chunk_after_chunk_on_a_worker(celery_workers, e2):
    BrandFactory(is_default=True)
    with get_client() as client:
        for number in range(25):
            email = f"w{number:02}@client.example"
            client.create_user(email, "Sandbox-password-1", "W", quota_gb=1)
            e2.set_usage(email, usage_days(2))
    e2.clear_request_counts()
    celery_workers.start(USAGE_SYNC_CHUNK_SIZE="10", USAGE_SYNC_RATE_PER_SECOND="1000")

    run_usage_sync.delay()

    run = wait_for(
        lambda: SyncRun.objects.exclude(state=SyncRun.State.RUNNING).first(), 60, "the sync run"
    )
    assert run.state == SyncRun.State.SUCCEEDED
    assert (run.customers_synced, run.chunks_total, run.chunks_done) == (25, 3, 3)
    assert set(run.chunks.values_list("state", flat=True)) == {SyncChunk.State.DONE}
    assert e2.request_counts()[USAGE_PATH] == 25
