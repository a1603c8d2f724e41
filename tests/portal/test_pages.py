import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_loads_htmx_and_sends_the_csrf_token_with_htmx_requests(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "vendor/htmx/htmx.min.js" in body
    assert 'hx-headers=\'{"X-CSRFToken": "' in body


def test_vendored_htmx_is_version_2_with_its_licence(settings):
    vendor = settings.BASE_DIR / "static" / "vendor" / "htmx"
    assert (vendor / "VERSION").read_text().startswith("htmx.org@2.")
    assert (vendor / "LICENSE").exists()


def test_messages_appear_as_toasts(rf, admin_user):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user, request.session = admin_user, SessionStore()
    request._messages = FallbackStorage(request)
    from django.contrib import messages

    messages.success(request, "Customer created.")
    body = render_to_string("base.html", request=request)
    assert '<div class="toast toast-success" role="status">Customer created.</div>' in body


@override_settings(DEBUG=False)
def test_unknown_pages_get_the_portal_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_responses_carry_a_request_id(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32


def test_a_sane_incoming_request_id_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-abc-123456")
    assert response["X-Request-ID"] == "proxy-abc-123456"
