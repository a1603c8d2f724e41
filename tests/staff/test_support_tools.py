"""Support tools of reseller staff: a password reset link to copy, viewing a customer's
console read-only, and the staff's own forgotten password."""

import datetime
import logging
import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone

from portal.accounts.models import LoginSession, StaffInvitation, User
from portal.audit.models import AuditRecord
from portal.console import urls as console_urls
from portal.customers import support
from portal.customers.support_models import SupportView
from portal.e2.client import get_client
from portal.storage.services import sync_regions
from tests.console.conftest import HOST_A, HOST_B, logged_in, make_brand, make_customer
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"'<]+/console/reset/[^/\s]+/[^/\s\"'<]+/")
NEW_PASSWORD = "a brand new long passphrase 7"
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+"')


@pytest.fixture
def customer_a(e2):
    """A customer of a brand served on HOST_A, in the mirror and in the sandbox."""
    sync_regions()
    brand = make_brand("Northwind Storage", HOST_A, "#0a7f5a", "help@brand-a.test", is_default=True)
    return make_customer(brand, "olive@client-a.example")


@pytest.fixture
def brand_b(customer_a):
    return make_brand("Bluebird Cloud", HOST_B, "#7a1fa2", "help@brand-b.test")


# --- the reset link to copy ------------------------------------------------------------------


def create_reset_link(client, customer, **headers):
    return client.post(reverse("customers:reset_link", args=[customer.pk]), **headers)


def test_a_reset_link_is_made_on_the_brand_domain_and_audited(admin_client, admin, customer_a):
    response = create_reset_link(admin_client, customer_a)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    url = LINK.search(response.content.decode()).group(0)
    assert urlparse(url).hostname == HOST_A
    assert "idrive" not in url.lower()
    record = AuditRecord.objects.get(action="customer.password_reset_link_created")
    assert (record.actor, record.customer, record.target) == (admin, customer_a, customer_a.email)
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED
    assert mail.outbox == []  # made to hand over, not emailed


def test_the_link_text_is_never_recorded_or_logged(admin_client, customer_a, caplog):
    caplog.set_level(logging.DEBUG)

    response = create_reset_link(admin_client, customer_a)

    token = LINK.search(response.content.decode()).group(0).rstrip("/").rsplit("/", 1)[-1]
    for record in AuditRecord.objects.all():
        assert token not in f"{record.target} {record.details} {record.error_message}"
    assert token not in caplog.text


def test_the_link_is_shown_once_only(admin_client, customer_a):
    url = LINK.search(create_reset_link(admin_client, customer_a).content.decode()).group(0)

    detail = admin_client.get(reverse("customers:detail", args=[customer_a.pk]))
    dialog = admin_client.get(reverse("customers:reset_link", args=[customer_a.pk]))

    assert "Copy reset link" in detail.content.decode()
    for page in (detail, dialog):
        assert url not in page.content.decode()
        assert not LINK.search(page.content.decode())
    assert "Create the link" in dialog.content.decode()


def test_the_link_works_on_the_brand_domain_and_expires_like_the_emailed_one(
    admin_client, customer_a, monkeypatch, settings
):
    url = LINK.search(create_reset_link(admin_client, customer_a).content.decode()).group(0)
    path = urlparse(url).path
    browser = Client(HTTP_HOST=HOST_A)

    assert "invalid" not in str(browser.get(path).context.get("invalid", ""))
    assert browser.get(path).context.get("invalid") is None

    later = datetime.datetime.now() + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    assert browser.get(path).context["invalid"] is True


def test_a_used_link_and_every_older_one_stop_working(admin_client, customer_a):
    first = urlparse(
        LINK.search(create_reset_link(admin_client, customer_a).content.decode()).group(0)
    ).path
    second = urlparse(
        LINK.search(create_reset_link(admin_client, customer_a).content.decode()).group(0)
    ).path
    browser = Client(HTTP_HOST=HOST_A)

    done = browser.post(second, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})

    assert done.context["done"] is True
    assert browser.get(second).context["invalid"] is True
    assert browser.get(first).context["invalid"] is True


