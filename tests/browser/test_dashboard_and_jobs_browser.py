"""In a real Chromium: the reseller dashboard's cards hold their content at a phone and a
laptop width with a huge quota, the first-run checklist ticks as the install is set up, a job
page drops its cancel button when the job ends, and the domain form takes certificate files."""

import datetime
import re

import pytest

from portal.customers.models import Customer
from portal.jobs import services
from portal.jobs.models import Job
from portal.usage.models import UsageDay
from tests.browser.test_every_page import log_in, new_context
from tests.factories import DEFAULT_PASSWORD, CustomerFactory
from tests.fixtures import staff as staff_fixtures
from tests.fixtures import storage as storage_fixtures
from tests.fixtures.pem import certificate_and_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

owner = staff_fixtures.owner
storage = storage_fixtures.storage

HUGE_QUOTA_GB = 1_000_026_521

# Every card whose content is wider than the card itself (content that spills out of it).
CARDS_OVERFLOWING_JS = """
() => [...document.querySelectorAll('.card')]
  .filter(card => card.scrollWidth > card.clientWidth + 1)
  .map(card => ({
    card: (card.id || card.className),
    width: card.clientWidth,
    content: card.scrollWidth,
    text: card.innerText.trim().slice(0, 60),
  }))
"""


def staff_page(chromium, live_server, user, width=1366):
    viewport = {"width": width, "height": 900}
    context = new_context(chromium, viewport=viewport, base_url=live_server.url)
    return log_in(context, "/login/", user.email, DEFAULT_PASSWORD, "/")


@pytest.fixture
def huge_quota(db):
    customer = CustomerFactory(
        quota_gb=HUGE_QUOTA_GB, storage_used_bytes=3_500_000_000_000, is_signed_up=True
    )
    CustomerFactory(quota_gb=7322)
    today = datetime.date.today()
    for back in range(5):
        UsageDay.objects.create(
            customer=customer,
            date=today - datetime.timedelta(days=back),
            disk_used=(3_000 + 100 * back) * 10**9,
            uploads=(12 + back) * 10**9,
            downloads=950_000_000,
        )
    return customer


