"""Custom-domain jobs run to the end against the live sandbox, one attempt at a time."""

import datetime

import pytest
from django.utils import timezone

from portal.audit.models import AuditRecord
from portal.e2.client import get_client
from portal.jobs import services
from portal.jobs.models import CustomDomain, Job
from tests.fixtures.pem import certificate_and_key

ADD_PATH = "/api/reseller/v1/storage/cname/add"
LIST_PATH = "/api/reseller/v1/storage/cname"
REMOVE_PATH = "/api/reseller/v1/storage/cname/remove"


def queue_add(storage, user, domain="cdn.example.com"):
    certificate, key = certificate_and_key(domain)
    return services.queue_cname_job(
        Job.Kind.CNAME_ADD,
        storage=storage,
        requested_by=user,
        cname=domain,
        certificate=certificate,
        private_key=key,
    )


def listed_cnames(storage):
    with get_client() as client:
        return [c.cname for c in client.list_cnames(storage.customer.email, storage.storage_dn)]


def test_an_attach_job_succeeds_records_the_domain_and_wipes_the_key(storage, owner, e2):
    job = queue_add(storage, owner)
    assert Job.objects.get(pk=job.pk).private_key is not None

    assert services.advance_cname_job(job.pk) is None

    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED
    assert job.attempts == 1
    assert job.private_key is None and job.passphrase is None
    assert listed_cnames(storage) == ["cdn.example.com"]
    domain = CustomDomain.objects.get(cname="cdn.example.com")
    assert domain.storage == storage and domain.file_index
    assert domain.certificate_expires_at is not None
    record = AuditRecord.objects.get(action="cname.add")
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert record.actor == owner
    assert "Done." in [step["message"] for step in job.progress]