def test_support_staff_cannot_make_a_reset_link(support_client, customer_a):
    assert create_reset_link(support_client, customer_a).status_code == 403
    detail = support_client.get(reverse("customers:detail", args=[customer_a.pk]))
    assert "Copy reset link" not in detail.content.decode()
    assert not AuditRecord.objects.filter(action="customer.password_reset_link_created").exists()


def test_no_link_on_the_portal_host_when_the_brand_has_no_domain(admin_client, customer_a):
    customer_a.brand.domains.all().delete()

    response = create_reset_link(admin_client, customer_a)

    assert "has no domain yet" in response.content.decode()
    assert not LINK.search(response.content.decode())


# --- viewing as the customer -------------------------------------------------------------------


def open_view(staff_client, customer) -> str:
    """Press "View as customer": the path of the single-use link on the brand domain."""
    response = staff_client.post(reverse("customers:view_as", args=[customer.pk]))
    assert response.status_code == 302
    link = urlparse(response["Location"])
    assert link.hostname == HOST_A
    return link.path


def viewing(staff_client, customer, host=HOST_A) -> Client:
    browser = Client(HTTP_HOST=host)
    response = browser.get(open_view(staff_client, customer))
    assert response.status_code == 302 and response["Location"] == "/console/"
    return browser


def test_view_as_opens_the_branded_console_with_the_banner(support_client, support, customer_a):
    browser = viewing(support_client, customer_a)

    page = browser.get("/console/")

    content = page.content.decode()
    assert page.status_code == 200
    assert f"Viewing as <strong>{customer_a.email}</strong> — read only" in content
    assert "End view" in content
    # The brand domain's session knows no logged-in user: nobody was logged in as anyone.
    assert "_auth_user_id" not in browser.session
    record = AuditRecord.objects.get(action="customer.support_view.start")
    assert (record.actor, record.customer) == (support, customer_a)
    assert record.outcome == AuditRecord.Outcome.SUCCEEDED


def test_every_console_page_renders_in_the_view(support_client, customer_a):
    browser = viewing(support_client, customer_a)

    for name in ("dashboard", "regions", "keys", "activity", "team", "account", "two_factor"):
        assert browser.get(reverse(f"console:{name}")).status_code == 200, name


def test_the_view_never_shows_or_makes_a_two_factor_secret(support_client, customer_a):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    browser = viewing(support_client, customer_a)

    page = browser.get(reverse("console:two_factor"))

    assert support.SECRET_NOT_SHOWN in page.content.decode()
    assert "otpauth" not in page.content.decode()
    assert not TOTPDevice.objects.filter(user=customer_a.user).exists()


def form_action(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("form-action"))


def test_without_javascript_the_forms_may_lead_across_the_two_hosts(
    support_client, customer_a, settings
):
    detail = support_client.get(reverse("customers:detail", args=[customer_a.pk]))
    assert re.search(rf"https?://{re.escape(HOST_A)}\b", form_action(detail))

    page = viewing(support_client, customer_a).get("/console/")
    assert re.search(rf"https?://{re.escape(settings.PORTAL_HOST)}\b", form_action(page))


def test_a_customers_own_console_keeps_its_policy(customer_a):
    page = logged_in(customer_a, HOST_A).get("/console/")
    assert form_action(page).split() == ["form-action", "'self'"]


def test_the_view_link_works_once(support_client, customer_a):
    path = open_view(support_client, customer_a)

    assert Client(HTTP_HOST=HOST_A).get(path).status_code == 302
    again = Client(HTTP_HOST=HOST_A).get(path)

    assert again.status_code == 410
    assert "no longer works" in again.content.decode()
    assert SupportView.objects.get().started_at is not None


def test_the_view_link_expires_after_a_minute(support_client, customer_a):
    path = open_view(support_client, customer_a)
    SupportView.objects.update(link_expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = Client(HTTP_HOST=HOST_A).get(path)

    assert response.status_code == 410
    assert SupportView.objects.get().started_at is None
    assert AuditRecord.objects.get(action="customer.support_view.start").outcome == "failed"


def test_the_view_link_cannot_be_used_on_another_brands_domain(support_client, customer_a, brand_b):
    path = open_view(support_client, customer_a)

    elsewhere = Client(HTTP_HOST=HOST_B)
    response = elsewhere.get(path)

    assert response.status_code == 410
    assert elsewhere.get("/console/").status_code == 302  # to the login page: no view there
    assert SupportView.objects.get().started_at is None


def console_routes(patterns=console_urls.urlpatterns, prefix="/console/"):
    """Every console path, its parameters filled with harmless values."""
    values = {"int": "1", "str": "x"}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            continue
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: values.get(m.group(1) or "str", "x"), route)
        yield pattern.name, prefix + path


