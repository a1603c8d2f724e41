"""The reseller console's customer list at scale: sortable columns, numbered pages of a chosen
size, bulk actions on selected rows (one audited workflow per customer), the CSV export."""

import csv
import datetime
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import AuditRecord
from portal.audit.services import Actor
from portal.customers.models import Customer
from portal.customers.services import create_customer
from portal.e2.client import get_client

pytestmark = pytest.mark.django_db
LIST = reverse("customers:list")
EXPORT = reverse("customers:export")
PASSWORD = "a long enough password 42"


def bulk(action):
    return reverse("customers:bulk", args=[action])


def many(brand, count, **fields):
    start = timezone.make_aware(datetime.datetime(2026, 1, 1))
    Customer.objects.bulk_create(
        Customer(
            brand=brand,
            email=f"c{n:05}@client.example",
            first_name="Cust",
            last_name=f"N{n}",
            is_active=n % 10 != 0,
            storage_used_bytes=(n % 7) * 10**9,
            quota_gb=n % 3 * 100,
            e2_created_at=start + datetime.timedelta(hours=n % 5),
            **fields,
        )
        for n in range(count)
    )


def shown(response) -> list[str]:
    return [customer.email for customer in response.context["page"]]


def e2_customers(brand, *names):
    return [
        create_customer(
            Actor.system("test"),
            brand=brand,
            email=f"{name}@client.example",
            first_name=name.title(),
            last_name="Tester",
            password=PASSWORD,
            quota_gb=10,
            regions=[],
        )
        for name in names
    ]


# --- sorting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("email", lambda c: c.email),
        ("status", lambda c: c.status),
        ("usage", lambda c: c.storage_used_bytes),
        ("quota", lambda c: c.quota_gb or 10**9),  # unlimited is the largest quota
        ("created", lambda c: c.e2_created_at),
    ],
)
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_every_column_sorts_both_ways_with_the_primary_key_as_tiebreak(
    admin_client, brand, sort, key, order
):
    many(brand, 40)
    Customer.objects.filter(email="c00003@client.example").update(is_signed_up=False)
    response = admin_client.get(LIST, {"sort": sort, "order": order, "per_page": 100})
    # Equal values keep the order of the primary key, whichever way the column sorts.
    expected = sorted(Customer.objects.order_by("pk"), key=key, reverse=order == "desc")
    assert shown(response) == [c.email for c in expected]


def test_the_sorted_heading_says_so_with_aria_sort_and_an_arrow(admin_client, brand):
    many(brand, 3)
    body = admin_client.get(LIST, {"sort": "usage", "order": "asc"}).content.decode()
    heading = re.search(r'<th aria-sort="ascending"[^>]*>(.*?)</th>', body, re.S).group(1)
    assert "Storage used" in heading and "#tabler-sort-ascending" in heading
    # A second click turns the order round; other headings start in their own first order.
    assert "sort=usage&amp;order=desc" in heading
    assert body.count("aria-sort=") == 1
    assert "sort=email&amp;order=asc" in body and "sort=created&amp;order=desc" in body
    assert body.count("#tabler-arrows-sort") == 4


def test_the_default_is_the_newest_first_and_old_sort_names_still_work(admin_client, brand):
    many(brand, 10)
    newest = admin_client.get(LIST)
    assert newest.context["state"].sort == "created"
    assert newest.context["state"].order == "desc"
    oldest = admin_client.get(LIST, {"sort": "oldest"})
    by_age = sorted(Customer.objects.order_by("pk"), key=lambda c: c.e2_created_at)
    assert shown(oldest) == [c.email for c in by_age]
    assert shown(newest) == [
        c.email for c in sorted(by_age, key=lambda c: c.e2_created_at, reverse=True)
    ]


def test_an_unknown_sort_or_page_size_keeps_the_search(admin_client, brand):
    many(brand, 30)
    response = admin_client.get(LIST, {"q": "c0001", "sort": "bogus", "per_page": "7"})
    assert response.status_code == 200
    assert sorted(shown(response)) == [f"c{n:05}@client.example" for n in range(10, 20)]
    assert response.context["page"].paginator.per_page == 50


