import pytest

from portal.e2.client import get_client
from portal.storage.models import Region, Storage
from tests.factories import CustomerFactory, UserFactory
from tests.jobs.worker import celery_workers  # noqa: F401  (a fixture)

CUSTOMER_EMAIL = "casey@client.example"


@pytest.fixture
def storage(e2, db):
    """A customer with one storage, in the sandbox and in the local mirror."""
    with get_client() as client:
        client.create_user(CUSTOMER_EMAIL, "Sandbox-password-1", "Casey", quota_gb=100)
        remote_region = next(region for region in client.list_regions() if region.active)
        storage_dn = client.enable_user_region(CUSTOMER_EMAIL, remote_region.region_key)
    customer = CustomerFactory(email=CUSTOMER_EMAIL)
    region = Region.objects.create(
        key=remote_region.region_key,
        name=remote_region.region_name,
        country=remote_region.country,
        code=remote_region.region_code,
    )
    return Storage.objects.create(customer=customer, region=region, storage_dn=storage_dn)


@pytest.fixture
def owner(db):
    return UserFactory(role="owner")


@pytest.fixture
def support(db):
    return UserFactory(role="support")