def test_a_server_error_is_retried_later_and_then_succeeds(storage, owner, e2, settings):
    job = queue_add(storage, owner)
    e2.fault(ADD_PATH, status=500)

    delay = services.advance_cname_job(job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.QUEUED
    assert 0 < delay <= settings.JOB_RETRY_BACKOFF_SECONDS
    assert "temporary problem" in job.last_error
    assert job.private_key is not None

    assert services.advance_cname_job(job.pk) is None
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED
    assert job.last_error == ""
    assert listed_cnames(storage) == ["cdn.example.com"]


def test_an_add_retried_after_its_answer_was_lost_lists_first_and_never_adds_twice(
    storage, owner, e2
):
    job = queue_add(storage, owner)
    # e2 attaches the domain, then the answer is a 500: the outcome looks unknown.
    e2.fault(ADD_PATH, commit_then_status=500)
    assert services.advance_cname_job(job.pk) is not None
    e2.clear_request_counts()

    services.advance_cname_job(job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED
    assert e2.request_counts().get(ADD_PATH, 0) == 0
    assert listed_cnames(storage) == ["cdn.example.com"]


def test_a_refusal_fails_at_once_with_its_meaning(storage, owner, e2):
    job = queue_add(storage, owner)
    e2.fault(
        ADD_PATH,
        status=403,
        code="request_processing_failed",
        message="Could not verify CNAME or certificates",
    )

    assert services.advance_cname_job(job.pk) is None

    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.attempts == 1
    assert "The custom domain could not be set up" in job.last_error
    assert "Could not verify CNAME or certificates" in job.last_error
    assert job.private_key is None
    assert not CustomDomain.objects.exists()


def test_a_redelivered_message_of_a_finished_job_does_nothing(storage, owner, e2):
    job = queue_add(storage, owner)
    services.advance_cname_job(job.pk)
    e2.clear_request_counts()

    services.advance_cname_job(job.pk)

    assert e2.request_counts() == {}
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_a_job_whose_worker_died_mid_run_is_resumed(storage, owner, e2):
    job = queue_add(storage, owner)
    # What a killed worker leaves behind: running, one attempt counted, the key still there.
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=1)

    services.advance_cname_job(job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED
    assert job.attempts == 2
    assert any("Resuming after an interruption" in step["message"] for step in job.progress)


def test_a_job_interrupted_too_often_fails_instead_of_looping(storage, owner, e2, settings):
    job = queue_add(storage, owner)
    Job.objects.filter(pk=job.pk).update(
        state=Job.State.RUNNING, attempts=settings.JOB_MAX_ATTEMPTS
    )

    services.advance_cname_job(job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert f"Stopped after {settings.JOB_MAX_ATTEMPTS} attempts" in job.last_error
    assert job.private_key is None
    assert e2.request_counts().get(ADD_PATH, 0) == 0


def test_a_replace_job_swaps_the_domain_and_its_certificate(storage, owner, e2):
    services.advance_cname_job(queue_add(storage, owner).pk)
    domain = CustomDomain.objects.get()
    certificate, key = certificate_and_key("files.example.com")
    job = services.queue_cname_job(
        Job.Kind.CNAME_UPDATE,
        storage=storage,
        requested_by=owner,
        cname=domain.cname,
        new_cname="files.example.com",
        file_index=domain.file_index,
        certificate=certificate,
        private_key=key,
    )

    services.advance_cname_job(job.pk)

    assert Job.objects.get(pk=job.pk).state == Job.State.SUCCEEDED
    assert listed_cnames(storage) == ["files.example.com"]
    assert list(CustomDomain.objects.values_list("cname", flat=True)) == ["files.example.com"]


def test_a_detach_job_removes_the_domain_and_a_retry_finds_it_gone(storage, owner, e2):
    services.advance_cname_job(queue_add(storage, owner).pk)
    job = services.queue_cname_job(
        Job.Kind.CNAME_REMOVE, storage=storage, requested_by=owner, cname="cdn.example.com"
    )
    e2.fault(REMOVE_PATH, commit_then_status=500)

    assert services.advance_cname_job(job.pk) is not None
    services.advance_cname_job(job.pk)

    assert Job.objects.get(pk=job.pk).state == Job.State.SUCCEEDED
    assert listed_cnames(storage) == []
    assert not CustomDomain.objects.exists()


def test_a_queued_job_can_be_cancelled_and_then_never_runs(storage, owner, e2):
    job = queue_add(storage, owner)

    assert services.cancel_job(job)
    services.advance_cname_job(job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED
    assert job.private_key is None
    assert e2.request_counts().get(ADD_PATH, 0) == 0


def test_only_ids_travel_through_the_broker(storage, owner, django_capture_on_commit_callbacks):
    from portal.jobs import tasks

    sent = []
    original = tasks.run_cname_job.delay
    tasks.run_cname_job.delay = lambda *args, **kwargs: sent.append((args, kwargs))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = queue_add(storage, owner)
    finally:
        tasks.run_cname_job.delay = original

    assert sent == [((job.pk,), {})]


@pytest.mark.parametrize("attempt", [1, 2, 5, 12])
def test_retry_delays_grow_with_jitter_and_stay_under_the_visibility_timeout(attempt, settings):
    settings.JOB_RETRY_BACKOFF_SECONDS = 2
    settings.JOB_RETRY_BACKOFF_MAX_SECONDS = 600
    settings.CELERY_VISIBILITY_TIMEOUT = 1800
    ceiling = min(600, 2 * 2 ** (attempt - 1))

    delays = [services.retry_delay(attempt) for _ in range(500)]

    assert all(ceiling / 2 <= delay <= ceiling for delay in delays)
    assert len(set(delays)) > 1
    settings.CELERY_VISIBILITY_TIMEOUT = 60
    assert max(services.retry_delay(attempt) for _ in range(100)) <= 30


def test_stalled_jobs_are_sent_again_and_moving_ones_are_left_alone(storage, owner, monkeypatch):
    from portal.jobs import tasks

    sent = []
    monkeypatch.setattr(tasks.run_cname_job, "delay", lambda job_id: sent.append(job_id))
    stalled = queue_add(storage, owner, "old.example.com")
    queue_add(storage, owner, "new.example.com")
    Job.objects.filter(pk=stalled.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=2)
    )

    assert services.requeue_stalled_jobs() == 1
    assert sent == [stalled.pk]
