"""The reseller console's customer pages, on a live sandbox."""

import datetime

import pytest
from django.urls import reverse

from portal.audit.models import AuditRecord
from portal.customers.models import Customer, Invitation
from portal.e2.client import get_client
from portal.storage.models import AccessKey

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough password 42"


def create_form(**extra):
    return {
        "email": "new@client.example",
        "first_name": "Nia",
        "last_name": "Newcomer",
        "password": PASSWORD,
        "quota_gb": "100",
        "send_welcome": "on",
        **extra,
    }


def make_customer(admin_client, **extra):
    response = admin_client.post(reverse("customers:create"), create_form(**extra))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Customer.objects.get(email=extra.get("email", "new@client.example"))


def test_a_customer_is_created_from_the_form_with_regions(e2, brand, admin_client):
    from portal.storage.services import sync_regions

    sync_regions()
    customer = make_customer(admin_client, regions=["TX", "LDN"])
    remote = next(u for u in get_client().list_users() if u.email == customer.email)
    assert remote.storage_quota == 100
    assert customer.storages.count() == 2
    page = admin_client.get(reverse("customers:detail", args=[customer.pk]))
    assert b"Northwind" in page.content and b"100 GB" in page.content


def test_a_generated_password_is_shown_once(e2, brand, admin_client):
    response = admin_client.post(
        reverse("customers:create"), create_form(password="", generate_password="on"), follow=True
    )
    assert b"shown this once" in response.content
    assert response["Cache-Control"] == "no-store"
    again = admin_client.get(response.redirect_chain[-1][0])
    assert b"shown this once" not in again.content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", b"Enter a valid email address."),
        ("email", "x" * 250 + "@a.example", b"Ensure this value has at most 255"),
        ("first_name", "x" * 65, b"Ensure this value has at most 64"),
        ("last_name", "x" * 65, b"Ensure this value has at most 64"),
        ("quota_gb", "-1", b"greater than or equal to 0"),
        ("password", "short", b"This password is too short"),
        ("password", "x" * 76, b"Ensure this value has at most 75"),
    ],
)
def test_every_limit_is_checked_before_e2_is_called(e2, brand, admin_client, field, value, message):
    e2.clear_request_counts()
    response = admin_client.post(reverse("customers:create"), create_form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content
    assert "/api/reseller/v1/create_user" not in e2.request_counts()


@pytest.mark.parametrize(
    ("setup", "sentence"),
    [
        ("existing", "An account with this email address already exists"),
        ("independent", "This email address already belongs to another account"),
        ("server_error", "temporary problem"),
    ],
)
def test_e2_refusals_reach_the_page_as_sentences(e2, brand, admin_client, setup, sentence):
    if setup == "existing":
        get_client().create_user("new@client.example", PASSWORD, "Old", quota_gb=1)
    elif setup == "independent":
        e2.control("POST", "/independent_accounts", {"email": "new@client.example"})
    else:
        e2.fault("/api/reseller/v1/create_user", times=1, status=500)
    response = admin_client.post(reverse("customers:create"), create_form())
    assert response.status_code == 200
    assert sentence in response.content.decode()
    assert not Customer.objects.exists()


def test_the_list_searches_filters_and_sorts_in_constant_queries(
    admin_client, brand, django_assert_max_num_queries
):
    Customer.objects.bulk_create(
        Customer(
            brand=brand,
            email=f"c{n:05}@client.example",
            first_name="Cust",
            last_name=f"N{n}",
            is_active=n % 10 != 0,
            storage_used_bytes=n * 1000,
            quota_gb=n % 50,
        )
        for n in range(10_000)
    )
    for query in ("", "?status=disabled&sort=usage", "?q=c0099&sort=quota", "?page=150"):
        with django_assert_max_num_queries(8):
            response = admin_client.get(reverse("customers:list") + query)
        assert response.status_code == 200
    body = admin_client.get(reverse("customers:list") + "?q=c00990").content.decode()
    assert "c00990@client.example" in body and "c00991@client.example" not in body
    disabled = admin_client.get(reverse("customers:list") + "?status=disabled").content.decode()
    assert "c00010@client.example" in disabled and "c00011@client.example" not in disabled


def test_the_list_answers_htmx_with_only_the_results(admin_client, brand):
    response = admin_client.get(reverse("customers:list"), HTTP_HX_REQUEST="true")
    assert b'id="results"' in response.content
    assert b"<html" not in response.content


def test_refresh_from_e2_brings_in_accounts_created_elsewhere(e2, brand, admin_client):
    get_client().create_user("elsewhere@client.example", PASSWORD, "Else", quota_gb=5)
    admin_client.post(reverse("customers:refresh"))
    assert Customer.objects.filter(email="elsewhere@client.example").exists()


def test_invitation_is_sent_resent_and_withdrawn(e2, brand, admin_client, mailoutbox):
    response = admin_client.post(
        reverse("customers:invite"),
        {"email": "invitee@client.example", "first_name": "Ivy", "quota_gb": "20"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert "/console/invitation/" in mailoutbox[0].body
    assert get_client().list_users().users == ()  # nothing exists in e2 until accepted
    admin_client.post(reverse("customers:invitation_action", args=[invitation.pk, "resend"]))
    assert len(mailoutbox) == 2 and mailoutbox[0].body != mailoutbox[1].body
    admin_client.post(reverse("customers:invitation_action", args=[invitation.pk, "cancel"]))
    assert Invitation.objects.get().status == "cancelled"


def test_disable_enable_and_remove_with_typed_confirmation(e2, brand, admin_client):
    customer = make_customer(admin_client)
    confirm = admin_client.get(
        reverse("customers:lifecycle", args=[customer.pk, "disable"]), HTTP_HX_REQUEST="true"
    )
    assert b"Disable this account?" in confirm.content and b"<html" not in confirm.content
    admin_client.post(reverse("customers:lifecycle", args=[customer.pk, "disable"]))
    customer.refresh_from_db()
    assert customer.is_active is False

    wrong = admin_client.post(
        reverse("customers:lifecycle", args=[customer.pk, "remove"]), {"confirmation": "nope"}
    )
    assert b"does not match" in wrong.content
    assert Customer.objects.exists()
    admin_client.post(
        reverse("customers:lifecycle", args=[customer.pk, "remove"]),
        {"confirmation": customer.email},
    )
    assert not Customer.objects.exists()
    assert get_client().list_users().users == ()


def test_remove_is_refused_while_the_account_is_enabled(e2, brand, admin_client):
    customer = make_customer(admin_client)
    response = admin_client.post(
        reverse("customers:lifecycle", args=[customer.pk, "remove"]),
        {"confirmation": customer.email},
    )
    assert b"Disable the account before you delete it." in response.content
    assert Customer.objects.exists()


def test_an_injected_500_on_disable_shows_a_sentence_and_changes_nothing(e2, brand, admin_client):
    customer = make_customer(admin_client)
    e2.fault("/api/reseller/v1/disable_user", times=5, status=500)
    response = admin_client.post(reverse("customers:lifecycle", args=[customer.pk, "disable"]))
    assert b"temporary problem" in response.content
    customer.refresh_from_db()
    assert customer.is_active is True
    assert AuditRecord.objects.get(action="customer.disable").outcome == "unknown"
    assert b"Refresh the customer list" in response.content


def test_access_key_secret_is_shown_once_with_configuration(e2, brand, admin_client):
    customer = make_customer(admin_client, regions=[])
    admin_client.post(reverse("customers:enable_region", args=[customer.pk]), {"region": "LDN"})
    storage = customer.storages.get()
    response = admin_client.post(
        reverse("customers:create_key", args=[customer.pk, storage.pk]),
        {"name": "backup", "permissions": "2", "buckets": ""},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    key = AccessKey.objects.get()
    secret = body.split(f'id="secret-key-{key.pk}">')[1].split("<")[0]
    assert len(secret) >= 20
    assert "rclone" in body and "aws configure" in body and "host_base" in body
    for page in (
        reverse("customers:keys", args=[customer.pk]),
        reverse("customers:keys_fragment", args=[customer.pk, storage.pk]),
        reverse("customers:detail", args=[customer.pk]),
    ):
        assert secret not in admin_client.get(page).content.decode()


def test_cors_is_validated_before_e2_and_saved(e2, brand, admin_client):
    customer = make_customer(admin_client)
    admin_client.post(reverse("customers:enable_region", args=[customer.pk]), {"region": "LDN"})
    storage = customer.storages.get()
    url = reverse("customers:set_cors", args=[customer.pk, storage.pk])
    too_many = "\n".join(f"d{n}.example.com" for n in range(11))
    assert b"At most 10 domains" in admin_client.post(url, {"cors": too_many}).content
    assert b"Not a valid domain" in admin_client.post(url, {"cors": "bad domain!"}).content
    admin_client.post(url, {"cors": "https://app.example.com\nexample.org"})
    storage.refresh_from_db()
    assert storage.cors == "https://app.example.com,example.org"


def test_region_holding_data_needs_the_account_disabled_first(e2, brand, admin_client):
    customer = make_customer(admin_client)
    admin_client.post(reverse("customers:enable_region", args=[customer.pk]), {"region": "LDN"})
    storage = customer.storages.get()
    e2.add_bucket(customer.email, storage.storage_dn, "photos")
    response = admin_client.post(
        reverse("customers:remove_region", args=[customer.pk, storage.pk]),
        {"confirmation": customer.email},
    )
    assert b"This region still holds data" in response.content
    assert customer.storages.exists()


def test_activity_shows_every_page_and_exports_csv_and_pdf(e2, brand, admin_client):
    customer = make_customer(admin_client)
    today = datetime.date.today().isoformat()
    e2.control(
        "POST",
        "/activity",
        {
            "email": customer.email,
            "entries": [
                {"timestamp": f"{today}T10:00:00Z", "description": f"Login {n}", "ip": "10.0.0.1"}
                for n in range(250)
            ],
        },
    )
    query = f"?start={today}&end={today}"
    fragment = admin_client.get(reverse("customers:activity_fragment", args=[customer.pk]) + query)
    assert b"Login 0<" in fragment.content and b"Login 249<" in fragment.content
    csv = admin_client.get(reverse("customers:activity_export", args=[customer.pk, "csv"]) + query)
    assert csv["Content-Disposition"].startswith('attachment; filename="northwind-storage-')
    assert csv.content.decode().count("\n") >= 251
    pdf = admin_client.get(reverse("customers:activity_export", args=[customer.pk, "pdf"]) + query)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    too_old = (datetime.date.today() - datetime.timedelta(days=120)).isoformat()
    refused = admin_client.get(
        reverse("customers:activity_fragment", args=[customer.pk]) + f"?start={too_old}&end={today}"
    )
    assert b"last 90 days" in refused.content


def test_usage_chart_and_csv_read_usage_days(e2, brand, admin_client):
    customer = make_customer(admin_client)
    today = datetime.date.today()
    e2.set_usage(
        customer.email,
        [
            {
                "date": (today - datetime.timedelta(days=n)).isoformat(),
                "disk_used": n * 1024**3,
                "uploads": 10,
                "downloads": 20,
            }
            for n in range(5)
        ],
    )
    fragment = admin_client.get(reverse("customers:usage_fragment", args=[customer.pk]))
    assert b"usage-chart" in fragment.content
    csv = admin_client.get(reverse("customers:usage_csv", args=[customer.pk]))
    assert csv.content.decode().count("\n") == 6


def test_the_audit_log_lists_filters_and_exports(e2, brand, admin_client):
    make_customer(admin_client)
    page = admin_client.get(reverse("audit:list") + "?action=customer.create")
    assert b"new@client.example" in page.content
    export = admin_client.get(reverse("audit:export"))
    assert b"customer.create" in export.content


def test_support_may_send_a_reset_link_but_change_nothing_else(
    e2, brand, admin_client, support, mailoutbox
):
    customer = make_customer(admin_client)
    admin_client.force_login(support)
    response = admin_client.post(reverse("customers:lifecycle", args=[customer.pk, "reset_link"]))
    assert response.status_code == 302
    reset = mailoutbox[-1]
    assert "/console/reset/" in reset.body and "Northwind Storage" in reset.subject
    for action in ("disable", "remove"):
        url = reverse("customers:lifecycle", args=[customer.pk, action])
        assert admin_client.post(url).status_code == 403
    assert (
        admin_client.post(reverse("customers:set_password", args=[customer.pk])).status_code == 403
    )
    customer.refresh_from_db()
    assert customer.is_active


def test_a_new_console_password_is_set_and_old_sessions_end(e2, brand, admin_client):
    from django.test import Client

    customer = make_customer(admin_client)
    customer_browser = Client()
    customer_browser.post("/console/login/", {"username": customer.email, "password": PASSWORD})
    sessions_before = customer.user.login_sessions.count()
    response = admin_client.post(
        reverse("customers:set_password", args=[customer.pk]),
        {"password": "an entirely new passphrase 7", "confirm": "an entirely new passphrase 7"},
    )
    assert response.status_code == 302
    customer.user.refresh_from_db()
    assert customer.user.check_password("an entirely new passphrase 7")
    assert customer.user.login_sessions.count() == 0
    print(f"FIGURE sessions_ended={sessions_before}")
