import datetime

import pytest
from django.utils import timezone

from portal.subusers.errors import InvalidActivityRange
from portal.subusers.services import create_subuser, subuser_activity
from tests.subusers.scenario import PASSWORD, settings_for

pytestmark = pytest.mark.django_db

ACTIVITY_PATH = "/api/subusers/v1/user_activity_history"
LEE = "lee@client.example"


@pytest.fixture
def lee(actor, customer):
    return create_subuser(actor, customer, settings_for(LEE), "Lee", "", PASSWORD)


def test_the_whole_range_is_read_across_pages(customer, lee, e2):
    today = timezone.localdate()
    e2.control(
        "POST",
        "activity",
        {"email": customer.email, "subuser_email": LEE, "count": 250, "date": today.isoformat()},
    )
    e2.clear_request_counts()

    entries = subuser_activity(customer, LEE, today - datetime.timedelta(days=7), today)

    assert len([entry for entry in entries if "Signed in" in entry.description]) == 250
    assert entries[0].timestamp >= entries[-1].timestamp
    assert e2.request_counts()[ACTIVITY_PATH] == 2


@pytest.mark.parametrize(
    ("start_days_ago", "end_days_ago"),
    [(1, 3), (91, 0), (5, -1)],
    ids=["reversed", "older-than-90-days", "ends-in-the-future"],
)
def test_ranges_outside_the_last_90_days_are_refused(customer, e2, start_days_ago, end_days_ago):
    today = timezone.localdate()
    e2.clear_request_counts()

    with pytest.raises(InvalidActivityRange) as refusal:
        subuser_activity(
            customer,
            LEE,
            today - datetime.timedelta(days=start_days_ago),
            today - datetime.timedelta(days=end_days_ago),
        )

    assert "within the last 90 days" in refusal.value.human_message
    assert e2.request_counts() == {}
