"""The customer console: dashboard and regions. Every queryset starts from request.customer."""

import datetime

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from branding.endpoints import with_endpoints
from portal.console.access import actor_of, customer_required, invalid_form_status
from portal.customers.services import usage_between
from portal.e2.client import get_client
from portal.e2.errors import E2Error
from portal.responses import action_succeeded, human_message
from portal.storage import services as storage_services
from portal.storage.forms import CorsForm, EnableRegionForm
from portal.usage.reports import chart_data

USAGE_RANGES = {"7": 7, "30": 30, "90": 90}
RECENT_ACTIVITY_DAYS = 7
RECENT_ACTIVITY_ROWS = 8


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
    except E2Error as error:
        context["error"] = human_message(error)
    else:
        context["rows"] = rows
        context["chart"] = chart_data(rows)
    return render(request, "console/usage_chart.html", context)


@customer_required
def recent_activity(request):
    end = timezone.localdate()
    start = end - datetime.timedelta(days=RECENT_ACTIVITY_DAYS)
    context = {}
    try:
        with get_client() as client:
            page = client.user_activity_history(request.customer.email, start, end, 1)
        context["entries"] = list(page.logs)[:RECENT_ACTIVITY_ROWS]
    except E2Error as error:
        context["error"] = human_message(error)
    return render(request, "console/recent_activity.html", context)


# --- regions ------------------------------------------------------------------------------


def _regions_context(customer, **extra):
    storages = storages_of(customer)
    enabled = {storage.region_id for storage in storages}
    catalogue = [
        region
        for region in storage_services.regions_for_catalogue(for_customer=True)
        if region.pk not in enabled
    ]
    return {
        "storages": storages,
        "catalogue": catalogue,
        "enable_form": extra.pop("enable_form", None) or EnableRegionForm(regions=catalogue),
        "section": "regions",
        **extra,
    }


@customer_required
def regions(request):
    try:
        context = _regions_context(request.customer)
    except E2Error as error:
        context = {"storages": storages_of(request.customer), "error": human_message(error)}
    return render(request, "console/regions.html", context)


@require_POST
@customer_required
def enable_region(request):
    customer = request.customer
    catalogue = storage_services.regions_for_catalogue(for_customer=True)
    form = EnableRegionForm(request.POST, regions=catalogue)
    if form.is_valid():
        try:
            storage = storage_services.enable_region(
                actor_of(request), customer, form.cleaned_data["region"], by_customer=True
            )
        except (E2Error, storage_services.RegionNotAllowed) as error:
            form.add_error(None, human_message(error))
        else:
            message = f"{storage.region.name} is enabled."
            return action_succeeded(request, message, reverse("console:regions"))
    context = _regions_context(customer, enable_form=form)
    return render(request, "console/regions.html", context, status=400)


@customer_required
def cors(request, storage_pk):
    storage = get_object_or_404(request.customer.storages.select_related("region"), pk=storage_pk)
    initial = {"cors": storage.cors.replace(",", "\n")}
    form = CorsForm(request.POST or None, initial=initial)
    context = {"storage": storage, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            storage_services.set_cors(actor_of(request), storage, form.cleaned_data["cors"])
        except E2Error as error:
            form.add_error(None, human_message(error))
        else:
            message = f"Allowed origins of {storage.region.name} saved."
            return action_succeeded(request, message, reverse("console:regions"))
    template = "console/cors_form.html" if request.htmx else "console/cors.html"
    return render(
        request, template, context, status=invalid_form_status(request) if form.errors else 200
    )