# --- pages --------------------------------------------------------------------------------


def test_walking_every_page_shows_every_row_once_even_with_equal_values(admin_client, brand):
    many(brand, 130)
    seen = []
    for number in range(1, 7):
        response = admin_client.get(LIST, {"sort": "quota", "per_page": 25, "page": number})
        seen += shown(response)
    assert len(seen) == 130 and len(set(seen)) == 130


@pytest.mark.parametrize("size", [25, 50, 100])
def test_the_page_size_is_selectable(admin_client, brand, size):
    many(brand, 120)
    response = admin_client.get(LIST, {"per_page": size})
    assert len(shown(response)) == size
    assert f'<option value="{size}" selected>' in response.content.decode()


def test_page_links_are_numbered_mark_the_current_page_and_keep_the_state(admin_client, brand):
    many(brand, 400)
    state = {"q": "client", "status": "active", "sort": "usage", "order": "asc", "per_page": 25}
    response = admin_client.get(LIST, {**state, "page": 7})
    body = response.content.decode()
    page = response.context["page"]
    assert page.number == 7 and page.paginator.num_pages == 15
    assert re.search(r'aria-current="page"[^>]*>7<', body)
    links = {
        label: href
        for href, label in re.findall(
            r'<a class="page-link" href="([^"]+)"[^>]*>(?:<svg.*?</svg>)?([^<]+?)(?:<svg|</a>)',
            body,
        )
    }
    expected_pages = {"First": "1", "Previous": "6", "5": "5", "9": "9", "Next": "8", "Last": "15"}
    for label, number in expected_pages.items():
        query = parse_qs(urlsplit(links[label].replace("&amp;", "&")).query)
        assert query.pop("page") == [number], label
        assert {key: value[0] for key, value in query.items()} == {
            key: str(value) for key, value in state.items()
        }, label
    assert "…" in body  # far pages are elided


def test_go_to_page_jumps_and_keeps_the_state(admin_client, brand):
    many(brand, 400)
    state = {"q": "client", "status": "active", "sort": "email", "order": "desc", "per_page": 25}
    body = admin_client.get(LIST, state).content.decode()
    jump = re.search(r'<form[^>]*>(?:(?!</form>).)*id="jump-to-page".*?</form>', body, re.S)
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', jump.group(0)))
    assert hidden == {key: str(value) for key, value in state.items()}
    assert 'max="15"' in jump.group(0)
    response = admin_client.get(LIST, {**hidden, "page": "12"})
    assert response.context["page"].number == 12
    expected = sorted(Customer.objects.filter(is_active=True), key=lambda c: c.email, reverse=True)[
        275:300
    ]
    assert shown(response) == [c.email for c in expected]


