"""The owner's settings pages. Owner only, for reading and for changing."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from portal.accounts.models import User
from portal.accounts.permissions import OWNER_ROLES, staff_required
from portal.accounts.two_factor import has_two_factor
from portal.audit.services import Actor, audited
from portal.errors import PortalError
from portal.reseller import services
from portal.reseller.forms import ApiTokenForm, DefaultsForm, RegionAccessForm, SecurityForm
from portal.reseller.models import ResellerSettings
from portal.responses import with_toast
from portal.storage.models import Region


@staff_required(OWNER_ROLES)
@never_cache
def api_access(request):
    form = ApiTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_api_token(Actor.from_request(request), form.cleaned_data["token"])
        messages.success(request, "The API key was saved. Test the connection to check it.")
        return redirect("reseller:api")
    context = {
        "tab": "api",
        "form": form,
        "credential": services.saved_api_credential(),
        "environment_token": bool(settings.E2_API_TOKEN),
    }
    return render(request, "reseller/api.html", context)


@staff_required(OWNER_ROLES)
@require_POST
def api_test(request):
    result = services.check_connection()
    if result.ok:
        # A successful test is recorded: the first-run checklist reads the latest one.
        with audited(
            "settings.api_test",
            actor=Actor.from_request(request),
            target="API connection",
            details={"result": result.message},
        ):
            pass
    if request.htmx:
        return render(request, "reseller/api.html#connection_result", {"result": result})
    (messages.success if result.ok else messages.error)(request, result.message)
    return redirect("reseller:api")


def _regions():
    return Region.objects.annotate(customer_count=Count("storages"))


@staff_required(OWNER_ROLES)
@require_safe
def regions(request):
    return render(request, "reseller/regions.html", {"tab": "regions", "regions": _regions()})


@staff_required(OWNER_ROLES)
@require_POST
def regions_sync(request):
    try:
        found = services.sync_region_catalogue(Actor.from_request(request))
    except PortalError as error:
        messages.error(request, error.human_message)
    else:
        messages.success(request, f"The region list was refreshed: {len(found)} regions.")
    return redirect("reseller:regions")


def _region_access_sentence(region, allowed: bool, *, before: bool) -> str:
    if allowed == before:
        state = "offered to customers" if allowed else "for staff only"
        return f"{region.name} was already {state}; nothing changed."
    if allowed:
        return f"{region.name} is now offered to customers: they may enable it themselves."
    return (
        f"{region.name} is now for staff only: customers can no longer enable it themselves. "
        "Customers already using it keep it."
    )


@staff_required(OWNER_ROLES)
@require_POST
def region_access(request, pk):
    region = get_object_or_404(Region, pk=pk)
    form = RegionAccessForm(request.POST)
    if not form.is_valid():
        refusal = "Choose whether customers may enable this region."
        if request.htmx:
            row = _regions().get(pk=pk)
            context = {"region": row, "refused": refusal, "refused_pk": row.pk}
            return render(request, "reseller/regions.html#region_row", context, status=400)
        context = {"tab": "regions", "regions": _regions(), "refused": refusal, "refused_pk": pk}
        return render(request, "reseller/regions.html", context, status=400)
    allowed, before = form.cleaned_data["customers_may_enable"], region.customers_may_enable
    services.set_region_access(Actor.from_request(request), region, customers_may_enable=allowed)
    sentence = _region_access_sentence(region, allowed, before=before)
    if request.htmx:
        row = _regions().get(pk=pk)
        response = render(request, "reseller/regions.html#region_row", {"region": row})
        return with_toast(response, sentence, "success")
    messages.success(request, sentence)
    return redirect("reseller:regions")


@staff_required(OWNER_ROLES)
def security(request):
    current = ResellerSettings.load()
    form = SecurityForm(request.POST or None, instance=current, user=request.user)
    if request.method == "POST" and form.is_valid():
        required = form.cleaned_data["require_two_factor"]
        services.set_two_factor_requirement(Actor.from_request(request), required=required)
        messages.success(
            request,
            "Two-factor is now required for all staff."
            if required
            else "Two-factor is now optional for staff.",
        )
        return redirect("reseller:security")
    staff = User.objects.filter(role__in=User.STAFF_ROLES, is_active=True)
    without = [member for member in staff if not has_two_factor(member)]
    context = {"tab": "security", "form": form, "settings": current, "staff_without": without}
    return render(request, "reseller/security.html", context)


@staff_required(OWNER_ROLES)
def defaults(request):
    form = DefaultsForm(request.POST or None, instance=ResellerSettings.load())
    if request.method == "POST" and form.is_valid():
        services.set_default_quota(
            Actor.from_request(request), quota_gb=form.cleaned_data["default_quota_gb"]
        )
        messages.success(request, "The defaults were saved.")
        return redirect("reseller:defaults")
    return render(request, "reseller/defaults.html", {"tab": "defaults", "form": form})
