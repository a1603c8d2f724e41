"""The customer's activity log: a date range within the last 90 days, every page of it, and
exports as CSV and as a PDF report in the brand's name."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from portal.console.access import customer_required
from portal.customers.forms import ActivityRangeForm
from portal.customers.services import activity_between
from portal.e2.errors import E2Error
from portal.exports import csv_response, export_filename, pdf_report, pdf_response
from portal.responses import human_message

ROWS_PER_PAGE = 50


@customer_required
def activity(request):
    form = ActivityRangeForm.from_query(request.GET)
    return render(request, "console/activity.html", {"form": form, "section": "activity"})


@customer_required
def activity_fragment(request):
    form = ActivityRangeForm.from_query(request.GET)
    context = {"form": form}
    if form.is_valid():
        try:
            entries = activity_between(
                request.customer, form.cleaned_data["start"], form.cleaned_data["end"]
            )
        except E2Error as error:
            context["error"] = human_message(error)
        else:
            context["page"] = Paginator(entries, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "console/activity_fragment.html", context)


def export_rows(entries):
    return [(entry.timestamp, entry.description, entry.ip) for entry in entries]


@customer_required
def activity_export(request, file_format):
    if file_format not in ("csv", "pdf"):
        raise Http404
    form = ActivityRangeForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "console/activity_fragment.html", {"form": form}, status=400)
    customer, brand = request.customer, request.customer.brand
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        rows = export_rows(activity_between(customer, start, end))
    except E2Error as error:
        context = {"form": form, "error": human_message(error)}
        return render(request, "console/activity_fragment.html", context, status=502)
    filename = export_filename(brand.name, f"activity {start} {end}", file_format)
    if file_format == "csv":
        return csv_response(filename, ["timestamp", "activity", "ip_address"], rows)
    content = pdf_report(
        brand_name=brand.name,
        title=f"Activity log of {customer.email}",
        subtitle=f"From {start:%d %B %Y} to {end:%d %B %Y}, "
        f"created {timezone.localdate():%d %B %Y}",
        header=["Time", "Activity", "IP address"],
        widths=[42, 110, 38],
        rows=rows,
        footer=brand.copyright_line,
    )
    return pdf_response(filename, content)
