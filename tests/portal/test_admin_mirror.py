"""Ops staff read the mirror in the admin but cannot change what mirrors e2: only the consoles
change it, through the audited services."""

import pytest
from django.urls import reverse

from portal.storage.models import Region, Storage
from tests.factories import DEFAULT_PASSWORD, CustomerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ops(client):
    client.force_login(UserFactory(role="owner", is_staff=True, is_superuser=True))
    return client


def test_a_customers_quota_cannot_be_edited_in_the_admin(ops):
    customer = CustomerFactory(quota_gb=50)
    url = reverse("admin:customers_customer_change", args=[customer.pk])

    page = ops.get(url).content.decode()
    ops.post(url, {"brand": customer.brand_id, "quota_gb": 9999, "email": "x@y.example"})

    assert 'name="quota_gb"' not in page and 'name="email"' not in page
    customer.refresh_from_db()
    assert (customer.quota_gb, customer.email) == (50, customer.email)
    assert ops.get(reverse("admin:customers_customer_add")).status_code == 403


def test_storages_and_the_region_catalogue_are_read_only_but_the_customers_may_enable_switch(ops):
    region = Region.objects.create(key="CH", name="Chicago", country="US", code="ch")
    storage = Storage.objects.create(customer=CustomerFactory(), region=region, storage_dn="a.b")

    storage_page = ops.get(reverse("admin:storage_storage_change", args=[storage.pk]))
    region_page = ops.get(reverse("admin:storage_region_change", args=[region.pk]))

    assert 'name="cors"' not in storage_page.content.decode()
    assert 'name="name"' not in region_page.content.decode()
    assert 'name="customers_may_enable"' in region_page.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_a_browser_the_admin_shows_the_quota_as_text(page, live_server):
    UserFactory(email="ops@reseller.example", role="owner", is_staff=True, is_superuser=True)
    customer = CustomerFactory(quota_gb=50)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Email").fill("ops@reseller.example")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/customers/customer/{customer.pk}/change/")

    assert page.locator("input[name=quota_gb]").count() == 0
    assert page.locator(".field-quota_gb .readonly").inner_text() == "50"
