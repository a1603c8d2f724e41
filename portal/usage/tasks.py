"""Celery tasks for the usage sync and the daily checks: thin wrappers around services."""

from celery import shared_task

from portal.usage import alerts, services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_usage_sync(trigger: str = "schedule", customer_ids: list[int] | None = None) -> None:
    """The nightly sync (or ops' "sync now"): refresh the mirror and queue the first chunk."""
    services.start_sync(trigger=trigger, customer_ids=customer_ids, fan_out=True)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_usage_sync_chunk(chunk_id: int) -> None:
    """One chunk of a run's customers, then the next chunk; safe to run again: it upserts and
    skips the customers this run has synced."""
    services.sync_chunk(chunk_id, fan_out=True)


@shared_task(acks_late=True, ignore_result=True)
def check_certificate_expiry() -> int:
    """The daily list of certificates that expire soon, emailed to the owners."""
    return alerts.email_expiring_certificates()
