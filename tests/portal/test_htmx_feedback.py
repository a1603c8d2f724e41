"""What an action's answer carries besides its fragment: the key list after a create (an
out-of-band swap) and the sentence of a region access change."""

import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from portal.accounts.models import User
from portal.storage.models import Region
from tests.factories import UserFactory
from tests.fixtures.consoles import customer, customer_browser  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    browser = Client()
    browser.force_login(UserFactory(email="admin@reseller.example", role=User.Role.ADMIN))
    return browser


@pytest.fixture
def owner():
    browser = Client()
    browser.force_login(UserFactory(email="owner@reseller.example", role=User.Role.OWNER))
    return browser


def out_of_band_list(body, storage):
    marker = f'<div id="keys-{storage.pk}" hx-swap-oob="innerHTML">'
    assert marker in body
    return body.split(marker, 1)[1]


def test_a_key_created_in_the_console_comes_with_the_regions_key_list(
    customer_browser,  # noqa: F811  (a fixture)
    customer,  # noqa: F811  (a fixture)
):
    storage = customer.storages.get()
    response = customer_browser.post(
        reverse("console:create_key"),
        {"storage": storage.pk, "name": "laptop", "permissions": 2},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    listing = out_of_band_list(response.content.decode(), storage)
    key = storage.access_keys.get()
    assert key.key_id in listing and "laptop" in listing
    assert "No access keys" not in listing


def test_a_key_created_by_staff_comes_with_the_storages_key_list(staff, customer):  # noqa: F811
    storage = customer.storages.get()
    response = staff.post(
        reverse("customers:create_key", args=[customer.pk, storage.pk]),
        {"name": "laptop", "permissions": 2},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    listing = out_of_band_list(response.content.decode(), storage)
    assert storage.access_keys.get().key_id in listing
    assert "No access keys yet" not in listing
    assert "Revoke" in listing


def test_a_key_created_without_htmx_is_a_page_without_an_out_of_band_list(staff, customer):  # noqa: F811
    storage = customer.storages.get()
    response = staff.post(
        reverse("customers:create_key", args=[customer.pk, storage.pk]),
        {"name": "laptop", "permissions": 2},
    )
    assert response.status_code == 200
    assert "hx-swap-oob" not in response.content.decode()


@pytest.fixture
def london(db):
    return Region.objects.create(key="LDN", name="London", country="United Kingdom", code="x")


def toast_of(response):
    return json.loads(response["HX-Trigger"])["toast"]


def test_restricting_a_region_with_htmx_answers_its_row_and_says_what_changed(owner, london):
    response = owner.post(
        reverse("reseller:region_access", args=[london.pk]),
        {"customers_may_enable": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Staff only" in response.content.decode()
    toast = toast_of(response)
    assert toast["level"] == "success"
    assert toast["message"].startswith("London is now for staff only")

    response = owner.post(
        reverse("reseller:region_access", args=[london.pk]),
        {"customers_may_enable": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert toast_of(response)["message"].startswith("London is now offered to customers")
    assert "Allowed" in response.content.decode()


def test_a_region_change_that_changes_nothing_says_so(owner, london):
    response = owner.post(
        reverse("reseller:region_access", args=[london.pk]),
        {"customers_may_enable": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert (
        toast_of(response)["message"] == "London was already offered to customers; nothing changed."
    )


def test_restricting_a_region_without_htmx_says_what_changed_on_the_page(owner, london):
    response = owner.post(
        reverse("reseller:region_access", args=[london.pk]), {"customers_may_enable": "0"}
    )
    assert response.status_code == 302
    sentences = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(s.startswith("London is now for staff only") for s in sentences)


def test_an_invalid_region_change_without_htmx_is_the_page_with_the_sentence(owner, london):
    response = owner.post(
        reverse("reseller:region_access", args=[london.pk]), {"customers_may_enable": "maybe"}
    )
    assert response.status_code == 400
    assert "Choose whether customers may enable this region." in response.content.decode()
    london.refresh_from_db()
    assert london.customers_may_enable
