"""Access keys in the customer console: create (the secret shown once), list, remove."""

from django import forms
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from branding.endpoints import with_endpoints
from portal.console.access import actor_of, customer_required
from portal.errors import PortalError
from portal.responses import action_succeeded
from portal.storage import services as storage_services
from portal.storage.client_configs import client_configuration
from portal.storage.forms import AccessKeyForm


class ConsoleKeyForm(AccessKeyForm):
    """An access key for one of the customer's own regions."""

    storage = forms.ModelChoiceField(queryset=None, label="Region", empty_label=None)
    field_order = ["storage", "name", "permissions", "buckets"]

    def __init__(self, *args, customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["storage"].queryset = customer.storages.select_related("region")
        self.fields["storage"].label_from_instance = lambda storage: storage.region.name


def _storage(request, storage_pk):
    return get_object_or_404(request.customer.storages.select_related("region"), pk=storage_pk)


@customer_required
def keys(request):
    customer = request.customer
    storages = with_endpoints(customer.storages.select_related("region", "customer"))
    context = {
        "storages": storages,
        "form": ConsoleKeyForm(customer=customer),
        "section": "keys",
    }
    return render(request, "console/keys.html", context)


@customer_required
def keys_fragment(request, storage_pk):
    """One region's keys, read from the storage service (it is the truth about keys)."""
    storage = _storage(request, storage_pk)
    context = {"storage": storage}
    try:
        context["keys"] = storage_services.refresh_access_keys(storage)
    except PortalError as error:
        context["keys"] = list(storage.access_keys.all())
        context["error"] = error.human_message
    return render(request, "console/keys_fragment.html", context)


@never_cache
@require_POST
@customer_required
def create_key(request):
    form = ConsoleKeyForm(request.POST, customer=request.customer)
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = storage_services.create_access_key(
                actor_of(request),
                data["storage"],
                data["name"],
                data["permissions"],
                data["buckets"],
            )
        except PortalError as error:
            form.add_error(None, error.human_message)
        else:
            storage = data["storage"]
            context = {
                "created": created,
                "configuration": client_configuration(created),
                # htmx: the region's key list is swapped in beside the secret (out of band).
                "storage": storage,
                "keys": list(storage.access_keys.all()),
            }
            template = (
                "console/key_created_fragment.html" if request.htmx else "console/key_page.html"
            )
            return render(request, template, context)
    # The form comes back with its errors and values, as a 400 in both cases: htmx swaps it
    # in place (static/js/portal.js), a plain post shows the whole page again.
    template = "console/key_form.html" if request.htmx else "console/keys.html"
    context = {"form": form, "section": "keys"}
    if not request.htmx:
        context["storages"] = with_endpoints(
            request.customer.storages.select_related("region", "customer")
        )
    return render(request, template, context, status=400)


@customer_required
def remove_key(request, storage_pk, key_pk):
    storage = _storage(request, storage_pk)
    key = get_object_or_404(storage.access_keys, pk=key_pk)
    template = (
        "console/confirm_remove_key.html"
        if request.htmx
        else "console/confirm_remove_key_page.html"
    )
    if request.method == "POST":
        try:
            storage_services.remove_access_key(actor_of(request), key)
        except PortalError as error:
            return render(
                request,
                template,
                {"key": key, "storage": storage, "error": error.human_message},
                status=400,
            )
        return action_succeeded(request, f"Access key {key.name} removed.", reverse("console:keys"))
    return render(request, template, {"key": key, "storage": storage})
