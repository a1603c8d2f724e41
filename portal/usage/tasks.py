"""Celery tasks for the usage sync and the daily checks: thin wrappers around services."""

from celery import shared_task

from portal.usage import alerts, services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_usage_sync(trigger: str = "schedule", customer_ids: list[int] | None = None) -> None:
    """The nightly sync (or ops' "sync now"); safe to run again: it upserts."""
    services.sync_usage(trigger=trigger, customer_ids=customer_ids)


@shared_task(acks_late=True, ignore_result=True)
def check_certificate_expiry() -> int:
    """The daily list of certificates that expire soon, emailed to the owners."""
    return alerts.email_expiring_certificates()
