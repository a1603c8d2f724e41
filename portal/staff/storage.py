"""The reseller console's regions and access-key tabs of a customer."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from portal.accounts.permissions import CHANGE_ROLES, staff_required
from portal.audit.services import Actor
from portal.customers.forms import TypedConfirmationForm
from portal.customers.models import customer_or_404
from portal.errors import PortalError
from portal.responses import action_succeeded
from portal.storage import services
from portal.storage.client_configs import client_configuration
from portal.storage.forms import AccessKeyForm, CorsForm, EnableRegionForm
from portal.storage.models import AccessKey


def _storage(customer, storage_pk):
    # Scoped to the customer in the URL: another customer's storage is a 404.
    return get_object_or_404(customer.storages.select_related("region"), pk=storage_pk)


def _error_text(error) -> str:
    text = error.human_message
    if error.outcome_unknown:
        text += " Use “Check with e2” to see the current state."
    return text


def _regions_context(customer, **extra):
    enabled = {storage.region_id for storage in customer.storages.all()}
    catalogue = [
        r for r in services.regions_for_catalogue(for_customer=False) if r.pk not in enabled
    ]
    storages = list(customer.storages.select_related("region"))
    return {
        "customer": customer,
        "tab": "regions",
        "storages": storages,
        "enable_form": EnableRegionForm(regions=catalogue),
        "cors_forms": {
            s.pk: CorsForm(initial={"cors": s.cors.replace(",", "\n")}) for s in storages
        },
        **extra,
    }


@staff_required()
def regions_tab(request, pk):
    customer = customer_or_404(pk)
    try:
        context = _regions_context(customer)
    except PortalError as error:
        context = {"customer": customer, "tab": "regions", "error": error.human_message}
    return render(request, "customers/detail.html", context)


@staff_required(CHANGE_ROLES)
def refresh_regions(request, pk):
    customer = customer_or_404(pk)
    try:
        services.refresh_storages(customer)
    except PortalError as error:
        return render(
            request, "customers/detail.html", _regions_context(customer, error=_error_text(error))
        )
    return action_succeeded(
        request, "Regions checked with e2.", reverse("customers:regions", args=[pk])
    )


@staff_required(CHANGE_ROLES)
def enable_region(request, pk):
    customer = customer_or_404(pk)
    context = _regions_context(customer)
    form = EnableRegionForm(
        request.POST, regions=services.regions_for_catalogue(for_customer=False)
    )
    if form.is_valid():
        try:
            storage = services.enable_region(
                Actor.from_request(request), customer, form.cleaned_data["region"]
            )
        except PortalError as error:
            context["error"] = _error_text(error)
        else:
            return action_succeeded(
                request,
                f"{storage.region.name} is enabled at {storage.storage_dn}.",
                reverse("customers:regions", args=[pk]),
            )
    else:
        context["enable_form"] = form
    return render(request, "customers/detail.html", context, status=400)


@staff_required(CHANGE_ROLES)
def set_cors(request, pk, storage_pk):
    customer = customer_or_404(pk)
    storage = _storage(customer, storage_pk)
    form = CorsForm(request.POST)
    if form.is_valid():
        try:
            services.set_cors(Actor.from_request(request), storage, form.cleaned_data["cors"])
        except PortalError as error:
            form.add_error("cors", _error_text(error))
        else:
            return action_succeeded(
                request,
                f"CORS of {storage.region.name} saved.",
                reverse("customers:regions", args=[pk]),
            )
    context = _regions_context(customer)
    context["cors_forms"][storage.pk] = form
    return render(request, "customers/detail.html", context, status=400)


@staff_required(CHANGE_ROLES)
def remove_region(request, pk, storage_pk):
    customer = customer_or_404(pk)
    storage = _storage(customer, storage_pk)
    form = TypedConfirmationForm(request.POST or None, expected=customer.email)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_region(Actor.from_request(request), storage)
        except PortalError as failure:
            error = _error_text(failure)
        else:
            return action_succeeded(
                request,
                f"{storage.region.name} was removed and its data deleted.",
                reverse("customers:regions", args=[pk]),
            )
    context = {
        "customer": customer,
        "form": form,
        "error": error,
        "action_url": reverse("customers:remove_region", args=[pk, storage.pk]),
        "spec": {
            "title": f"Remove {storage.region.name} from this account?",
            "text": f"Everything stored at {storage.storage_dn} is deleted, with its access keys. "
            "This cannot be undone.",
            "button": "Remove and delete the data",
            "typed": True,
        },
    }
    template = "customers/confirm.html#dialog" if request.htmx else "customers/confirm.html"
    # A post that is shown again (a wrong confirmation, a refusal) is a 400 with its sentence.
    return render(request, template, context, status=400 if request.method == "POST" else 200)


# --- access keys --------------------------------------------------------------------------


@staff_required()
def keys_tab(request, pk):
    customer = customer_or_404(pk)
    storages = list(customer.storages.select_related("region"))
    context = {"customer": customer, "tab": "keys", "storages": storages, "form": AccessKeyForm()}
    return render(request, "customers/detail.html", context)


@staff_required()
def keys_fragment(request, pk, storage_pk):
    """The keys of one storage, read from e2 after the page shell has loaded."""
    customer = customer_or_404(pk)
    storage = _storage(customer, storage_pk)
    context = {"customer": customer, "storage": storage}
    try:
        context["keys"] = services.refresh_access_keys(storage)
    except PortalError as error:
        context["error"] = error.human_message
        context["keys"] = list(storage.access_keys.all())
    return render(request, "storage/keys_fragment.html", context)


@staff_required(CHANGE_ROLES)
def create_key(request, pk, storage_pk):
    customer = customer_or_404(pk)
    storage = _storage(customer, storage_pk)
    form = AccessKeyForm(request.POST)
    context = {"customer": customer, "storage": storage, "form": form}
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_access_key(
                Actor.from_request(request),
                storage,
                data["name"],
                data["permissions"],
                data["buckets"],
            )
        except PortalError as error:
            form.add_error(None, _error_text(error))
        else:
            # htmx: the secret in place of the form, and the storage's key list swapped in
            # out of band, so the new key is listed and the empty state is gone.
            template = (
                "storage/key_created_swap.html" if request.htmx else "storage/key_created.html"
            )
            configuration = client_configuration(created)
            context |= {
                "created": created,
                "configuration": configuration,
                "keys": list(storage.access_keys.all()),
            }
            response = render(request, template, context)
            # The secret is in this one answer only: never cached, never in history.
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "storage/key_form.html", context, status=400)


@staff_required(CHANGE_ROLES)
def remove_key(request, pk, storage_pk, key_pk):
    customer = customer_or_404(pk)
    storage = _storage(customer, storage_pk)
    key = get_object_or_404(AccessKey, pk=key_pk, storage=storage)
    error = None
    if request.method == "POST":
        try:
            services.remove_access_key(Actor.from_request(request), key)
        except PortalError as failure:
            error = _error_text(failure)
        else:
            return action_succeeded(
                request, f"Access key {key.name} was revoked.", reverse("customers:keys", args=[pk])
            )
    context = {
        "customer": customer,
        "form": None,
        "error": error,
        "action_url": reverse("customers:remove_key", args=[pk, storage.pk, key.pk]),
        "spec": {
            "title": f"Revoke the access key {key.name}?",
            "text": f"Programs using the key {key.key_id} stop working at once.",
            "button": "Revoke the key",
        },
    }
    template = "customers/confirm.html#dialog" if request.htmx else "customers/confirm.html"
    # A post that is shown again (a wrong confirmation, a refusal) is a 400 with its sentence.
    return render(request, template, context, status=400 if request.method == "POST" else 200)
