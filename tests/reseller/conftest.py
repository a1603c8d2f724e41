import pytest
from django.core.cache import cache

from tests.fixtures.staff import (  # noqa: F401  (fixtures)
    admin,
    admin_client,
    owner,
    owner_client,
    support,
    support_client,
)


@pytest.fixture(autouse=True)
def _fresh_brand_cache():
    """The brand table is cached; the database is rolled back after every test."""
    cache.clear()
    yield
    cache.clear()
