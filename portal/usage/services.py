"""The usage sync: refresh the customer mirror, then fetch each customer's missing days.

One run is a SyncRun row. Customers are fetched in parallel (``USAGE_SYNC_CONCURRENCY``
threads, at most ``USAGE_SYNC_RATE_PER_SECOND`` calls a second); the threads only talk to e2,
and the rows are written by the calling thread as answers arrive. Each customer's days are
upserted as soon as they arrive, so a run that dies leaves nothing half-done: the next run
starts each customer from its last stored day.
"""

import datetime
import logging
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from portal.customers.models import Customer
from portal.customers.services import sync_customer_mirror
from portal.e2.client import open_client
from portal.e2.errors import E2Error
from portal.usage.alerts import check_quota_thresholds
from portal.usage.models import SyncRun, UsageDay

logger = logging.getLogger(__name__)

# A running SyncRun that has not moved for this long belongs to a process that died.
STALE_RUN_AFTER = datetime.timedelta(minutes=15)


class RateLimiter:
    """A token bucket shared by the fetching threads: at most ``rate`` calls a second."""

    def __init__(self, rate: float):
        self.rate = max(rate, 0.001)
        self.capacity = max(1.0, self.rate)
        self.tokens = self.capacity
        self.updated = time.monotonic()
        self.lock = threading.Lock()

    def wait(self) -> None:
        while True:
            with self.lock:
                now = time.monotonic()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                pause = (1 - self.tokens) / self.rate
            time.sleep(pause)


def sync_usage(*, trigger: str = SyncRun.Trigger.SCHEDULE, customer_ids=None) -> SyncRun | None:
    """Run the sync once and return its SyncRun; None if another run is still going.

    ``customer_ids`` limits the usage fetch to those customers (the mirror is refreshed
    whole either way). One failing customer is recorded in the run and retried by the next.
    """
    run = _start_run(trigger)
    if run is None:
        return None
    started = time.monotonic()
    with open_client() as client:
        try:
            mirror = sync_customer_mirror(client)
            run.mirror_created, run.mirror_updated = mirror.created, mirror.updated
            run.mirror_removed = mirror.removed
            run.save()
            _sync_customers(run, customer_ids)
            run.state = SyncRun.State.PARTIAL if run.customers_failed else SyncRun.State.SUCCEEDED
        except E2Error as error:
            run.errors = [*run.errors, {"customer": None, "error": error.human_message}]
            run.state = SyncRun.State.FAILED
        except Exception as error:
            logger.exception("usage sync failed", extra={"sync_run": run.pk})
            run.errors = [*run.errors, {"customer": None, "error": f"Internal error: {error}"}]
            run.state = SyncRun.State.FAILED
        finally:
            run.finished_at = timezone.now()
            run.duration_seconds = round(time.monotonic() - started, 3)
            run.save()
    check_quota_thresholds()
    logger.info(
        "usage sync finished",
        extra={"sync_run": run.pk, "state": run.state, "synced": run.customers_synced},
    )
    return run


def sync_customers_now(customer_ids) -> None:
    """Queue a sync of these customers' usage (and the mirror) for a worker, after commit."""
    from portal.usage.tasks import run_usage_sync

    ids = [int(customer_id) for customer_id in customer_ids]
    transaction.on_commit(
        lambda: run_usage_sync.delay(trigger=SyncRun.Trigger.OPS, customer_ids=ids)
    )


def rerun_sync() -> None:
    """Queue a full sync for a worker, after commit (ops re-running a failed one)."""
    from portal.usage.tasks import run_usage_sync

    transaction.on_commit(lambda: run_usage_sync.delay(trigger=SyncRun.Trigger.OPS))


def _start_run(trigger: str) -> SyncRun | None:
    stale_before = timezone.now() - STALE_RUN_AFTER
    with transaction.atomic():
        running = SyncRun.objects.select_for_update().filter(state=SyncRun.State.RUNNING)
        if running.filter(updated_at__gte=stale_before).exists():
            logger.info("usage sync skipped: another run is in progress")
            return None
        running.update(state=SyncRun.State.INTERRUPTED, finished_at=timezone.now())
        return SyncRun.objects.create(trigger=trigger)


def _sync_customers(run: SyncRun, customer_ids) -> None:
    today = timezone.localdate()
    earliest = today - datetime.timedelta(days=settings.USAGE_SYNC_HISTORY_DAYS)
    customers = (
        Customer.objects.filter(is_signed_up=True)
        .annotate(last_day=Max("usage_days__date"))
        .order_by("email")
    )
    if customer_ids is not None:
        customers = customers.filter(pk__in=customer_ids)
    customers = list(customers)
    run.customers_total = len(customers)
    run.save(update_fields=["customers_total", "updated_at"])

    concurrency = max(1, settings.USAGE_SYNC_CONCURRENCY)
    limiter = RateLimiter(settings.USAGE_SYNC_RATE_PER_SECOND)
    clients = _ClientPool(concurrency)
    try:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            futures = {
                pool.submit(
                    _fetch_usage,
                    clients,
                    limiter,
                    customer.email,
                    _first_day(customer, earliest),
                    today,
                ): customer
                for customer in customers
            }
            try:
                for future in as_completed(futures):
                    _store(run, futures[future], future)
            finally:
                # On the way out early, do not start the customers still waiting.
                for future in futures:
                    future.cancel()
    finally:
        clients.close_all()


def _first_day(customer: Customer, earliest: datetime.date) -> datetime.date:
    """The last stored day again (it may have been partial), else the start of history."""
    return customer.last_day if customer.last_day is not None else earliest


def _fetch_usage(clients: "_ClientPool", limiter: RateLimiter, email: str, first, last):
    limiter.wait()
    with clients.client() as client:
        return client.usage_stats(email, first, last)


def _store(run: SyncRun, customer: Customer, future) -> None:
    try:
        days = future.result()
    except Exception as error:
        if isinstance(error, E2Error):
            message = error.human_message
        else:
            logger.exception("usage fetch failed", extra={"customer_id": customer.pk})
            message = "Internal error; see the logs."
        run.customers_failed += 1
        run.errors = [*run.errors, {"customer": customer.email, "error": message}]
        run.save(update_fields=["customers_failed", "errors", "updated_at"])
        return
    rows = [
        UsageDay(
            customer=customer,
            date=day.date,
            disk_used=day.disk_used,
            uploads=day.uploads,
            downloads=day.downloads,
        )
        for day in days
    ]
    UsageDay.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["customer", "date"],
        update_fields=["disk_used", "uploads", "downloads"],
    )
    run.customers_synced += 1
    run.days_written += len(rows)
    run.save(update_fields=["customers_synced", "days_written", "updated_at"])


class _ClientPool:
    """One e2 client per thread at a time (an HTTP session is not shared between threads),
    all built up front in the calling thread, which is the only one that touches the database."""

    def __init__(self, size: int):
        self.opened = ExitStack()
        self.idle = queue.SimpleQueue()
        for _ in range(size):
            self.idle.put(self.opened.enter_context(open_client()))

    @contextmanager
    def client(self):
        client = self.idle.get()
        try:
            yield client
        finally:
            self.idle.put(client)

    def close_all(self) -> None:
        self.opened.close()
