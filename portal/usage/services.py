"""The usage sync: refresh the customer mirror, then fetch each customer's missing days.

One run is a SyncRun row, split into SyncChunk rows of ``USAGE_SYNC_CHUNK_SIZE`` customers,
the longest unsynced first. On a worker each chunk is one task, worked one after the other so
one rate limit holds for the run; each stops starting customers after
``USAGE_SYNC_CHUNK_SECONDS`` (below the task time limit) and hands the rest to a new chunk.
Within a chunk customers are fetched in parallel (``USAGE_SYNC_CONCURRENCY`` threads, at most
``USAGE_SYNC_RATE_PER_SECOND`` calls a second); the threads only talk to e2, and the rows are
written by the calling thread as answers arrive. Each customer's days are upserted as soon as
they arrive, so a run that dies leaves nothing half-done: the next run starts with the
customers it did not reach, each from its last stored day.
"""

import datetime
import logging
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from portal.customers.models import Customer
from portal.customers.services import sync_customer_mirror
from portal.e2.client import open_client
from portal.e2.errors import E2Error
from portal.usage.alerts import check_quota_thresholds
from portal.usage.models import CustomerSync, SyncChunk, SyncRun, UsageDay

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
    """Run the whole sync in this process, chunk after chunk, and return its SyncRun; None if
    another run is still going.

    ``customer_ids`` limits the usage fetch to those customers (the mirror is refreshed
    whole either way). One failing customer is recorded in the run and retried by the next.
    """
    run = start_sync(trigger=trigger, customer_ids=customer_ids)
    if run is None:
        return None
    while (chunk := _next_chunk(run)) is not None:
        sync_chunk(chunk.pk)
    run.refresh_from_db()
    return run


def start_sync(*, trigger: str, customer_ids=None, fan_out: bool = False) -> SyncRun | None:
    """Refresh the mirror (one e2 call), then split the customers into chunks, the longest
    unsynced first. With ``fan_out`` the first chunk goes to a worker after commit, and each
    chunk queues the next; without it the caller works the chunks (see sync_usage)."""
    run = _start_run(trigger)
    if run is None:
        return None
    try:
        with open_client() as client:
            mirror = sync_customer_mirror(client)
        run.mirror_created, run.mirror_updated = mirror.created, mirror.updated
        run.mirror_removed = mirror.removed
        ids = _customers_in_sync_order(customer_ids)
        size = max(1, settings.USAGE_SYNC_CHUNK_SIZE)
        chunks = SyncChunk.objects.bulk_create(
            SyncChunk(run=run, number=number, customer_ids=ids[offset : offset + size])
            for number, offset in enumerate(range(0, len(ids), size), start=1)
        )
        run.customers_total, run.chunks_total = len(ids), len(chunks)
        run.save()
    except Exception as error:
        _record_run_error(run, error)
        _finish_run(run, failed=True)
        return run
    if not chunks:
        _finish_run(run)
    elif fan_out:
        _queue_chunk(chunks[0].pk)
    return run