def test_every_mutating_console_request_is_refused_in_the_view(support_client, customer_a):
    browser = viewing(support_client, customer_a)
    e2_users = get_client().list_users()

    refused = 0
    for name, path in console_routes():
        if name == "support_view_end":
            continue
        for method in ("post", "put", "patch", "delete"):
            response = getattr(browser, method)(path, {"name": "x"} if method == "post" else "")
            assert response.status_code == 403, (name, method, response.status_code)
            assert support.READ_ONLY in response.content.decode()
            refused += 1
        htmx = browser.post(path, {"name": "x"}, HTTP_HX_REQUEST="true")
        assert htmx.status_code == 200 and htmx["HX-Reswap"] == "none", name
        assert support.READ_ONLY in htmx["HX-Trigger"]
    assert refused > 40
    # Still viewing: a refusal does not end the view.
    assert browser.get("/console/keys/").status_code == 200
    assert get_client().list_users() == e2_users


def test_a_create_key_attempt_changes_nothing(support_client, customer_a):
    browser = viewing(support_client, customer_a)
    storage = customer_a.storages.get()
    keys = storage.access_keys.count()

    response = browser.post(
        "/console/keys/new/",
        {"storage": storage.pk, "name": "sneaky", "permissions": "read_write"},
        HTTP_HX_REQUEST="true",
    )

    assert "read-only view" in response["HX-Trigger"]
    assert storage.access_keys.count() == keys


def test_the_view_is_never_the_customers_own_login(support_client, customer_a):
    login = customer_a.user
    login.refresh_from_db()
    last_login, sessions = login.last_login, LoginSession.objects.filter(user=login).count()

    browser = viewing(support_client, customer_a)
    account = browser.get("/console/account/")

    login.refresh_from_db()
    assert login.last_login == last_login
    assert LoginSession.objects.filter(user=login).count() == sessions
    assert list(account.context["login_sessions"]) == list(LoginSession.objects.filter(user=login))


def test_end_view_is_audited_and_returns_to_the_staff_customer_page(
    support_client, support, customer_a, settings
):
    browser = viewing(support_client, customer_a)

    response = browser.post("/console/support/end/")

    assert response.status_code == 302
    back = urlparse(response["Location"])
    assert back.hostname == settings.PORTAL_HOST
    assert back.path == reverse("customers:detail", args=[customer_a.pk])
    record = AuditRecord.objects.get(action="customer.support_view.end")
    assert (record.actor, record.customer, record.details) == (
        support,
        customer_a,
        {"reason": "ended"},
    )
    assert browser.get("/console/").status_code == 302  # the view is over
    staff_page = support_client.get(f"{back.path}?{back.query}")
    assert "view as olive@client-a.example ended" in staff_page.content.decode()


def test_the_view_ends_after_its_time(support_client, customer_a):
    browser = viewing(support_client, customer_a)
    SupportView.objects.update(ends_at=timezone.now() - datetime.timedelta(seconds=1))

    response = browser.get("/console/keys/")

    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("customers:detail", args=[customer_a.pk])
    record = AuditRecord.objects.get(action="customer.support_view.end")
    assert record.details == {"reason": "expired"}
    assert browser.get("/console/").status_code == 302


def test_the_view_ends_when_the_staff_member_is_deactivated(support_client, support, customer_a):
    browser = viewing(support_client, customer_a)
    User.objects.filter(pk=support.pk).update(is_active=False)

    assert browser.get("/console/").status_code == 302
    assert AuditRecord.objects.get(action="customer.support_view.end").details == {
        "reason": "revoked"
    }


def test_no_view_of_a_disabled_account_or_for_someone_logged_out(admin_client, customer_a):
    assert Client().post(reverse("customers:view_as", args=[customer_a.pk])).status_code == 302
    assert not SupportView.objects.exists()
    customer_a.is_active = False
    customer_a.save(update_fields=["is_active"])

    response = admin_client.post(reverse("customers:view_as", args=[customer_a.pk]), follow=True)

    assert "is disabled" in response.content.decode()
    assert not SupportView.objects.exists()


