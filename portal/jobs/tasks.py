"""Celery tasks for jobs: thin wrappers around the services, taking ids only."""

from celery import shared_task

from portal.jobs import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_cname_job(self, job_id: int) -> None:
    """Move a custom-domain job forward; on a transient failure, come back after a delay."""
    retry_in = services.advance_cname_job(job_id)
    if retry_in is not None:
        # The attempt cap lives on the Job row, not in Celery's retry counter.
        raise self.retry(countdown=retry_in, max_retries=None)


@shared_task(acks_late=True, ignore_result=True)
def resume_stalled_jobs() -> int:
    """Send again the jobs that stopped moving (scheduled every few minutes)."""
    return services.requeue_stalled_jobs()
