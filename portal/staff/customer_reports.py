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


@staff_required()
def usage_tab(request, pk):
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, 30)
    return render(
        request, "customers/detail.html", {"customer": customer, "tab": "usage", "form": form}
    )


@staff_required()
def usage_fragment(request, pk):
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, 30)
    context = {"customer": customer, "form": form}
    if form.is_valid():
        try:
            days = usage_between(customer, form.cleaned_data["start"], form.cleaned_data["end"])
        except PortalError as error:
            context["error"] = error.human_message
        else:
            context |= {"days": days, "chart": chart_data(days)}
    return render(request, "customers/usage_fragment.html", context)


@staff_required()
def usage_csv(request, pk):
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, 30)
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
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, 7)
    return render(
        request, "customers/detail.html", {"customer": customer, "tab": "activity", "form": form}
    )


@staff_required()
def activity_fragment(request, pk):
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, 7)
    context = {"customer": customer, "form": form}
    if form.is_valid():
        try:
            context["entries"] = activity_between(
                customer, form.cleaned_data["start"], form.cleaned_data["end"]
            )
        except PortalError as error:
            context["error"] = error.human_message
    return render(request, "customers/activity_fragment.html", context)


@staff_required()
def activity_export(request, pk, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    customer = customer_or_404(pk)
    form = ActivityRangeForm.from_query(request.GET, 7)
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
