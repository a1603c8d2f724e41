"""The customer console's dashboard: endpoints, the usage chart and recent activity."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from branding.endpoints import with_endpoints
from portal.console.access import customer_required
from portal.customers import activity as customer_activity
from portal.customers.services import usage_between
from portal.errors import PortalError
from portal.usage.reports import chart_data

USAGE_RANGES = {"7": 7, "30": 30, "90": 90}


def storages_of(customer) -> list:
    return with_endpoints(
        customer.storages.select_related("region", "customer").order_by("region__name")
    )


@customer_required
def dashboard(request):
    customer = request.customer
    context = {
        "storages": storages_of(customer),
        "usage_ranges": USAGE_RANGES,
        "section": "dashboard",
    }
    return render(request, "console/dashboard.html", context)


@customer_required
def usage_chart(request):
    days = USAGE_RANGES.get(request.GET.get("days", "30"), 30)
    context = {"days": days, "usage_ranges": USAGE_RANGES}
    try:
        end = timezone.localdate()
        rows = usage_between(request.customer, end - datetime.timedelta(days=days - 1), end)
    except PortalError as error:
        context["error"] = error.human_message
    else:
        context["rows"] = rows
        context["chart"] = chart_data(rows)
    return render(request, "console/usage_chart.html", context)


@customer_required
def recent_activity(request):
    context = {}
    try:
        context["entries"] = customer_activity.recent_activity(request.customer)
    except PortalError as error:
        context["error"] = error.human_message
    return render(request, "console/recent_activity.html", context)
