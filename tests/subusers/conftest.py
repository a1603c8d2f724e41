"""A customer that exists in the live sandbox, with one region, and the people acting on it."""

import pytest

from portal.audit.services import Actor
from portal.e2.client import get_client
from portal.storage.models import Region, Storage
from tests.factories import BrandFactory, CustomerFactory, UserFactory
from tests.subusers.scenario import OWNER_EMAIL, PASSWORD


@pytest.fixture
def region(db):
    return Region.objects.create(key="CH", name="Chicago", country="United States", code="us-ch")


@pytest.fixture
def customer(e2, region):
    """Olive's account: in e2 with Chicago enabled, and its mirror in the portal."""
    with get_client() as client:
        client.create_user(OWNER_EMAIL, PASSWORD, "Olive", "Owner", quota_gb=0)
        storage_dn = client.enable_user_region(OWNER_EMAIL, "CH")
    brand = BrandFactory(
        name="Northwind Storage",
        support_email="help@northwind.example",
        email_sender_name="Northwind Storage",
        email_sender_address="no-reply@northwind.example",
        primary_colour="#0a7f5a",
    )
    customer = CustomerFactory(
        email=OWNER_EMAIL, first_name="Olive", last_name="Owner", brand=brand
    )
    Storage.objects.create(customer=customer, region=region, storage_dn=storage_dn)
    return customer


@pytest.fixture
def storage_dn(customer):
    return customer.storages.get().storage_dn


@pytest.fixture
def actor(db):
    staff = UserFactory(email="admin@reseller.example")
    return Actor(staff, staff.email, "10.0.0.1")
