import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_brand_cache():
    """The brand table is cached; the database is rolled back after every test."""
    cache.clear()
    yield
    cache.clear()
