import pytest
from django.core.cache import cache

from tests.factories import BrandFactory
from tests.fixtures.staff import (  # noqa: F401  (fixtures)
    admin,
    admin_client,
    customer_login,
    owner,
    owner_client,
    support,
    support_client,
)
from tests.fixtures.storage import storage  # noqa: F401  (a fixture)
from tests.fixtures.worker import celery_workers  # noqa: F401  (a fixture)


@pytest.fixture
def brand(db):
    return BrandFactory(name="Northwind Storage", is_default=True)


@pytest.fixture(autouse=True)
def _fresh_brand_cache():
    """The brand table is cached; the database is rolled back after every test."""
    cache.clear()
    yield
    cache.clear()
