import pytest

from tests.factories import BrandFactory
from tests.fixtures.staff import admin, owner, support  # noqa: F401


@pytest.fixture
def brand(db):
    return BrandFactory(name="Northwind Storage", is_default=True)


@pytest.fixture
def admin_client(client, admin):  # noqa: F811
    """Logged in as reseller staff with the admin role (not a Django superuser)."""
    client.force_login(admin)
    return client


@pytest.fixture
def support_client(client, support):  # noqa: F811
    client.force_login(support)
    return client