def test_a_bad_view_link_leaves_a_customers_own_login_alone(customer_a):
    browser = logged_in(customer_a, HOST_A)

    assert browser.get("/console/support/start/not-a-token/").status_code == 410
    assert browser.get("/console/").status_code == 200
    assert browser.get("/console/").context["request"].support_view is None


def test_a_customers_own_login_on_that_browser_ends_when_a_view_starts(support_client, customer_a):
    browser = logged_in(customer_a, HOST_A)
    path = open_view(support_client, customer_a)

    assert browser.get(path).status_code == 302
    assert "_auth_user_id" not in browser.session
    assert browser.get("/console/").context["request"].support_view is not None


# --- the staff's forgotten password ----------------------------------------------------------


def forgot(email, client=None, **extra):
    return (client or Client()).post(reverse("accounts:forgot_password"), {"email": email}, **extra)


def test_the_login_page_links_to_forgot_password(client):
    page = client.get(reverse("accounts:login"))
    assert reverse("accounts:forgot_password") in page.content.decode()
    assert "Forgot password?" in page.content.decode()


def test_the_answer_is_the_same_whoever_asks(admin, customer_login):
    UserFactory(email="gone@reseller.example", role=User.Role.SUPPORT, is_active=False)

    answers = [
        forgot(email)
        for email in (
            admin.email,
            "nobody@reseller.example",
            "gone@reseller.example",
            customer_login.email,
        )
    ]

    assert {answer.status_code for answer in answers} == {200}
    bodies = {re.sub(CSRF, "", answer.content.decode()) for answer in answers}
    assert len(bodies) == 1
    assert "a link to choose a new password is on its way" in bodies.pop()
    assert [message.to for message in mail.outbox] == [[admin.email]]


def test_the_email_links_to_the_set_password_page_on_the_portals_host(admin, settings):
    forgot(admin.email.upper())

    (message,) = mail.outbox
    url = re.search(r"https?://\S+/login/set-password/\S+/", message.body).group(0)
    assert urlparse(url).hostname == settings.PORTAL_HOST
    browser = Client()
    form = browser.get(urlparse(url).path, follow=True)
    saved = browser.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert saved.status_code == 302 and saved["Location"] == reverse("accounts:login")
    logged = Client().post(
        reverse("accounts:login"), {"username": admin.email, "password": NEW_PASSWORD}
    )
    assert logged.status_code == 302
    assert StaffInvitation.objects.get(user=admin).status == StaffInvitation.Status.ACCEPTED
    # Used once: the link stops working.
    again = Client().get(urlparse(url).path, follow=True)
    assert "no longer works" in again.content.decode()


def test_every_request_is_audited_without_telling_the_answer(admin):
    forgot(admin.email)
    forgot("nobody@reseller.example")

    records = AuditRecord.objects.filter(action="staff.forgot_password").order_by("id")
    assert [r.target for r in records] == [admin.email, "nobody@reseller.example"]
    assert [r.details for r in records] == [{"sent": True}, {"sent": False}]
    assert {r.actor for r in records} == {None}


def test_asking_too_often_is_throttled_like_logging_in(admin, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        assert forgot(admin.email, REMOTE_ADDR="203.0.113.5").status_code == 200

    refused = forgot(admin.email, REMOTE_ADDR="203.0.113.5")

    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert len(mail.outbox) == 3
    assert forgot(admin.email, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert len(mail.outbox) == 4


def test_old_requests_no_longer_count(admin, settings):
    settings.AXES_FAILURE_LIMIT = 1
    forgot(admin.email)
    AuditRecord.objects.update(started_at=timezone.now() - settings.AXES_COOLOFF_TIME)

    assert forgot(admin.email).status_code == 200
    assert len(mail.outbox) == 2


def test_the_staff_password_still_works_until_a_new_one_is_chosen(admin):
    forgot(admin.email)
    browser = Client()
    assert (
        browser.post(
            reverse("accounts:login"), {"username": admin.email, "password": DEFAULT_PASSWORD}
        ).status_code
        == 302
    )
