"""Ops staff in Django admin: jobs and usage, with secrets shown only as set or not set."""

import pytest
from django.test import Client

from portal.jobs import services
from portal.jobs.models import Job
from portal.usage.models import SyncRun
from tests.factories import UserFactory
from tests.fixtures.pem import certificate_and_key


@pytest.fixture
def ops(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(user)
    return browser


def queue_add(storage, user):
    certificate, key = certificate_and_key("cdn.example.com")
    job = services.queue_cname_job(
        Job.Kind.CNAME_ADD,
        storage=storage,
        requested_by=user,
        cname="cdn.example.com",
        certificate=certificate,
        private_key=key,
        passphrase="secret words",
    )
    return job, key


def test_the_job_page_in_admin_shows_secrets_only_as_set(ops, storage, owner):
    job, key = queue_add(storage, owner)

    page = ops.get(f"/admin/jobs/job/{job.pk}/change/").content.decode()

    assert page.count(">set<") == 2
    assert key.splitlines()[1] not in page and "secret words" not in page
    assert "cdn.example.com" in ops.get("/admin/jobs/job/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/jobs/customdomain/",
        "/admin/usage/usageday/",
        "/admin/usage/syncrun/",
        "/admin/usage/quotaalert/",
        "/admin/django_celery_beat/periodictask/",
    ],
)
def test_every_model_has_an_admin_list(ops, url):
    assert ops.get(url).status_code == 200


def test_cancel_queued_jobs_action(ops, storage, owner):
    job, _key = queue_add(storage, owner)

    ops.post("/admin/jobs/job/", {"action": "cancel_queued_jobs", "_selected_action": [job.pk]})

    assert Job.objects.get(pk=job.pk).state == Job.State.CANCELLED


def test_retry_failed_jobs_action_requeues_a_detach(ops, storage, owner, e2):
    job = services.queue_cname_job(
        Job.Kind.CNAME_REMOVE, storage=storage, requested_by=owner, cname="gone.example.com"
    )
    e2.fault("/api/reseller/v1/storage/cname/remove", status=400)
    services.advance_cname_job(job.pk)
    assert Job.objects.get(pk=job.pk).state == Job.State.FAILED

    ops.post("/admin/jobs/job/", {"action": "retry_failed_jobs", "_selected_action": [job.pk]})

    job.refresh_from_db()
    assert (job.state, job.attempts, job.last_error) == (Job.State.QUEUED, 0, "")


def test_rerun_failed_sync_action_queues_a_new_run(
    ops, monkeypatch, django_capture_on_commit_callbacks
):
    from portal.usage import tasks

    sent = []
    monkeypatch.setattr(tasks.run_usage_sync, "delay", lambda **kwargs: sent.append(kwargs))
    failed = SyncRun.objects.create(state=SyncRun.State.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        ops.post(
            "/admin/usage/syncrun/",
            {"action": "rerun_failed_syncs", "_selected_action": [failed.pk]},
        )

    assert sent == [{"trigger": "ops"}]
