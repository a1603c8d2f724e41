import pytest

from tests.factories import UserFactory
from tests.fixtures.storage import storage  # noqa: F401  (a fixture)
from tests.fixtures.worker import celery_workers  # noqa: F401  (a fixture)


@pytest.fixture
def owner(db):
    return UserFactory(role="owner")


@pytest.fixture
def support(db):
    return UserFactory(role="support")