def sync_chunk(chunk_id: int, *, fan_out: bool = False) -> None:
    """Fetch one chunk's usage within ``USAGE_SYNC_CHUNK_SECONDS``; hand the customers it did
    not reach to a new chunk, then start the next chunk (or finish the run).

    Run again for the same chunk (a redelivered task after a crash), it skips the customers
    this run has already synced, so no customer is fetched twice in one run.
    """
    chunk = SyncChunk.objects.select_related("run").filter(pk=chunk_id).first()
    if chunk is None or chunk.state in (SyncChunk.State.DONE, SyncChunk.State.CUT_OFF):
        return
    run = chunk.run
    if run.state != SyncRun.State.RUNNING:
        return
    chunk.state, chunk.started_at = SyncChunk.State.RUNNING, timezone.now()
    chunk.save(update_fields=["state", "started_at"])
    done = set(
        CustomerSync.objects.filter(
            customer_id__in=chunk.customer_ids, synced_at__gte=run.started_at
        ).values_list("customer_id", flat=True)
    )
    todo = [pk for pk in chunk.customer_ids if pk not in done]
    reached: set[int] = set()
    deadline = time.monotonic() + settings.USAGE_SYNC_CHUNK_SECONDS
    try:
        _sync_customers(run, chunk, todo, deadline, reached)
    except SoftTimeLimitExceeded:
        logger.warning("usage sync chunk hit the task time limit", extra={"chunk": chunk.pk})
    except Exception as error:
        _record_run_error(run, error)
    leftover = [pk for pk in todo if pk not in reached]
    if leftover and not reached:
        # Nothing moved: handing the same customers on would loop. The next run starts with
        # them, since they are now the longest unsynced.
        run.errors = [
            *run.errors,
            {"customer": None, "error": f"{len(leftover)} customers were not reached."},
        ]
        run.customers_failed += len(leftover)
        leftover = []
    with transaction.atomic():
        if leftover:
            last = run.chunks.aggregate(last=Max("number"))["last"]
            SyncChunk.objects.create(run=run, number=last + 1, customer_ids=leftover)
            run.chunks_total += 1
        chunk.state = SyncChunk.State.CUT_OFF if leftover else SyncChunk.State.DONE
        chunk.finished_at = timezone.now()
        chunk.save(update_fields=["state", "finished_at", "customers_synced", "customers_failed"])
        run.chunks_done += 1
        run.save(
            update_fields=[
                "chunks_total",
                "chunks_done",
                "customers_failed",
                "errors",
                "updated_at",
            ]
        )
    following = _next_chunk(run)
    if following is None:
        _finish_run(run)
    elif fan_out:
        _queue_chunk(following.pk)


def _queue_chunk(chunk_id: int) -> None:
    from portal.usage.tasks import run_usage_sync_chunk

    transaction.on_commit(lambda: run_usage_sync_chunk.delay(chunk_id))


def _next_chunk(run: SyncRun) -> SyncChunk | None:
    return run.chunks.filter(state=SyncChunk.State.QUEUED).order_by("number").first()


def _customers_in_sync_order(customer_ids) -> list[int]:
    """Signed-up customers, those synced longest ago (or never) first, so a run cut short
    is followed by one that starts where it stopped."""
    customers = Customer.objects.filter(is_signed_up=True)
    if customer_ids is not None:
        customers = customers.filter(pk__in=customer_ids)
    order = F("usage_sync__synced_at").asc(nulls_first=True)
    return list(customers.order_by(order, "pk").values_list("pk", flat=True))


def _record_run_error(run: SyncRun, error: Exception) -> None:
    if isinstance(error, E2Error):
        message = error.human_message
    else:
        logger.exception("usage sync failed", extra={"sync_run": run.pk})
        message = f"Internal error: {error}"
    run.errors = [*run.errors, {"customer": None, "error": message}]


def _finish_run(run: SyncRun, *, failed: bool = False) -> None:
    if failed:
        run.state = SyncRun.State.FAILED
    else:
        run.state = SyncRun.State.PARTIAL if run.customers_failed else SyncRun.State.SUCCEEDED
    run.finished_at = timezone.now()
    run.duration_seconds = round((run.finished_at - run.started_at).total_seconds(), 3)
    run.save()
    check_quota_thresholds()
    logger.info(
        "usage sync finished",
        extra={"sync_run": run.pk, "state": run.state, "synced": run.customers_synced},
    )


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


# What a fetching thread answers for a customer it did not start before the chunk's deadline.
NOT_REACHED = object()


def _sync_customers(run: SyncRun, chunk: SyncChunk, todo, deadline: float, reached) -> None:
    """Fetch ``todo`` (customer ids) in parallel; ``reached`` collects every customer whose
    answer (usage or an error) is stored, so the caller knows who is left."""
    customers = Customer.objects.in_bulk(todo)
    progress = CustomerSync.objects.in_bulk(todo)
    earliest = timezone.localdate() - datetime.timedelta(days=settings.USAGE_SYNC_HISTORY_DAYS)
    concurrency = max(1, settings.USAGE_SYNC_CONCURRENCY)
    limiter = RateLimiter(settings.USAGE_SYNC_RATE_PER_SECOND)
    clients = _ClientPool(concurrency)
    writer = _Writer(run, chunk, progress, reached)
    today = timezone.localdate()
    try:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            futures = {}
            for pk in todo:
                if pk not in customers:
                    reached.add(pk)  # left the mirror since the run was planned
                    continue
                first = getattr(progress.get(pk), "last_day", None) or earliest
                future = pool.submit(
                    _fetch_usage, clients, limiter, deadline, customers[pk].email, first, today
                )
                futures[future] = customers[pk]
            try:
                for future in as_completed(futures):
                    writer.add(futures[future], future)
            finally:
                # On the way out early, do not start the customers still waiting.
                for future in futures:
                    future.cancel()
                writer.flush()
    finally:
        clients.close_all()


