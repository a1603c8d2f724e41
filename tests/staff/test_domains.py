"""The custom-domain forms and the job pages, as reseller staff see them."""

import pytest
from django.test import Client

from portal.jobs import services
from portal.jobs.models import CustomDomain, Job
from tests.fixtures.pem import certificate_and_key


def logged_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def attach(browser, storage, domain="cdn.example.com", certificate_for=None, **extra):
    certificate, key = certificate_and_key(certificate_for or domain)
    data = {"cname": domain, "certificate": certificate, "private_key": key, **extra}
    return browser.post(f"/jobs/storage/{storage.pk}/domains/attach/", data), key


def test_an_owner_attaches_a_domain_and_lands_on_the_job_page(storage, owner):
    browser = logged_in(owner)

    response, key = attach(browser, storage)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == Job.Kind.CNAME_ADD and job.state == Job.State.QUEUED
    assert job.private_key.reveal() == key
    page = browser.get(f"/jobs/{job.pk}/").content.decode()
    assert "Queued" in page and 'hx-get="/jobs/' in page
    assert "PRIVATE KEY" not in page


def test_the_attach_form_tells_the_dns_record_to_create(storage, owner):
    page = logged_in(owner).get(f"/jobs/storage/{storage.pk}/domains/attach/").content.decode()

    assert f"CNAME {storage.storage_dn}" in page


def test_a_certificate_for_another_domain_is_refused_before_queuing(storage, owner):
    response, key = attach(logged_in(owner), storage, certificate_for="other.example.com")

    assert response.status_code == 200
    page = response.content.decode()
    assert "does not cover cdn.example.com" in page
    assert key not in page, "the private key is never sent back"
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("domain", "message"),
    [
        ("bucket.idrivee2-12.com", "cannot be used"),
        ("example.com", "full host name"),
        ("bad_name.example.com", "full host name"),
        (".".join(["a" * 60] * 2) + ".example.com", "at most 128"),
    ],
)
def test_domains_the_api_would_refuse_are_refused_by_the_form(storage, owner, domain, message):
    response, _key = attach(
        logged_in(owner), storage, domain=domain, certificate_for="x.example.com"
    )

    assert message in response.content.decode()
    assert not Job.objects.exists()


def test_an_internationalised_domain_is_stored_in_its_ascii_form(storage, owner):
    ascii_name = "cdn.xn--bcher-kva.example"

    attach(logged_in(owner), storage, domain="cdn.bücher.example", certificate_for=ascii_name)

    assert Job.objects.get().cname == ascii_name


def test_support_staff_may_look_but_not_attach(storage, support):
    browser = logged_in(support)

    response, _key = attach(browser, storage)

    assert response.status_code == 403
    assert not Job.objects.exists()
    assert browser.get(f"/jobs/customer/{storage.customer.pk}/").status_code == 200


def test_the_status_fragment_stops_polling_once_the_job_has_ended(storage, owner):
    browser = logged_in(owner)
    attach(browser, storage)
    job = Job.objects.get()

    assert browser.get(f"/jobs/{job.pk}/status/").status_code == 200
    services.advance_cname_job(job.pk)
    response = browser.get(f"/jobs/{job.pk}/status/")

    assert response.status_code == 286
    html = response.content.decode()
    assert "Succeeded" in html and "hx-trigger" not in html
    assert f"cdn.example.com CNAME {storage.storage_dn}" in html


def test_replace_and_detach_queue_jobs_for_an_attached_domain(storage, owner):
    browser = logged_in(owner)
    attach(browser, storage)
    services.advance_cname_job(Job.objects.get().pk)
    domain = CustomDomain.objects.get()
    certificate, key = certificate_and_key("files.example.com")

    replaced = browser.post(
        f"/jobs/domains/{domain.pk}/replace/",
        {"new_cname": "files.example.com", "certificate": certificate, "private_key": key},
    )
    detached = browser.post(f"/jobs/domains/{domain.pk}/detach/", {"confirm": "on"})

    assert replaced.status_code == 302 and detached.status_code == 302
    kinds = list(Job.objects.order_by("pk").values_list("kind", "cname", "new_cname"))
    assert kinds[1:] == [
        (Job.Kind.CNAME_UPDATE, "cdn.example.com", "files.example.com"),
        (Job.Kind.CNAME_REMOVE, "cdn.example.com", ""),
    ]


def test_a_queued_job_can_be_cancelled_from_its_page(storage, owner):
    browser = logged_in(owner)
    attach(browser, storage)
    job = Job.objects.get()

    browser.post(f"/jobs/{job.pk}/cancel/")

    job.refresh_from_db()
    assert job.state == Job.State.CANCELLED and job.private_key is None


def test_anonymous_visitors_are_sent_to_log_in(storage):
    response = Client().get("/jobs/1/")

    assert response.status_code == 302 and "/login/" in response["Location"]
