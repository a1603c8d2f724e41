"""Usage and activity of one customer, for the reseller console: tabs, fragments, exports."""

from django.http import Http404
from django.shortcuts import render

from portal.accounts.permissions import staff_required
from portal.customers.activity import EXPORT_FORMATS, export_activity
from portal.customers.forms import ActivityRangeForm
from portal.customers.models import customer_or_404
from portal.customers.services import activity_between, usage_between
from portal.errors import PortalError
from portal.exports import csv_response, export_filename
from portal.usage.reports import chart_data

# Days each tab shows when the range is not chosen.
USAGE_DAYS = 30
ACTIVITY_DAYS = 7


def _tab(request, pk, tab: str, default_days: int):
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, default_days)
    return render(
        request, "customers/detail.html", {"customer": customer, "tab": tab, "form": form}
    )


def _range_fragment(request, pk, template: str, default_days: int, read):
    """A tab's fragment for the range in the query: ``read(customer, start, end)`` fills the
    context, or e2's failure becomes its sentence in place."""
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, default_days)
    context = {"customer": customer, "form": form}
    if form.is_valid():
        try:
            context |= read(customer, form.cleaned_data["start"], form.cleaned_data["end"])
        except PortalError as error:
            context["error"] = error.human_message
    return render(request, template, context)


@staff_required()
def usage_tab(request, pk):
    return _tab(request, pk, "usage", USAGE_DAYS)


@staff_required()
def usage_fragment(request, pk):
    def read(customer, start, end):
        days = usage_between(customer, start, end)
        return {"days": days, "chart": chart_data(days)}

    return _range_fragment(request, pk, "customers/usage_fragment.html", USAGE_DAYS, read)


@staff_required()
def usage_csv(request, pk):
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, USAGE_DAYS)
    if not form.is_valid():
        return render(
            request, "customers/usage_fragment.html", {"customer": customer, "form": form}
        )
    try:
        days = usage_between(customer, form.cleaned_data["start"], form.cleaned_data["end"])
    except PortalError as error:
        return _export_failed(request, customer, error)
    return csv_response(
        export_filename(customer.brand.name, f"usage {customer.email}", "csv"),
        ["date", "disk_used_bytes", "uploads_bytes", "downloads_bytes"],
        ([d["date"], d["disk_used"], d["uploads"], d["downloads"]] for d in days),
    )


@staff_required()
def activity_tab(request, pk):
    return _tab(request, pk, "activity", ACTIVITY_DAYS)


@staff_required()
def activity_fragment(request, pk):
    def read(customer, start, end):
        return {"entries": activity_between(customer, start, end)}

    return _range_fragment(request, pk, "customers/activity_fragment.html", ACTIVITY_DAYS, read)


@staff_required()
def activity_export(request, pk, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, ACTIVITY_DAYS)
    if not form.is_valid():
        return render(
            request,
            "customers/activity_fragment.html",
            {"customer": customer, "form": form},
            status=400,
        )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        return export_activity(customer, start, end, file_format)
    except PortalError as error:
        return _export_failed(request, customer, error)


def _export_failed(request, customer, error):
    """An export whose data e2 could not give: the page says why, nothing half-written."""
    return render(
        request,
        "customers/export_failed.html",
        {"customer": customer, "error": error.human_message},
        status=502,
    )
