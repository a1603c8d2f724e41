"""The customer's regions: enable one, set a storage's allowed origins (CORS)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal.console.access import actor_of, customer_required
from portal.console.views.dashboard import storages_of
from portal.errors import PortalError
from portal.responses import action_succeeded
from portal.storage import services as storage_services
from portal.storage.forms import CorsForm, EnableRegionForm


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
    except PortalError as error:
        context = {"storages": storages_of(request.customer), "error": error.human_message}
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
        except PortalError as error:
            form.add_error(None, error.human_message)
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
        except PortalError as error:
            form.add_error(None, error.human_message)
        else:
            message = f"Allowed origins of {storage.region.name} saved."
            return action_succeeded(request, message, reverse("console:regions"))
    template = "console/cors_form.html" if request.htmx else "console/cors.html"
    return render(request, template, context, status=400 if form.errors else 200)
