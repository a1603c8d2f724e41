"""Usage and activity of one customer, for the reseller console: tabs, fragments, exports.

An export whose range is wrong answers with its tab, the sentences next to the range fields,
never with a bare error."""

from django.http import Http404
from django.shortcuts import render

from portal.accounts.permissions import staff_required
from portal.customers.activity import EXPORT_FORMATS, export_activity, oldest_first
from portal.customers.models import customer_or_404
from portal.customers.services import activity_between, usage_between
from portal.errors import PortalError
from portal.exports import csv_response, export_filename
from portal.usage.ranges import ACTIVITY, USAGE, ReportRangeForm
from portal.usage.reports import chart_data

# Days each tab shows when the range is not chosen.
USAGE_DAYS = 30
ACTIVITY_DAYS = 7
TABS = {"usage": (USAGE, USAGE_DAYS), "activity": (ACTIVITY, ACTIVITY_DAYS)}


def _range_form(request, tab: str) -> ReportRangeForm:
    subject, default_days = TABS[tab]
    return ReportRangeForm.from_query(request.GET, default_days, subject=subject)


def _tab(request, customer, tab: str, form=None, error: str = "", status: int = 200):
    """The customer page on ``tab``; with a bound, invalid form its errors stand next to the
    range fields and nothing is loaded."""
    context = {
        "customer": customer,
        "tab": tab,
        "form": form or _range_form(request, tab),
        "export_error": error,
    }
    return render(request, "customers/detail.html", context, status=status)


def _range_fragment(request, pk, tab: str, template: str, read):
    """A tab's fragment for the range in the query: ``read(customer, start, end)`` fills the
    context, or e2's failure becomes its sentence in place."""
    customer = customer_or_404(pk)
    form = _range_form(request, tab)
    context = {"customer": customer, "form": form}
    if form.is_valid():
        try:
            context |= read(customer, form.cleaned_data["start"], form.cleaned_data["end"])
        except PortalError as error:
            context["error"] = error.human_message
    return render(request, template, context, status=200 if form.is_valid() else 400)


@staff_required()
def usage_tab(request, pk):
    return _tab(request, customer_or_404(pk), "usage")


@staff_required()
def usage_fragment(request, pk):
    def read(customer, start, end):
        days = usage_between(customer, start, end)
        return {"days": days, "chart": chart_data(days)}

    return _range_fragment(request, pk, "usage", "customers/usage_fragment.html", read)


@staff_required()
def usage_csv(request, pk):
    customer = customer_or_404(pk)
    form = _range_form(request, "usage")
    if not form.is_valid():
        return _tab(request, customer, "usage", form, status=400)
    try:
        days = usage_between(customer, form.cleaned_data["start"], form.cleaned_data["end"])
    except PortalError as error:
        return _tab(request, customer, "usage", form, error=error.human_message, status=502)
    return csv_response(
        export_filename(customer.brand.name, f"usage {customer.email}", "csv"),
        ["date", "disk_used_bytes", "uploads_bytes", "downloads_bytes"],
        ([d["date"], d["disk_used"], d["uploads"], d["downloads"]] for d in days),
    )


@staff_required()
def activity_tab(request, pk):
    return _tab(request, customer_or_404(pk), "activity")


@staff_required()
def activity_fragment(request, pk):
    def read(customer, start, end):
        return {"entries": oldest_first(activity_between(customer, start, end))}

    return _range_fragment(request, pk, "activity", "customers/activity_fragment.html", read)


@staff_required()
def activity_export(request, pk, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    customer = customer_or_404(pk)
    form = _range_form(request, "activity")
    if not form.is_valid():
        return _tab(request, customer, "activity", form, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        return export_activity(customer, start, end, file_format)
    except PortalError as error:
        # The data could not be read: the tab says why, nothing half-written is sent.
        return _tab(request, customer, "activity", form, error=error.human_message, status=502)
