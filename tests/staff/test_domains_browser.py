"""A real browser watches a job page update itself while a real worker runs the job."""

import pytest
from django.conf import settings
from django.test import Client

from portal.jobs import services
from portal.jobs.models import Job
from tests.fixtures.pem import certificate_and_key

pytestmark = [
    pytest.mark.browser,
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def test_the_job_page_shows_queued_then_running_then_succeeded(
    live_server, page, celery_workers, storage, owner, e2
):
    django_client = Client()
    django_client.force_login(owner)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": django_client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    e2.fault("/api/reseller/v1/storage/cname/add", delay_ms=3000)
    certificate, key = certificate_and_key("cdn.example.com")
    job = services.queue_cname_job(
        Job.Kind.CNAME_ADD,
        storage=storage,
        requested_by=owner,
        cname="cdn.example.com",
        certificate=certificate,
        private_key=key,
    )
    # The session-wide live server keeps production's HTTPS redirect: say we came via a proxy.
    page.set_extra_http_headers({"X-Forwarded-Proto": "https"})
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    state = page.locator("#job-status .job-state")
    assert state.inner_text() == "Queued"

    celery_workers.start()

    page.wait_for_selector('#job-status[data-state="running"]', timeout=30_000)
    page.wait_for_selector('#job-status[data-state="succeeded"]', timeout=30_000)
    assert state.inner_text() == "Succeeded"
    assert "cdn.example.com CNAME" in page.locator("#job-status").inner_text()
    assert page.locator("#job-status[hx-trigger]").count() == 0, "polling stopped"
