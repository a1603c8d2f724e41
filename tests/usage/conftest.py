import datetime

import pytest
from django.utils import timezone

from portal.e2.client import get_client
from tests.factories import BrandFactory
from tests.fixtures.worker import celery_workers  # noqa: F401  (a fixture)


@pytest.fixture
def default_brand(db):
    return BrandFactory(is_default=True)


def usage_days(count, disk_used=1000, uploads=10, downloads=5):
    """`count` days of usage ending today, growing day by day."""
    today = timezone.localdate()
    return [
        {
            "date": (today - datetime.timedelta(days=count - 1 - offset)).isoformat(),
            "disk_used": disk_used * (offset + 1),
            "uploads": uploads * (offset + 1),
            "downloads": downloads,
        }
        for offset in range(count)
    ]


@pytest.fixture
def remote_customers(e2, default_brand):
    """Three signed-up customers in the sandbox, each with a week of usage."""
    emails = ["ann@client.example", "bob@client.example", "cat@client.example"]
    with get_client() as client:
        for email in emails:
            client.create_user(email, "Sandbox-password-1", email.split("@")[0], quota_gb=1)
            e2.set_usage(email, usage_days(7))
    return emails
