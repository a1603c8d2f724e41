"""Daily usage statistics and paginated activity history."""

import pytest

from .conftest import CUSTOMER, RESELLER, error_code

DAYS = [
    {"date": "2024-03-30", "disk_used": 1000, "uploads": 1000, "downloads": 0},
    {"date": "2024-03-31", "disk_used": 1500, "uploads": 600, "downloads": 20},
    {"date": "2024-04-01", "disk_used": 2500, "uploads": 1000, "downloads": 300},
]


def usage(sandbox, date_from, date_to, email=CUSTOMER):
    body = {"email": email, "date_from": date_from, "date_to": date_to}
    return sandbox.api("POST", f"{RESELLER}/usage_stats", body)


def activity(sandbox, page_no=1, start="2024-01-01", end="2024-12-31", email=CUSTOMER):
    body = {"email": email, "start_date": start, "end_date": end, "page_no": page_no}
    return sandbox.api("POST", f"{RESELLER}/user_activity_history", body)


def test_usage_stats_answers_a_bare_array_within_the_dates_inclusive(sandbox, customer):
    sandbox.set_usage(customer, DAYS)

    response = usage(sandbox, "2024-03-31", "2024-04-01")

    assert response.status_code == 200
    assert response.json() == [
        {"date": "2024-03-31", "disk_used": 1500, "uploads": 600, "downloads": 20},
        {"date": "2024-04-01", "disk_used": 2500, "uploads": 1000, "downloads": 300},
    ]


def test_usage_stats_of_a_user_without_records_is_empty(sandbox, customer):
    assert usage(sandbox, "2024-01-01", "2024-12-31").json() == []


def test_usage_stats_of_an_unknown_user_answers_account_non_existant(sandbox):
    response = usage(sandbox, "2024-01-01", "2024-12-31", email="nobody@example.com")

    assert response.status_code == 403
    assert error_code(response) == "account_non_existant"


def test_activity_records_what_happens_to_the_account(sandbox, customer):
    sandbox.api("POST", f"{RESELLER}/disable_user", {"email": customer})
    today = sandbox.api("GET", f"{RESELLER}/users").json()["users"][0][
        "account_creation_timestamp"
    ][:10]

    body = activity(sandbox, start=today, end=today).json()

    assert [entry["description"] for entry in body["logs"]] == [
        "Account disabled by reseller",
        "Account created by reseller",
    ]
    assert body["logs"][0]["ip"] == "127.0.0.1"
    assert body["pagination"] == {"total_records": 2, "page_no": 1, "records_per_page": 200}


@pytest.mark.parametrize(
    ("records", "page_sizes"),
    [(199, [199, 0]), (200, [200, 0]), (201, [200, 1]), (401, [200, 200, 1, 0])],
)
def test_activity_pages_hold_200_records(sandbox, customer, records, page_sizes):
    sandbox.control("POST", "activity", {"email": customer, "count": records, "date": "2024-05-10"})

    pages = [activity(sandbox, page_no).json() for page_no in range(1, len(page_sizes) + 1)]

    assert [len(page["logs"]) for page in pages] == page_sizes
    assert {page["pagination"]["total_records"] for page in pages} == {records}
    assert [page["pagination"]["page_no"] for page in pages] == list(range(1, len(page_sizes) + 1))
    seen = [entry["description"] for page in pages for entry in page["logs"]]
    assert len(set(seen)) == records


def test_activity_is_newest_first_and_filtered_by_dates_inclusive(sandbox, customer):
    entries = [
        {
            "timestamp": f"2024-05-{day:02d}T12:00:00Z",
            "description": f"day {day}",
            "ip": "192.0.2.1",
        }
        for day in range(1, 11)
    ]
    sandbox.control("POST", "activity", {"email": customer, "entries": entries})

    body = activity(sandbox, start="2024-05-03", end="2024-05-05").json()

    assert [entry["description"] for entry in body["logs"]] == ["day 5", "day 4", "day 3"]
    assert body["pagination"]["total_records"] == 3


def test_page_no_defaults_to_one(sandbox, customer):
    body = {"email": customer, "start_date": "2024-01-01", "end_date": "2024-12-31"}

    response = sandbox.api("POST", f"{RESELLER}/user_activity_history", body)

    assert response.json()["pagination"]["page_no"] == 1


def test_activity_of_an_unknown_user_answers_account_non_existant(sandbox):
    assert error_code(activity(sandbox, email="nobody@example.com")) == "account_non_existant"


def test_the_clock_can_be_moved_for_time_dependent_tests(sandbox, customer):
    sandbox.control("POST", "clock", {"today": "2024-02-29"})
    sandbox.api("POST", f"{RESELLER}/disable_user", {"email": customer})

    body = activity(sandbox, start="2024-02-29", end="2024-02-29").json()

    assert [entry["description"] for entry in body["logs"]] == ["Account disabled by reseller"]
    assert body["logs"][0]["timestamp"].startswith("2024-02-29T")