def test_the_filter_form_and_htmx_results_carry_the_sort(admin_client, brand):
    many(brand, 3)
    page = admin_client.get(LIST, {"sort": "quota", "order": "asc"}).content.decode()
    form = re.search(r'<form[^>]*id="customer-filters".*?</form>', page, re.S).group(0)
    assert '<input type="hidden" name="sort" value="quota">' in form
    assert '<input type="hidden" name="order" value="asc">' in form
    fragment = admin_client.get(
        LIST, {"sort": "status", "order": "desc"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="list-order" hx-swap-oob="true"' in fragment
    assert '<input type="hidden" name="sort" value="status">' in fragment


def test_sorted_and_paged_lists_take_a_constant_number_of_queries(
    admin_client, brand, django_assert_max_num_queries
):
    many(brand, 3000)
    admin_client.get(LIST)  # the brand is cached from here on
    counts = {}
    for query in (
        {},
        {"sort": "status", "order": "desc", "page": 3},
        {"sort": "quota", "order": "asc", "per_page": 100, "page": 30},
        {"sort": "usage", "q": "c00", "per_page": 25, "page": 40},
        {"sort": "email", "page": "last"},
        {"sort": "created", "order": "asc", "status": "active", "page": 2},
        {"sort": "usage", "status": "disabled", "per_page": 100, "page": 3},
    ):
        with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
            response = admin_client.get(LIST, query)
        assert response.status_code == 200
        # A status filter other than "invited" leaves the pending invitations out.
        counts.setdefault(bool(query.get("status")), set()).add(len(queries))
    assert counts[False] == {max(counts[True]) + 1}
    assert len(counts[True]) == 1


# --- export -------------------------------------------------------------------------------


def rows_of(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_export_is_the_whole_filtered_sorted_list_with_ids_and_gb(admin_client, brand):
    many(brand, 260)
    response = admin_client.get(
        EXPORT, {"status": "disabled", "sort": "usage", "order": "desc", "page": 2}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="northwind-storage-')
    header, *rows = rows_of(response)
    assert header == ["id", "email", "name", "status", "storage_used_gb", "quota_gb", "created"]
    disabled = sorted(
        Customer.objects.disabled().order_by("pk"), key=lambda c: c.storage_used_bytes, reverse=True
    )
    assert len(rows) == 26  # every page, not only the second
    assert [row[1] for row in rows] == [c.email for c in disabled]
    first = disabled[0]
    assert rows[0] == [
        str(first.pk),
        first.email,
        first.name,
        "disabled",
        str(first.storage_used_bytes / 10**9),
        str(first.quota_gb) if first.quota_gb else "unlimited",
        "2026-01-01" if first.e2_created_at.hour == 0 else rows[0][6],
    ]


def test_the_export_is_safe_from_formulas(admin_client, brand):
    Customer.objects.create(
        brand=brand, email="f@client.example", first_name="=HYPERLINK(1)", last_name="+x"
    )
    Customer.objects.create(brand=brand, email="g@client.example", first_name="@sum", last_name="")
    rows = rows_of(admin_client.get(EXPORT, {"sort": "email"}))
    assert rows[1][2] == "'=HYPERLINK(1) +x"
    assert rows[2][2] == "'@sum"


def test_the_export_of_selected_rows_has_only_those(admin_client, brand):
    many(brand, 20)
    chosen = list(Customer.objects.order_by("pk")[:3])
    rows = rows_of(admin_client.get(EXPORT, {"id": [c.pk for c in chosen], "sort": "email"}))
    assert [row[0] for row in rows[1:]] == [str(c.pk) for c in chosen]


def test_the_export_link_keeps_the_filters_and_sort(admin_client, brand):
    many(brand, 3)
    body = admin_client.get(
        LIST, {"q": "c0", "status": "active", "sort": "quota", "page": "1"}
    ).content.decode()
    link = re.search(rf'href="({re.escape(EXPORT)}[^"]*)"', body).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(link).query) == {
        "q": ["c0"],
        "status": ["active"],
        "sort": ["quota"],
    }


# --- bulk actions -------------------------------------------------------------------------


def test_bulk_disable_confirms_with_the_count_first(e2, brand, admin_client):
    customers = e2_customers(brand, "ana", "ben", "cal")
    response = admin_client.get(
        bulk("disable"), {"id": [c.pk for c in customers]}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Disable 3 customers?" in body and "<html" not in body
    assert body.count('name="id"') == 3
    assert Customer.objects.filter(is_active=True).count() == 3
    assert not AuditRecord.objects.filter(action="customer.disable").exists()


def test_bulk_disable_runs_the_workflow_per_customer_and_audits_each(e2, brand, admin_client):
    ana, ben, cal = e2_customers(brand, "ana", "ben", "cal")
    back = LIST + "?status=active&sort=email&order=asc&page=1"
    response = admin_client.post(bulk("disable"), {"id": [ana.pk, ben.pk], "next": back})
    assert response.status_code == 302 and response["Location"] == back
    remote = {user.email: user.is_active for user in get_client().list_users()}
    assert remote == {ana.email: False, ben.email: False, cal.email: True}
    records = AuditRecord.objects.filter(action="customer.disable")
    assert sorted(r.customer_id for r in records) == sorted([ana.pk, ben.pk])
    assert {r.outcome for r in records} == {"succeeded"}
    page = admin_client.get(back).content.decode()
    assert "2 customers disabled." in page


def test_bulk_reports_what_could_not_be_done_in_a_sentence(e2, brand, admin_client, settings):
    customers = e2_customers(brand, "ana", "ben", "cal", "dan")
    settings.E2_MAX_ATTEMPTS = 1  # the one failure is not retried away
    e2.fault("/api/reseller/v1/disable_user", times=1, status=500)
    response = admin_client.post(
        bulk("disable"), {"id": [c.pk for c in customers]}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and response["HX-Redirect"] == LIST
    message = admin_client.get(LIST).content.decode()
    found = re.search(r"3 customers disabled; 1 could not be: ([^<]+)", message)
    assert found and "temporary problem" in found.group(1)
    records = AuditRecord.objects.filter(action="customer.disable")
    assert records.count() == 4
    assert sorted(r.outcome for r in records) == ["succeeded"] * 3 + ["unknown"]


def test_bulk_enable_and_reset_links(e2, brand, admin_client, mailoutbox):
    ana, ben = e2_customers(brand, "ana", "ben")
    ids = {"id": [ana.pk, ben.pk]}
    admin_client.post(bulk("disable"), ids)
    admin_client.post(bulk("enable"), ids)
    assert Customer.objects.filter(is_active=True).count() == 2
    assert all(user.is_active for user in get_client().list_users())
    assert AuditRecord.objects.filter(action="customer.enable").count() == 2
    mailoutbox.clear()
    admin_client.post(bulk("reset_link"), ids)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([ana.email, ben.email])
    assert AuditRecord.objects.filter(action="customer.password_reset_link").count() == 2
    body = admin_client.get(LIST).content.decode()
    assert "A password reset link was sent to 2 customers." in body


def test_bulk_without_a_selection_refuses_in_a_sentence(e2, brand, admin_client):
    (ana,) = e2_customers(brand, "ana")
    response = admin_client.post(bulk("disable"), {"id": ["x"]})
    assert response.status_code == 200
    assert "Select at least one customer first." in response.content.decode()
    assert Customer.objects.get().is_active
    too_many = admin_client.post(bulk("disable"), {"id": list(range(1, 102))})
    assert "Select at most 100 customers at a time." in too_many.content.decode()
    assert admin_client.get(bulk("explode"), {"id": [ana.pk]}).status_code == 404


def test_bulk_goes_back_only_to_the_list(e2, brand, admin_client):
    (ana,) = e2_customers(brand, "ana")
    response = admin_client.post(
        bulk("disable"), {"id": [ana.pk], "next": "https://elsewhere.example/customers/"}
    )
    assert response["Location"] == LIST


def test_read_only_staff_see_no_bulk_bar_and_may_not_post_it(e2, brand, support_client):
    (ana,) = e2_customers(brand, "ana")
    body = support_client.get(LIST).content.decode()
    assert "data-bulk-bar" not in body and 'name="id"' not in body
    assert "data-select-all" not in body
    assert support_client.get(bulk("disable"), {"id": [ana.pk]}).status_code == 403
    assert support_client.post(bulk("disable"), {"id": [ana.pk]}).status_code == 403
    assert Customer.objects.get().is_active
    assert not AuditRecord.objects.filter(action="customer.disable").exists()
    assert support_client.get(EXPORT).status_code == 200  # reading the list is theirs


def test_staff_who_may_change_get_a_box_per_row_and_the_bar(admin_client, brand):
    many(brand, 30)
    body = admin_client.get(LIST, {"per_page": 25}).content.decode()
    assert body.count("data-select-row") == 25
    assert body.count("data-select-all") == 1
    bar = re.search(r"<div[^>]*data-bulk-bar.*?</div>\s*</div>", body, re.S).group(0)
    for action in ("disable", "enable", "reset_link"):
        assert bulk(action) in bar
    assert EXPORT in bar


def test_the_empty_list_says_so_with_the_action_the_role_allows(
    admin_client, support, client, brand
):
    body = admin_client.get(LIST).content.decode()
    assert "No customers yet" in body and "Add the first customer" in body
    assert "Export CSV" not in body and "data-bulk-bar" not in body
    assert "No customers match" in admin_client.get(LIST, {"q": "nobody"}).content.decode()
    client.force_login(support)
    body = client.get(LIST).content.decode()
    assert "No customers yet" in body and "Add the first customer" not in body