def _fetch_usage(clients, limiter: RateLimiter, deadline: float, email: str, first, last):
    if time.monotonic() >= deadline:
        return NOT_REACHED
    limiter.wait()
    if time.monotonic() >= deadline:
        return NOT_REACHED
    with clients.client() as client:
        return client.usage_stats(email, first, last)


class _Writer:
    """Stores answers in batches (``FLUSH_EVERY`` customers or ``FLUSH_SECONDS``), each in one
    transaction, so the database keeps up with the fetching threads. A customer counts as
    synced only once its batch is committed; a crash loses at most one batch of answers,
    which the chunk's next delivery fetches again."""

    FLUSH_EVERY = 50
    FLUSH_SECONDS = 1.0

    def __init__(self, run, chunk, progress, reached):
        self.run, self.chunk, self.progress, self.reached = run, chunk, progress, reached
        self.synced: list[tuple[Customer, list]] = []
        self.failed: list[tuple[Customer, str]] = []
        self.flushed_at = time.monotonic()

    def add(self, customer: Customer, future) -> None:
        try:
            days = future.result()
        except Exception as error:
            if isinstance(error, E2Error):
                message = error.human_message
            else:
                logger.exception("usage fetch failed", extra={"customer_id": customer.pk})
                message = "Internal error; see the logs."
            self.failed.append((customer, message))
        else:
            if days is NOT_REACHED:
                return
            self.synced.append((customer, days))
        pending = len(self.synced) + len(self.failed)
        if pending >= self.FLUSH_EVERY or time.monotonic() - self.flushed_at >= self.FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        self.flushed_at = time.monotonic()
        if not self.synced and not self.failed:
            return
        now = timezone.now()
        rows, progress = [], []
        for customer, days in self.synced:
            rows += [
                UsageDay(
                    customer=customer,
                    date=day.date,
                    disk_used=day.disk_used,
                    uploads=day.uploads,
                    downloads=day.downloads,
                )
                for day in days
            ]
            known = getattr(self.progress.get(customer.pk), "last_day", None)
            last_day = max([day.date for day in days] + ([known] if known else []), default=None)
            progress.append(CustomerSync(customer=customer, synced_at=now, last_day=last_day))
        with transaction.atomic():
            UsageDay.objects.bulk_create(
                rows,
                batch_size=500,
                update_conflicts=True,
                unique_fields=["customer", "date"],
                update_fields=["disk_used", "uploads", "downloads"],
            )
            CustomerSync.objects.bulk_create(
                progress,
                update_conflicts=True,
                unique_fields=["customer"],
                update_fields=["synced_at", "last_day"],
            )
            CustomerSync.objects.bulk_create(
                [CustomerSync(customer=customer, failed_at=now) for customer, _ in self.failed],
                update_conflicts=True,
                unique_fields=["customer"],
                update_fields=["failed_at"],
            )
            run, chunk = self.run, self.chunk
            run.customers_synced += len(self.synced)
            run.customers_failed += len(self.failed)
            run.days_written += len(rows)
            run.errors = [
                *run.errors,
                *({"customer": c.email, "error": message} for c, message in self.failed),
            ]
            chunk.customers_synced += len(self.synced)
            chunk.customers_failed += len(self.failed)
            run.save(
                update_fields=[
                    "customers_synced",
                    "customers_failed",
                    "days_written",
                    "errors",
                    "updated_at",
                ]
            )
            chunk.save(update_fields=["customers_synced", "customers_failed"])
        self.reached.update(customer.pk for customer, _ in self.synced + self.failed)
        self.synced, self.failed = [], []


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
