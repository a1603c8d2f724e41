"""Activity logs are read page by page (200 a page, from page 1) until the last record."""

import datetime

import pytest

from portal.e2.endpoints import ENDPOINTS

from .scripted_server import Answer

START = datetime.date(2025, 4, 5)
END = datetime.date(2025, 5, 28)
PAGE_SIZE = 200


def paged_log(total):
    """A route answering page_no of a log of `total` records."""

    def answer(request):
        page_no = request.json()["page_no"]
        first = (page_no - 1) * PAGE_SIZE
        count = max(0, min(PAGE_SIZE, total - first))
        logs = [
            {"timestamp": "2025-05-01T10:00:00Z", "description": f"event {first + n}", "ip": "::1"}
            for n in range(count)
        ]
        pagination = {"total_records": total, "page_no": page_no, "records_per_page": PAGE_SIZE}
        return Answer(json={"logs": logs, "pagination": pagination})

    return answer


@pytest.mark.parametrize(("total", "pages"), [(0, 1), (199, 1), (200, 1), (201, 2), (401, 3)])
def test_user_activity_iterates_every_record_once(server, client, total, pages):
    path = ENDPOINTS["user_activity_history"].path
    server.route(path, paged_log(total))
    entries = list(client.iter_user_activity("ann@example.com", START, END))
    assert [entry.description for entry in entries] == [f"event {n}" for n in range(total)]
    assert [request.json()["page_no"] for request in server.requests_to(path)] == list(
        range(1, pages + 1)
    )
    assert server.requests_to(path)[0].json() == {
        "email": "ann@example.com",
        "start_date": "2025-04-05",
        "end_date": "2025-05-28",
        "page_no": 1,
    }


@pytest.mark.parametrize(("total", "pages"), [(0, 1), (201, 2), (401, 3)])
def test_subuser_activity_iterates_every_record_once(server, client, total, pages):
    path = ENDPOINTS["subuser_activity_history"].path
    server.route(path, paged_log(total))
    entries = list(client.iter_subuser_activity("ann@example.com", "bob@example.com", START, END))
    assert len(entries) == total
    assert server.calls(path) == pages
    assert server.requests_to(path)[0].json()["subuser_email"] == "bob@example.com"


def test_iteration_stops_at_an_empty_page_even_if_the_total_says_more(server, client):
    path = ENDPOINTS["user_activity_history"].path
    server.answer(
        path,
        Answer(
            json={
                "logs": [],
                "pagination": {"total_records": 999, "page_no": 1, "records_per_page": 200},
            }
        ),
    )
    assert list(client.iter_user_activity("ann@example.com", START, END)) == []
    assert server.calls(path) == 1


def test_one_page_is_returned_typed(server, client):
    server.route(ENDPOINTS["user_activity_history"].path, paged_log(250))
    page = client.user_activity_history("ann@example.com", START, END, page_no=2)
    assert page.page_no == 2
    assert page.total_records == 250
    assert page.records_per_page == 200
    assert len(page.logs) == 50
    assert page.is_last
