"""Custom-domain jobs: queue one from a checked form, and run it to the end in a worker.

A job is a row; the Celery task ``run_cname_job`` only calls ``advance_cname_job(job_id)``,
which moves the row forward. Delivery is at least once, so every step is safe to repeat: an
attempt after the first asks e2 what is already done before it changes anything.
"""

import datetime
import logging
import random

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.audit.services import Actor, audited
from portal.e2.client import open_client
from portal.e2.errors import E2Error, E2RequestRefused
from portal.errors import PortalRefusal
from portal.jobs.certificates import CertificateProblem, CertificateSummary, check_certificate
from portal.jobs.models import CustomDomain, Job

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "An internal error stopped the job. Ops staff can find the details in the logs."


def queue_cname_job(
    kind: str,
    *,
    storage,
    requested_by,
    cname: str,
    new_cname: str = "",
    file_index: str = "",
    certificate: str = "",
    private_key: str = "",
    passphrase: str = "",
) -> Job:
    """Record a custom-domain job and hand it to a worker once the transaction commits.

    Only the job's id travels through the broker; the key stays encrypted in the row.
    """
    from portal.jobs.tasks import run_cname_job  # the task module imports this one

    domain = new_cname or cname
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            customer=storage.customer,
            storage=storage,
            target=f"{domain} on {storage.storage_dn}",
            cname=cname,
            new_cname=new_cname,
            file_index=file_index,
            certificate=certificate,
            private_key=private_key or None,
            passphrase=passphrase or None,
            requested_by=requested_by,
            progress=[{"at": timezone.now().isoformat(), "message": "Waiting for a worker."}],
        )
        run_cname_job.delay_on_commit(job.pk)
    return job


def advance_cname_job(job_id: int) -> float | None:
    """Take the job one attempt further; the seconds to wait before the next attempt, or None.

    A job that has ended, was cancelled or no longer exists is left alone, so a redelivered
    message does nothing. Transient failures (timeouts, 5xx) come back with a delay; refusals
    (4xx) fail the job at once with their meaning.
    """
    job = _claim(job_id)
    if job is None:
        return None
    with open_client() as client:
        try:
            summary = _perform(job, client)
            _record_domain(job, client, summary)
        except E2Error as error:
            if error.is_transient and job.attempts < settings.JOB_MAX_ATTEMPTS:
                return _wait_for_retry(job, error)
            _finish(job, Job.State.FAILED, _explain(error), error.code or "")
        except CertificateProblem as problem:
            _finish(job, Job.State.FAILED, str(problem), "certificate_rejected")
        except Exception:
            logger.exception("job failed", extra={"job_id": job.pk, "job_kind": job.kind})
            _finish(job, Job.State.FAILED, INTERNAL_ERROR, "internal_error")
        else:
            _finish(job, Job.State.SUCCEEDED)
    return None


class JobNotCancellable(PortalRefusal):
    """A cancel asked for a job that is running or has ended."""

    human_message = "This job can no longer be cancelled: it is already running or has ended."
    code = "job_not_cancellable"


def can_cancel(job: Job) -> bool:
    """Whether the job may still be cancelled: it is queued, for its first attempt or waiting
    to try again, and no worker is on it."""
    return job.state == Job.State.QUEUED


def cancel_job(job: Job, actor: Actor | None = None) -> bool:
    """Cancel a job that is queued or waiting to try again; True once it is cancelled.

    Audited; a job that is running or has ended is refused with ``JobNotCancellable``
    (recorded as a failed attempt). A worker that picks the job up later leaves it alone.
    """
    actor = actor or Actor.system("ops staff")
    context = {"target": job.target, "customer": job.customer, "details": {"job": job.pk}}
    with audited("job.cancel", actor=actor, **context), transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not can_cancel(job):
            raise JobNotCancellable
        waited = "while waiting to try again" if job.attempts else "before it started"
        _finish(job, Job.State.CANCELLED, f"Cancelled {waited}.")
    return True