@pytest.mark.parametrize("width", [390, 1366])
def test_the_dashboard_cards_hold_their_content(chromium, live_server, owner, huge_quota, width):
    page = staff_page(chromium, live_server, owner, width)
    page.wait_for_load_state("networkidle")

    assert page.locator("#onboarding").is_visible(), "a new install shows the checklist"
    assert "1 EB quota sold" in page.locator("main, body").first.inner_text()
    assert page.evaluate(CARDS_OVERFLOWING_JS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Cards sit side by side or stacked, never one inside another.
    assert page.locator(".card .card").count() == 0
    # The chart's axes and tooltips speak the one unit rule.
    page.wait_for_function("() => window.Chart && Chart.getChart('usage-chart')")
    axes = page.evaluate(
        """() => {
          const chart = Chart.getChart('usage-chart');
          const stored = chart.options.scales.stored, transfer = chart.options.scales.transfer;
          const tooltip = chart.options.plugins.tooltip.callbacks.label;
          const item = {dataset: chart.data.datasets[0], dataIndex: 0, parsed: {y: 3}};
          return {stored: stored.title.text, transfer: transfer.title.text,
                  tick: stored.ticks.callback(3.5), tooltip: tooltip(item)};
        }"""
    )
    assert axes == {
        "stored": "Stored (TB)",
        "transfer": "Transfer (GB)",
        "tick": "3.5 TB",
        "tooltip": "Stored: 3.4 TB",  # the oldest day, as portal.units writes it
    }


def test_the_checklist_of_a_fresh_install_ticks_as_the_install_is_set_up(
    chromium, live_server, owner, e2, settings
):
    settings.E2_API_TOKEN = ""  # a fresh install: no key until the owner saves one
    page = staff_page(chromium, live_server, owner, width=390)
    checklist = page.locator("#onboarding")
    assert "0 of 4 steps done" in checklist.inner_text()
    for key in ["api_key", "connection", "brand", "customer"]:
        assert checklist.locator(f'[data-step="{key}"]').get_attribute("data-done") == "false"
    assert page.evaluate(CARDS_OVERFLOWING_JS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Save the API key where the step links to.
    checklist.locator('[data-step="api_key"]').get_by_role("link").click()
    page.wait_for_url(re.compile(r"/settings/$"))
    page.get_by_label("API key", exact=False).first.fill(e2.token)
    page.get_by_label("Your password", exact=False).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Save the key").click()
    page.get_by_text("The API key was saved").wait_for()
    page.goto(f"{live_server.url}/")
    step = page.locator('#onboarding [data-step="api_key"]')
    assert step.get_attribute("data-done") == "true"
    assert "1 of 4 steps done" in page.locator("#onboarding").inner_text()

    # Test the connection.
    page.locator('#onboarding [data-step="connection"]').get_by_role("link").click()
    page.get_by_role("button", name="Test connection").click()
    page.get_by_text("Connected.").wait_for()
    page.goto(f"{live_server.url}/")
    assert page.locator('#onboarding [data-step="connection"]').get_attribute("data-done") == (
        "true"
    )

    # The first customer (made elsewhere) ticks the last step on the next visit.
    CustomerFactory()
    page.reload()
    assert page.locator('#onboarding [data-step="customer"]').get_attribute("data-done") == "true"
    assert "3 of 4 steps done" in page.locator("#onboarding").inner_text()
    assert page.locator('#onboarding [data-step="brand"]').get_attribute("data-done") == "false"


def test_a_job_page_drops_its_cancel_button_when_the_job_succeeds(
    chromium, live_server, owner, storage, e2
):
    certificate, key = certificate_and_key("cdn.example.com")
    # Made as the service makes it, without a broker message: the test runs the job itself.
    job = Job.objects.create(
        kind=Job.Kind.CNAME_ADD,
        customer=storage.customer,
        storage=storage,
        target=f"cdn.example.com on {storage.storage_dn}",
        cname="cdn.example.com",
        certificate=certificate,
        private_key=key,
        requested_by=owner,
    )
    page = staff_page(chromium, live_server, owner)
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    cancel = page.get_by_role("button", name="Cancel this job")
    assert cancel.is_visible()

    services.advance_cname_job(job.pk)

    page.wait_for_selector('#job-status[data-state="succeeded"]', timeout=15_000)
    cancel.wait_for(state="detached", timeout=5_000)
    assert page.locator("#job-status .job-state").inner_text() == "Succeeded"
    page.reload()
    assert page.get_by_role("button", name="Cancel this job").count() == 0


def test_the_domain_form_takes_the_certificate_and_key_as_files(
    chromium, live_server, owner, storage, e2, monkeypatch
):
    from portal.jobs import tasks

    sent = []
    monkeypatch.setattr(tasks.run_cname_job, "delay_on_commit", sent.append)
    certificate, key = certificate_and_key("cdn.example.com")
    page = staff_page(chromium, live_server, owner, width=390)
    page.goto(f"{live_server.url}/jobs/storage/{storage.pk}/domains/attach/")

    page.get_by_label("Domain").fill("cdn.example.com")
    page.get_by_label("Or the certificate file").set_input_files(
        {
            "name": "cdn.crt",
            "mimeType": "application/x-x509-ca-cert",
            "buffer": certificate.encode(),
        }
    )
    page.get_by_label("Or the private key file").set_input_files(
        {"name": "cdn.key", "mimeType": "application/x-pem-file", "buffer": key.encode()}
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Attach").click()

    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    job = Job.objects.get()
    assert sent == [job.pk]
    assert job.certificate.strip() == certificate.strip()
    assert job.private_key.reveal().strip() == key.strip()
    assert page.locator("#job-status .job-state").inner_text() == "Queued"


def test_a_file_that_is_not_pem_is_refused_on_the_form(chromium, live_server, owner, storage, e2):
    _certificate, key = certificate_and_key("cdn.example.com")
    page = staff_page(chromium, live_server, owner)
    page.goto(f"{live_server.url}/jobs/storage/{storage.pk}/domains/attach/")

    page.get_by_label("Domain").fill("cdn.example.com")
    page.get_by_label("Or the certificate file").set_input_files(
        {"name": "cdn.cer", "mimeType": "application/pkix-cert", "buffer": b"\x30\x82\x01\xff"}
    )
    page.get_by_label("Private key (PEM)").fill(key)
    page.get_by_role("button", name="Attach").click()

    page.get_by_text("The certificate file is not in PEM format").wait_for()
    assert not Job.objects.exists()
    assert not Customer.objects.filter(pk__gt=storage.customer_id).exists()
