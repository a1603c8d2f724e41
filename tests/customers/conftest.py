import pytest

from portal.accounts.models import User
from tests.factories import BrandFactory, UserFactory


@pytest.fixture
def brand(db):
    return BrandFactory(name="Northwind Storage", is_default=True)


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@reseller.example", role=User.Role.OWNER)


@pytest.fixture
def admin(db):
    return UserFactory(email="admin@reseller.example", role=User.Role.ADMIN)


@pytest.fixture
def support(db):
    return UserFactory(email="support@reseller.example", role=User.Role.SUPPORT)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def support_client(client, support):
    client.force_login(support)
    return client
