import pytest
from django.db import connection
from django.urls import reverse

from portal.audit.models import AuditRecord
from portal.e2.errors import HUMAN_MESSAGES
from portal.e2.models import ApiCredential
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PLAIN_TOKEN = "plain-token-4f9c2a7d1e"


def save_token(client, token, password=DEFAULT_PASSWORD):
    return client.post(reverse("reseller:api"), {"token": token, "password": password})


def stored_column() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {ApiCredential._meta.db_table}")
        return cursor.fetchone()[0]


def test_the_token_is_stored_encrypted_and_never_shown_again(owner_client, owner):
    response = save_token(owner_client, PLAIN_TOKEN)
    assert response.status_code == 302

    assert ApiCredential.objects.get().token.reveal() == PLAIN_TOKEN
    assert PLAIN_TOKEN not in stored_column()
    page = owner_client.get(reverse("reseller:api"))
    body = page.content.decode()
    assert PLAIN_TOKEN not in body
    assert "Set on" in body and owner.email in body
    assert "no-store" in page["Cache-Control"]


def test_saving_the_token_is_audited_without_the_token(owner_client):
    save_token(owner_client, PLAIN_TOKEN)
    save_token(owner_client, PLAIN_TOKEN + "-2")
    records = AuditRecord.objects.filter(action="settings.api_token").order_by("id")
    assert [record.details for record in records] == [{"replaced": False}, {"replaced": True}]
    assert all(PLAIN_TOKEN not in str(record.__dict__) for record in records)
    assert ApiCredential.objects.count() == 1


def test_the_token_is_not_echoed_when_the_form_is_refused(owner_client):
    response = save_token(owner_client, PLAIN_TOKEN, password="not my password")
    assert response.status_code == 200
    assert b"This is not your password" in response.content
    assert PLAIN_TOKEN not in response.content.decode()
    assert not ApiCredential.objects.exists()


def test_test_connection_succeeds_with_the_saved_sandbox_token(owner_client, e2, settings):
    settings.E2_API_TOKEN = "not-the-sandbox-token"  # only the saved token can work
    save_token(owner_client, e2.token)

    response = owner_client.post(reverse("reseller:api_test"), HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Connected." in body
    assert "<html" not in body
    assert e2.token not in body


def test_test_connection_with_a_wrong_token_says_so_readably(owner_client, e2):
    save_token(owner_client, "wrong-token")
    response = owner_client.post(reverse("reseller:api_test"), HTTP_HX_REQUEST="true")
    assert HUMAN_MESSAGES["unauthorized"] in response.content.decode()


def test_test_connection_without_javascript_reports_in_a_message(owner_client, e2):
    save_token(owner_client, "wrong-token")
    response = owner_client.post(reverse("reseller:api_test"), follow=True)
    assert HUMAN_MESSAGES["unauthorized"] in response.content.decode()


def test_test_connection_reports_an_unreachable_service(owner_client, settings, unused_tcp_port):
    settings.E2_API_URL = f"http://127.0.0.1:{unused_tcp_port}"
    response = owner_client.post(reverse("reseller:api_test"), HTTP_HX_REQUEST="true")
    assert HUMAN_MESSAGES["connection_error"] in response.content.decode()


def test_the_page_says_when_the_configured_token_is_in_use(owner_client, settings):
    settings.E2_API_TOKEN = "from-the-environment"
    body = owner_client.get(reverse("reseller:api")).content.decode()
    assert "E2_API_TOKEN" in body
    assert "from-the-environment" not in body


@pytest.mark.parametrize("role", ["admin", "support", "customer"])
def test_only_owners_see_or_change_the_api_settings(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("reseller:api")).status_code == 403
    assert client.post(reverse("reseller:api"), {"token": PLAIN_TOKEN}).status_code == 403
    assert client.post(reverse("reseller:api_test")).status_code == 403
    assert not ApiCredential.objects.exists()
