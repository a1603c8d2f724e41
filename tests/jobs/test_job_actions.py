"""What a job page offers by the job's state, and the certificate and key given as files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from portal.audit.models import AuditRecord
from portal.e2 import limits
from portal.jobs import services
from portal.jobs.models import Job
from tests.fixtures.pem import certificate_and_key

CANCEL_BUTTON = "Cancel this job"


def logged_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def queued_job(storage, user, domain="cdn.example.com"):
    certificate, key = certificate_and_key(domain)
    return services.queue_cname_job(
        Job.Kind.CNAME_ADD,
        storage=storage,
        requested_by=user,
        cname=domain,
        certificate=certificate,
        private_key=key,
    )


def in_state(job, state, attempts=0):
    Job.objects.filter(pk=job.pk).update(state=state, attempts=attempts)
    job.refresh_from_db()
    return job


@pytest.mark.parametrize(
    ("state", "attempts", "cancellable"),
    [
        (Job.State.QUEUED, 0, True),
        (Job.State.QUEUED, 2, True),  # waiting to try again after a transient failure
        (Job.State.RUNNING, 1, False),
        (Job.State.SUCCEEDED, 1, False),
        (Job.State.FAILED, 1, False),
        (Job.State.CANCELLED, 0, False),
    ],
)
def test_cancel_is_offered_only_while_the_job_can_be_cancelled(
    storage, owner, state, attempts, cancellable
):
    job = in_state(queued_job(storage, owner), state, attempts)

    page = logged_in(owner).get(f"/jobs/{job.pk}/").content.decode()

    assert services.can_cancel(job) is cancellable
    assert (CANCEL_BUTTON in page) is cancellable
    assert (f'action="/jobs/{job.pk}/cancel/"' in page) is cancellable


def test_support_staff_are_not_offered_cancel(storage, owner, support):
    job = queued_job(storage, owner)

    page = logged_in(support).get(f"/jobs/{job.pk}/").content.decode()

    assert CANCEL_BUTTON not in page


def test_a_job_waiting_to_try_again_is_cancelled_and_audited(storage, owner):
    job = in_state(queued_job(storage, owner), Job.State.QUEUED, attempts=1)

    response = logged_in(owner).post(f"/jobs/{job.pk}/cancel/", follow=True)

    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and job.private_key is None
    assert "The job was cancelled." in response.content.decode()
    record = AuditRecord.objects.get(action="job.cancel")
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert record.actor == owner and record.customer == storage.customer


@pytest.mark.parametrize("state", [Job.State.RUNNING, Job.State.SUCCEEDED, Job.State.FAILED])
def test_a_cancel_of_a_started_or_finished_job_is_refused_with_a_sentence(storage, owner, state):
    job = in_state(queued_job(storage, owner), state, attempts=1)

    response = logged_in(owner).post(f"/jobs/{job.pk}/cancel/", follow=True)

    job.refresh_from_db()
    assert job.state == state
    page = response.content.decode()
    assert services.JobNotCancellable.human_message in page
    assert "The job was cancelled." not in page
    record = AuditRecord.objects.get(action="job.cancel")
    assert record.outcome == AuditRecord.Outcome.FAILED
    assert record.error_code == "job_not_cancellable"
    assert record.error_message == services.JobNotCancellable.human_message


def test_the_service_refuses_to_cancel_a_finished_job(storage, owner):
    job = in_state(queued_job(storage, owner), Job.State.SUCCEEDED, attempts=1)

    with pytest.raises(services.JobNotCancellable):
        services.cancel_job(job)

    assert Job.objects.get(pk=job.pk).state == Job.State.SUCCEEDED


def test_the_polled_status_drops_the_cancel_button_once_the_job_is_done(storage, owner):
    job = queued_job(storage, owner)
    browser = logged_in(owner)
    polled = browser.get(f"/jobs/{job.pk}/status/", HTTP_HX_REQUEST="true")
    assert polled.status_code == 200
    assert CANCEL_BUTTON in polled.content.decode()

    in_state(job, Job.State.SUCCEEDED, attempts=1)
    polled = browser.get(f"/jobs/{job.pk}/status/", HTTP_HX_REQUEST="true")

    html = polled.content.decode()
    assert polled.status_code == 286, "htmx stops polling"
    assert 'id="job-status"' in html
    assert 'id="job-actions"' in html and 'hx-swap-oob="true"' in html
    assert CANCEL_BUTTON not in html


# --- the certificate and key as files -------------------------------------------------------


def pem_file(name, text, content_type="application/x-pem-file"):
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type)


def attach_with(browser, storage, **data):
    data.setdefault("cname", "cdn.example.com")
    return browser.post(f"/jobs/storage/{storage.pk}/domains/attach/", data)


def test_the_attach_form_accepts_files_and_offers_pem_types(storage, owner):
    page = logged_in(owner).get(f"/jobs/storage/{storage.pk}/domains/attach/").content.decode()

    assert 'enctype="multipart/form-data"' in page
    assert 'type="file" name="certificate_file"' in page
    assert 'type="file" name="private_key_file"' in page
    assert 'accept=".pem,.crt,.cer,.key"' in page


def test_the_certificate_and_key_may_be_uploaded_as_files(storage, owner):
    certificate, key = certificate_and_key("cdn.example.com")

    response = attach_with(
        logged_in(owner),
        storage,
        certificate_file=pem_file("cdn.crt", certificate),
        private_key_file=pem_file("cdn.key", key),
    )

    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.certificate.strip() == certificate.strip()
    assert job.private_key.reveal().strip() == key.strip()


def test_a_pasted_certificate_and_a_key_file_may_be_mixed(storage, owner):
    certificate, key = certificate_and_key("cdn.example.com")

    response = attach_with(
        logged_in(owner),
        storage,
        certificate=certificate,
        private_key_file=pem_file("cdn.pem", key),
    )

    assert response.status_code == 302
    assert Job.objects.get().private_key.reveal().strip() == key.strip()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"certificate_file": pem_file("cdn.cer", b"\x30\x82\x03\x0a\x00\xff binary DER")},
            "The certificate file is not in PEM format",
        ),
        (
            {"private_key_file": pem_file("cdn.key", "just some text, no key here")},
            "The private key file is not in PEM format",
        ),
        (
            {"certificate_file": pem_file("big.pem", "-----BEGIN " + "A" * limits.PUBLIC_KEY_MAX)},
            "The certificate file is too large",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_sentence(storage, owner, files, message):
    certificate, key = certificate_and_key("cdn.example.com")
    data = {"certificate": certificate, "private_key": key}
    for name in files:
        data.pop(name.removesuffix("_file"))

    response = attach_with(logged_in(owner), storage, **data, **files)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert key not in page, "the private key is never sent back"
    assert not Job.objects.exists()


def test_a_key_file_that_does_not_match_the_certificate_is_refused(storage, owner):
    certificate, _key = certificate_and_key("cdn.example.com")
    _other, other_key = certificate_and_key("cdn.example.com")

    response = attach_with(
        logged_in(owner),
        storage,
        certificate_file=pem_file("cdn.crt", certificate),
        private_key_file=pem_file("other.key", other_key),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "The private key does not belong to this certificate." in page
    assert other_key not in page
    assert not Job.objects.exists()


def test_neither_text_nor_file_asks_for_one(storage, owner):
    response = attach_with(logged_in(owner), storage)

    page = response.content.decode()
    assert "Paste the certificate or choose its file." in page
    assert "Paste the private key or choose its file." in page
    assert not Job.objects.exists()


def test_a_pasted_certificate_that_differs_from_its_file_is_refused(storage, owner):
    certificate, key = certificate_and_key("cdn.example.com")
    other, _other_key = certificate_and_key("cdn.example.com")

    response = attach_with(
        logged_in(owner),
        storage,
        certificate=other,
        certificate_file=pem_file("cdn.crt", certificate),
        private_key=key,
    )

    assert "The pasted certificate and the chosen file differ." in response.content.decode()
    assert not Job.objects.exists()


def test_the_replace_form_accepts_files_too(storage, owner):
    from portal.jobs.models import CustomDomain

    domain = CustomDomain.objects.create(storage=storage, cname="cdn.example.com")
    certificate, key = certificate_and_key("files.example.com")

    response = logged_in(owner).post(
        f"/jobs/domains/{domain.pk}/replace/",
        {
            "new_cname": "files.example.com",
            "certificate_file": pem_file("files.crt", certificate),
            "private_key_file": pem_file("files.key", key),
        },
    )

    assert response.status_code == 302
    job = Job.objects.get()
    assert job.kind == Job.Kind.CNAME_UPDATE and job.private_key.reveal().strip() == key.strip()
