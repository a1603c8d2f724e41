"""The customer's activity log: a date range within the last 90 days, every page of it, and
exports as CSV and as a PDF report in the brand's name. An export whose range is wrong
answers with the page, the sentences next to the range fields."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from portal.console.access import customer_required
from portal.customers.activity import EXPORT_FORMATS, export_activity, oldest_first
from portal.customers.services import activity_between
from portal.errors import PortalError
from portal.usage.ranges import ACTIVITY, ReportRangeForm

ROWS_PER_PAGE = 50


def _range_form(request) -> ReportRangeForm:
    return ReportRangeForm.from_query(request.GET, subject=ACTIVITY)


def _page(request, form, error: str = "", status: int = 200):
    context = {"form": form, "export_error": error, "section": "activity"}
    return render(request, "console/activity.html", context, status=status)


@customer_required
def activity(request):
    return _page(request, _range_form(request))


@customer_required
def activity_fragment(request):
    form = _range_form(request)
    context = {"form": form}
    if form.is_valid():
        try:
            entries = activity_between(
                request.customer, form.cleaned_data["start"], form.cleaned_data["end"]
            )
        except PortalError as error:
            context["error"] = error.human_message
        else:
            entries = oldest_first(entries)
            context["page"] = Paginator(entries, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    status = 200 if form.is_valid() else 400
    return render(request, "console/activity_fragment.html", context, status=status)


@customer_required
def activity_export(request, file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404
    form = _range_form(request)
    if not form.is_valid():
        return _page(request, form, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        return export_activity(request.customer, start, end, file_format)
    except PortalError as error:
        return _page(request, form, error.human_message, status=502)