def retry_job(job: Job) -> bool:
    """Queue a failed job again; True if it was. A job whose private key was wiped when it
    failed cannot be retried: the reseller submits the form again."""
    from portal.jobs.tasks import run_cname_job

    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        needs_key = job.kind != Job.Kind.CNAME_REMOVE
        if job.state != Job.State.FAILED or (needs_key and job.private_key is None):
            return False
        job.state, job.attempts, job.finished_at = Job.State.QUEUED, 0, None
        job.last_error, job.error_code = "", ""
        job.save()
        job.note("Queued again by ops staff.")
        run_cname_job.delay_on_commit(job.pk)
    return True


def requeue_stalled_jobs() -> int:
    """Send again the jobs that stopped moving (a message lost with a broker or a web process
    that died between commit and send); the number sent. Safe: a job does nothing twice."""
    from portal.jobs.tasks import run_cname_job

    quiet_for = settings.CELERY_VISIBILITY_TIMEOUT + settings.CELERY_TASK_TIME_LIMIT
    cutoff = timezone.now() - datetime.timedelta(seconds=quiet_for)
    stalled = list(
        Job.objects.filter(
            state__in=[Job.State.QUEUED, Job.State.RUNNING], updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    for job_id in stalled:
        run_cname_job.delay(job_id)
    return len(stalled)


def retry_delay(attempt: int) -> float:
    """Exponential backoff with jitter, always shorter than the broker's visibility timeout
    (a message held longer would be handed to a second worker)."""
    cap = min(settings.JOB_RETRY_BACKOFF_MAX_SECONDS, settings.CELERY_VISIBILITY_TIMEOUT / 2)
    ceiling = min(cap, settings.JOB_RETRY_BACKOFF_SECONDS * 2 ** max(attempt - 1, 0))
    return ceiling / 2 + random.uniform(0, ceiling / 2)


# --- one attempt ----------------------------------------------------------------------------


def _claim(job_id: int) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.has_ended:
            return None
        if job.attempts >= settings.JOB_MAX_ATTEMPTS:
            reason = job.last_error or "The work was interrupted each time."
            _finish(
                job,
                Job.State.FAILED,
                f"Stopped after {job.attempts} attempts. {reason}",
                job.error_code or "too_many_attempts",
            )
            return None
        interrupted = job.state == Job.State.RUNNING
        job.attempts += 1
        job.state = Job.State.RUNNING
        job.started_at = job.started_at or timezone.now()
        job.save(update_fields=["attempts", "state", "started_at", "updated_at"])
    if interrupted:
        job.note(f"Resuming after an interruption (attempt {job.attempts}).")
    else:
        job.note(f"Started (attempt {job.attempts}).")
    return job


def _perform(job: Job, client) -> CertificateSummary | None:
    storage = job.storage
    if storage is None:
        raise CertificateProblem("The storage no longer exists.")
    summary = None
    if job.kind != Job.Kind.CNAME_REMOVE:
        job.note("Checking the certificate and private key.")
        summary = check_certificate(
            job.new_cname or job.cname,
            job.certificate,
            job.private_key.reveal() if job.private_key else "",
            job.passphrase.reveal() if job.passphrase else "",
        )
    if job.kind == Job.Kind.CNAME_ADD:
        _attach(job, client, storage)
    elif job.kind == Job.Kind.CNAME_UPDATE:
        _replace(job, client, storage, summary)
    else:
        _detach(job, client, storage)
    return summary


def _attach(job: Job, client, storage) -> None:
    if job.attempts > 1:
        job.note("Checking whether an earlier attempt already attached the domain.")
        if _listed(client, storage, job.cname):
            job.note("An earlier attempt had already attached the domain.")
            return
    job.note(f"Attaching {job.cname} with its certificate.")
    try:
        with audited("cname.add", **_audit_context(job, job.cname)):
            client.add_cname(
                storage.customer.email,
                storage.storage_dn,
                job.cname,
                job.certificate,
                job.private_key.reveal(),
                file_index=job.file_index or None,
                passphrase=job.passphrase.reveal() if job.passphrase else None,
            )
    except E2RequestRefused:
        # A replay after a lost answer is refused as "already configured": look before failing.
        if job.attempts > 1 and _listed(client, storage, job.cname):
            return
        raise


def _replace(job: Job, client, storage, summary: CertificateSummary) -> None:
    if job.attempts > 1:
        job.note("Checking whether an earlier attempt already replaced the domain.")
        listed = _listed(client, storage, job.new_cname)
        info = listed.certificate_info if listed else None
        if info is not None and (info.serial or "").upper() == summary.serial:
            job.note("An earlier attempt had already replaced the domain.")
            return
    job.note(f"Replacing {job.cname} by {job.new_cname} with the new certificate.")
    with audited("cname.update", **_audit_context(job, job.new_cname)):
        client.update_cname(
            storage.customer.email,
            storage.storage_dn,
            job.new_cname,
            job.certificate,
            job.private_key.reveal(),
            file_index=job.file_index or None,
            passphrase=job.passphrase.reveal() if job.passphrase else None,
        )


def _detach(job: Job, client, storage) -> None:
    if job.attempts > 1:
        job.note("Checking whether an earlier attempt already detached the domain.")
        if not _listed(client, storage, job.cname):
            job.note("An earlier attempt had already detached the domain.")
            return
    job.note(f"Detaching {job.cname}.")
    try:
        with audited("cname.remove", **_audit_context(job, job.cname)):
            client.remove_cname(storage.customer.email, storage.storage_dn, job.cname)
    except E2RequestRefused:
        if not _listed(client, storage, job.cname):
            job.note("The domain was not attached any more.")
            return
        raise


def _listed(client, storage, cname: str):
    """The CNAME as e2 lists it for the storage, or None."""
    for listed in client.list_cnames(storage.customer.email, storage.storage_dn):
        if listed.cname.lower() == cname.lower():
            return listed
    return None


def _record_domain(job: Job, client, summary: CertificateSummary | None) -> None:
    """Bring the local record of the storage's custom domains in line with what was done."""
    storage = job.storage
    if job.kind == Job.Kind.CNAME_REMOVE:
        CustomDomain.objects.filter(cname__iexact=job.cname).delete()
        return
    domain = job.new_cname or job.cname
    listed = _listed(client, storage, domain)
    if job.kind == Job.Kind.CNAME_UPDATE and job.new_cname.lower() != job.cname.lower():
        CustomDomain.objects.filter(cname__iexact=job.cname).delete()
    CustomDomain.objects.update_or_create(
        cname=domain.lower(),
        defaults={
            "storage": storage,
            "file_index": (listed.file_index if listed else None) or job.file_index,
            "certificate_subject": summary.subject[:500],
            "certificate_issuer": summary.issuer[:500],
            "certificate_serial": summary.serial,
            "certificate_valid_from": summary.valid_from,
            "certificate_expires_at": summary.valid_to,
            "expiry_warning_sent_on": None,
        },
    )
    job.note(f"Point a DNS CNAME record for {domain} at {storage.storage_dn}.")


def _audit_context(job: Job, target: str) -> dict:
    user = job.requested_by
    actor = Actor(user, user.email) if user else Actor.system("background job")
    return {
        "actor": actor,
        "target": target,
        "customer": job.customer,
        "details": {"storage_dn": job.storage.storage_dn, "job": job.pk},
    }


def _explain(error: E2Error) -> str:
    """The error's sentence, and for a refusal the reason the service gave."""
    if isinstance(error, E2RequestRefused) and error.message:
        return f"{error.human_message} The storage service said: {error.message}"
    return error.human_message


def _wait_for_retry(job: Job, error: E2Error) -> float:
    delay = retry_delay(job.attempts)
    job.state = Job.State.QUEUED
    job.last_error, job.error_code = error.human_message, error.code or ""
    job.save(update_fields=["state", "last_error", "error_code", "updated_at"])
    job.note(f"{error.human_message} Trying again in {delay:.0f} s.")
    return delay


def _finish(job: Job, state: str, error: str = "", code: str = "") -> None:
    """End the job and wipe its secrets."""
    job.state, job.finished_at = state, timezone.now()
    job.private_key, job.passphrase = None, None
    if state == Job.State.SUCCEEDED:
        job.last_error, job.error_code = "", ""
    if error:
        job.last_error, job.error_code = error, code[:64]
    job.save()
    messages = {
        Job.State.SUCCEEDED: "Done.",
        Job.State.FAILED: f"Failed: {error}",
        Job.State.CANCELLED: "Cancelled.",
    }
    job.note(messages[state])
