"""The reseller console's customer list: search and filters, sortable columns, numbered pages
of a chosen size, bulk actions on selected rows, and a CSV export of the filtered list.

The list state (search, status, sort, order, page size, page) lives in the URL, so every link
and form of the page keeps it; each page costs the same few queries at any number of customers.
"""

import csv
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, F, Q, Value, When
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from branding.models import Brand
from portal.accounts.permissions import CHANGE_ROLES, staff_required
from portal.audit.services import Actor
from portal.customers import bulk
from portal.customers.forms import CustomerFilterForm
from portal.customers.models import Customer, Invitation
from portal.errors import PortalError
from portal.exports import export_filename, spreadsheet_safe
from portal.units import in_gb

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 50
ASC, DESC = "asc", "desc"


@dataclass(frozen=True)
class Column:
    """A sortable column: its key in the URL, its heading, the order of a first click."""

    key: str
    label: str
    first_order: str


COLUMNS = (
    Column("email", "Customer", ASC),
    Column("status", "Status", ASC),
    Column("usage", "Storage used", DESC),
    Column("quota", "Quota", DESC),
    Column("created", "Created", DESC),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_SORT = "created"
# Sort names of earlier links, still understood: name -> (column, order).
LEGACY_SORTS = {"oldest": ("created", ASC)}


class CustomerListForm(CustomerFilterForm):
    """Search and status as before; the sort is a column and an order; a page size."""

    sort = forms.ChoiceField(
        required=False, choices=[(c.key, c.label) for c in COLUMNS] + [("oldest", "Oldest")]
    )
    order = forms.ChoiceField(required=False, choices=[(ASC, "Ascending"), (DESC, "Descending")])
    per_page = forms.TypedChoiceField(
        required=False,
        label="Per page",
        coerce=int,
        empty_value=DEFAULT_PAGE_SIZE,
        choices=[(size, str(size)) for size in PAGE_SIZES],
    )


@dataclass(frozen=True)
class ListState:
    q: str
    status: str
    sort: str
    order: str
    per_page: int


def list_state(params) -> tuple[CustomerListForm, ListState]:
    """The list's state from query parameters; a value that does not validate falls back to
    its default without dropping the others."""
    form = CustomerListForm({"per_page": str(DEFAULT_PAGE_SIZE), **params.dict()})
    form.is_valid()
    data = form.cleaned_data
    sort, order = data.get("sort") or DEFAULT_SORT, data.get("order") or ""
    if sort in LEGACY_SORTS:
        sort, legacy_order = LEGACY_SORTS[sort]
        order = order or legacy_order
    order = order or COLUMN_BY_KEY[sort].first_order
    state = ListState(
        q=data.get("q") or "",
        status=data.get("status") or "",
        sort=sort,
        order=order,
        per_page=data.get("per_page") or DEFAULT_PAGE_SIZE,
    )
    return form, state


def _sort_terms(sort: str) -> list:
    if sort == "email":
        return [F("email")]
    if sort == "status":
        # As the badge reads, alphabetically: active, disabled, invited.
        return [
            Case(
                When(is_signed_up=False, then=Value(2)),
                When(is_active=True, then=Value(0)),
                default=Value(1),
            )
        ]
    if sort == "usage":
        return [F("storage_used_bytes")]
    if sort == "quota":
        # 0 means unlimited: larger than any number.
        return [Case(When(quota_gb=0, then=Value(1)), default=Value(0)), F("quota_gb")]
    return [F("e2_created_at")]


def ordering(state: ListState) -> list:
    """The ORDER BY of the state, ending on the primary key (ascending either way) so that
    equal values keep one order and pages never repeat or skip a row; rows without a value
    come last."""
    terms = _sort_terms(state.sort)
    if state.order == DESC:
        return [*(term.desc(nulls_last=True) for term in terms), F("pk").asc()]
    return [*(term.asc(nulls_last=True) for term in terms), F("pk").asc()]


def filtered_customers(state: ListState):
    customers = Customer.objects.select_related("brand")
    if state.q:
        customers = customers.filter(
            Q(email__icontains=state.q)
            | Q(first_name__icontains=state.q)
            | Q(last_name__icontains=state.q)
        )
    if state.status == "active":
        customers = customers.active()
    elif state.status == "disabled":
        customers = customers.disabled()
    elif state.status == "invited":
        customers = customers.pending_invite()
    return customers.order_by(*ordering(state))


def _headings(state: ListState) -> list[dict]:
    headings = []
    for column in COLUMNS:
        current = column.key == state.sort
        next_order = (ASC if state.order == DESC else DESC) if current else column.first_order
        headings.append(
            {
                "key": column.key,
                "label": column.label,
                "next_order": next_order,
                "aria_sort": ("ascending" if state.order == ASC else "descending")
                if current
                else "",
                "icon": (
                    ("sort-ascending" if state.order == ASC else "sort-descending")
                    if current
                    else "arrows-sort"
                ),
                "hint": f"Sort by {column.label.lower()}, "
                + ("ascending" if next_order == ASC else "descending"),
            }
        )
    return headings


@staff_required()
def customer_list(request):
    """Customers from the mirror: search, filter, sort, paginate; constant queries per page."""
    form, state = list_state(request.GET)
    paginator = Paginator(filtered_customers(state), state.per_page)
    page = paginator.get_page(request.GET.get("page"))
    show_invitations = state.status in ("", "invited")
    pending = Invitation.objects.filter(status="pending")[:50] if show_invitations else []
    context = {
        "form": form,
        "state": state,
        "page": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "headings": _headings(state),
        "invitations": pending,
    }
    template = "customers/list.html#results" if request.htmx else "customers/list.html"
    return render(request, template, context)


# --- bulk actions -------------------------------------------------------------------------


def _back_to_list(url: str | None) -> str:
    """The list page (with its state) the action was started from, or the plain list."""
    list_url = reverse("customers:list")
    if url and url.startswith(list_url) and url_has_allowed_host_and_scheme(url, None):
        return url
    return list_url


def _answer(request, result: bulk.BulkResult, next_url: str):
    if result.failed:
        messages.warning(request, result.summary)
    else:
        messages.success(request, result.summary)
    if request.htmx:
        return HttpResponseClientRedirect(next_url)
    return redirect(next_url)


@staff_required(CHANGE_ROLES)
@require_http_methods(["GET", "POST"])
def bulk_action(request, action):
    """GET: the confirmation for the selected customers (a modal with htmx, a page without).
    POST: run the action on each of them and report the outcome."""
    if action not in bulk.ACTIONS:
        raise Http404
    params = request.POST if request.method == "POST" else request.GET
    next_url = _back_to_list(params.get("next"))
    customers, error = [], None
    try:
        customers = bulk.selected_customers(params.getlist("id"))
    except PortalError as refusal:
        error = refusal.human_message
    if request.method == "POST" and error is None:
        result = bulk.apply_to_customers(Actor.from_request(request), action, customers)
        return _answer(request, result, next_url)
    context = {
        "action": action,
        "customers": customers,
        "wording": bulk.wording(action, len(customers)),
        "next_url": next_url,
        "error": error,
    }
    template = (
        "customers/_list_bulk_confirm.html#dialog"
        if request.htmx
        else "customers/_list_bulk_confirm.html"
    )
    return render(request, template, context)


# --- export -------------------------------------------------------------------------------

CSV_HEADER = ["id", "email", "name", "status", "storage_used_gb", "quota_gb", "created"]


class _Echo:
    """A file-like object whose write returns the line, for a streamed CSV."""

    def write(self, value):
        return value


def csv_row(customer: Customer) -> list:
    """One customer as the cells of CSV_HEADER: sizes in decimal GB, as the page shows them."""
    created = customer.e2_created_at
    return [
        customer.pk,
        customer.email,
        customer.name,
        customer.status,
        in_gb(customer.storage_used_bytes),
        customer.quota_gb or "unlimited",
        timezone.localtime(created).date().isoformat() if created else "",
    ]


def _csv_lines(customers):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for customer in customers.iterator(chunk_size=2000):
        yield writer.writerow([spreadsheet_safe(cell) for cell in csv_row(customer)])


@staff_required()
@require_GET
def export_csv(request):
    """The filtered list (search, status and sort; every page), or only the selected rows
    (``id`` parameters), as a streamed CSV download."""
    _, state = list_state(request.GET)
    customers = filtered_customers(state)
    if ids := request.GET.getlist("id"):
        customers = customers.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()])
    brand = Brand.objects.filter(is_default=True).first()
    response = StreamingHttpResponse(_csv_lines(customers), content_type="text/csv; charset=utf-8")
    filename = export_filename(brand.name if brand else "portal", "customers", "csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
