"""The customer's activity log: a date range within the last 90 days, every page of it, and
exports as CSV and as a PDF report in the brand's name."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from portal.console.access import customer_required
from portal.customers.activity import EXPORT_FORMATS, export_activity
from portal.customers.forms import ActivityRangeForm
from portal.customers.services import activity_between
from portal.errors import PortalError

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
        except PortalError as error:
            context["error"] = error.human_message
        else:
            context["page"] = Paginator(entries, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "console/activity_fragment.html", context)


@customer_required
def activity_export(request, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    form = ActivityRangeForm.from_query(request.GET)
    if not form.is_valid():
        return render(request, "console/activity_fragment.html", {"form": form}, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        return export_activity(request.customer, start, end, file_format)
    except PortalError as error:
        context = {"form": form, "error": error.human_message}
        return render(request, "console/activity_fragment.html", context, status=502)
