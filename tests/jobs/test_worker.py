"""Jobs on a real Celery worker with Redis: states, retries, refusals and a killed worker."""

import base64
import json
import time

import pytest
from django.test import Client

from portal.celery import app as celery_app
from portal.e2.client import get_client
from portal.jobs import services
from portal.jobs.models import Job
from tests.fixtures.pem import certificate_and_key
from tests.fixtures.worker import VISIBILITY_TIMEOUT_SECONDS, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ADD_PATH = "/api/reseller/v1/storage/cname/add"
JOB_TIMEOUT = 45


def queue_add(storage, user, domain):
    certificate, key = certificate_and_key(domain)
    return services.queue_cname_job(
        Job.Kind.CNAME_ADD,
        storage=storage,
        requested_by=user,
        cname=domain,
        certificate=certificate,
        private_key=key,
    )


def queued_messages():
    """The task messages waiting in the test's queue, decoded: what a broker reader sees."""
    with celery_app.connection_for_write() as broker:
        raw = broker.default_channel.client.lrange(celery_app.conf.task_default_queue, 0, -1)
    messages = []
    for item in raw:
        envelope = json.loads(item)
        args, kwargs, _embed = json.loads(base64.b64decode(envelope["body"]))
        messages.append({"args": args, "kwargs": kwargs, "headers": envelope["headers"]})
    return messages


def state_of(job):
    return Job.objects.values_list("state", flat=True).get(pk=job.pk)


def ended(job):
    job.refresh_from_db()
    return job if job.has_ended else None


def status_page(client, job):
    response = client.get(f"/jobs/{job.pk}/status/", headers={"HX-Request": "true"})
    return response.status_code, response.content.decode()


def test_a_job_goes_queued_running_succeeded_and_the_page_shows_each_state(
    celery_workers, storage, owner, e2
):
    browser = Client()
    browser.force_login(owner)
    e2.fault(ADD_PATH, delay_ms=2500)
    job = queue_add(storage, owner, "cdn.example.com")

    status, html = status_page(browser, job)
    assert (status, 'data-state="queued"' in html) == (200, True)
    messages = queued_messages()
    assert [message["args"] for message in messages] == [[job.pk]]
    assert not any("PRIVATE KEY" in json.dumps(message) for message in messages)
    assert "hx-trigger" in html

    celery_workers.start()
    wait_for(lambda: state_of(job) == Job.State.RUNNING, JOB_TIMEOUT, "the job to run")
    status, html = status_page(browser, job)
    assert (status, 'data-state="running"' in html) == (200, True)

    wait_for(lambda: ended(job), JOB_TIMEOUT, "the job to end")
    status, html = status_page(browser, job)
    assert status == 286, "htmx stops polling once the job has ended"
    assert 'data-state="succeeded"' in html and "hx-trigger" not in html
    assert job.private_key is None


def test_injected_server_errors_are_retried_and_then_succeed(celery_workers, storage, owner, e2):
    e2.fault(ADD_PATH, status=500, times=2)
    job = queue_add(storage, owner, "cdn.example.com")

    celery_workers.start()
    job = wait_for(lambda: ended(job), JOB_TIMEOUT, "the job to end")

    assert job.state == Job.State.SUCCEEDED
    assert job.attempts == 3
    retries = [step for step in job.progress if "Trying again" in step["message"]]
    assert len(retries) == 2
    with get_client() as client:
        listed = client.list_cnames(storage.customer.email, storage.storage_dn)
    assert [cname.cname for cname in listed] == ["cdn.example.com"]


def test_an_injected_refusal_fails_at_once_with_its_message(celery_workers, storage, owner, e2):
    e2.fault(ADD_PATH, status=403, code="request_processing_failed", message="CNAME not allowed")
    job = queue_add(storage, owner, "cdn.example.com")

    celery_workers.start()
    job = wait_for(lambda: ended(job), JOB_TIMEOUT, "the job to end")

    assert job.state == Job.State.FAILED
    assert job.attempts == 1
    assert "The custom domain could not be set up" in job.last_error
    assert "CNAME not allowed" in job.last_error
    assert e2.request_counts()[ADD_PATH] == 1


def test_a_worker_killed_mid_job_loses_nothing(celery_workers, storage, owner, e2):
    # The first upload hangs long enough for the worker to be killed in the middle of it.
    e2.fault(ADD_PATH, delay_ms=3000)
    jobs = [queue_add(storage, owner, f"cdn{number}.example.com") for number in range(4)]

    first_worker = celery_workers.start()
    wait_for(
        lambda: any(
            "Attaching" in step["message"] for step in Job.objects.get(pk=jobs[0].pk).progress
        ),
        JOB_TIMEOUT,
        "the first job to start its upload",
    )
    time.sleep(0.5)
    first_worker.kill()
    killed_at = time.monotonic()
    assert state_of(jobs[0]) == Job.State.RUNNING

    celery_workers.start()
    finished = [wait_for(lambda job=job: ended(job), JOB_TIMEOUT, f"job {job.pk}") for job in jobs]
    recovery_seconds = time.monotonic() - killed_at

    lost = sum(job.state != Job.State.SUCCEEDED for job in finished)
    print(
        f"\nFIGURE jobs={len(jobs)} lost={lost} killed_mid_job=1 "
        f"recovery_s={recovery_seconds:.1f} visibility_timeout_s={VISIBILITY_TIMEOUT_SECONDS}"
    )
    assert lost == 0
    assert finished[0].attempts == 2, "the interrupted job was resumed by the second worker"
    with get_client() as client:
        listed = client.list_cnames(storage.customer.email, storage.storage_dn)
    assert sorted(cname.cname for cname in listed) == [f"cdn{n}.example.com" for n in range(4)]
