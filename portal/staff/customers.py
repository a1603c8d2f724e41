"""The reseller console's customer pages: create and invite, the overview tab, lifecycle
actions (the list is in ``customer_list``). Views parse, check the role, call one service."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from branding.models import Brand
from portal.accounts.permissions import CHANGE_ROLES, READ_ROLES, staff_required
from portal.audit.services import Actor
from portal.customers import invitations, services, support
from portal.customers.forms import (
    CustomerCreateForm,
    CustomerInviteForm,
    SetPasswordForm,
    TypedConfirmationForm,
)
from portal.customers.models import Invitation, customer_or_404
from portal.e2.errors import E2Error
from portal.errors import PortalError
from portal.reseller.models import ResellerSettings
from portal.responses import action_succeeded, toast_trigger
from portal.storage.models import Region
from portal.storage.services import sync_regions


def _default_brand():
    return Brand.objects.filter(is_default=True).first() or Brand.objects.first()


def _default_quota() -> int:
    return ResellerSettings.load().default_quota_gb


def _ensure_catalogue() -> None:
    """A first visit fills the region catalogue; later ones read the local copy."""
    if not Region.objects.exists():
        try:
            sync_regions()
        except E2Error:
            pass  # the form still works; regions can be enabled later


@staff_required(CHANGE_ROLES)
@require_POST
def refresh_mirror(request):
    try:
        result = services.sync_customer_mirror()
    except PortalError as error:
        messages.error(request, error.human_message)
        return redirect("customers:list")
    return action_succeeded(
        request,
        f"Refreshed: {result.created} new, {result.updated} updated, {result.removed} removed.",
        reverse("customers:list"),
    )


@staff_required(CHANGE_ROLES)
def create_customer(request):
    _ensure_catalogue()
    form = CustomerCreateForm(request.POST or None, default_quota_gb=_default_quota())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            customer = services.create_customer(
                Actor.from_request(request),
                brand=_default_brand(),
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password"],
                quota_gb=data["quota_gb"],
                regions=[region.key for region in data["regions"]],
                send_welcome=data["send_welcome"],
            )
        except PortalError as error:
            form.add_error(None, error.human_message)
            if error.outcome_unknown:
                form.add_error(None, "Use “Refresh from e2” on the customer list to check.")
        else:
            for region_key, problem in customer.region_failures:
                messages.warning(request, f"Region {region_key} was not enabled: {problem}")
            if data.get("password_was_generated"):
                # Shown once, on the next page only; never stored in clear.
                request.session["generated_password"] = data["password"]
            return action_succeeded(
                request,
                f"{customer.email} was created.",
                reverse("customers:detail", args=[customer.pk]),
            )
    return render(request, "customers/create.html", {"form": form, "mode": "create"})


@staff_required(CHANGE_ROLES)
def invite_customer(request):
    _ensure_catalogue()
    form = CustomerInviteForm(request.POST or None, default_quota_gb=_default_quota())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitations.invite_customer(
            Actor.from_request(request),
            brand=_default_brand(),
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            quota_gb=data["quota_gb"],
            regions=[region.key for region in data["regions"]],
        )
        return action_succeeded(
            request, f"An invitation was sent to {data['email']}.", reverse("customers:list")
        )
    return render(request, "customers/create.html", {"form": form, "mode": "invite"})


@staff_required(CHANGE_ROLES)
@require_POST
def invitation_action(request, pk, action):
    invitation = get_object_or_404(Invitation, pk=pk, status=Invitation.Status.PENDING)
    actor = Actor.from_request(request)
    if action == "resend":
        invitations.resend_invitation(actor, invitation)
        message = f"The invitation to {invitation.email} was sent again."
    else:
        invitations.cancel_invitation(actor, invitation)
        message = f"The invitation to {invitation.email} was withdrawn."
    return action_succeeded(request, message, reverse("customers:list") + "?status=invited")


@staff_required()
def customer_detail(request, pk):
    customer = customer_or_404(pk)
    if request.GET.get("support_view") == "ended":
        messages.info(request, f"Your read-only view as {customer.email} ended.")
    storages = list(customer.storages.select_related("region").annotate(keys=Count("access_keys")))
    context = {
        "customer": customer,
        "tab": "overview",
        "storages": storages,
        "key_count": sum(storage.keys for storage in storages),
        "generated_password": request.session.pop("generated_password", None),
        "last_activity": customer.audit_records.first(),
        "history": customer.audit_records.all()[:10],
    }
    response = render(request, "customers/detail.html", context)
    if context["generated_password"]:
        response["Cache-Control"] = "no-store"
    if origin := support.console_origin(customer):
        # "View as customer" without JavaScript: the form's answer leads to the brand domain.
        response._csp_update = {"form-action": [origin]}
    return response


# --- lifecycle ----------------------------------------------------------------------------

LIFECYCLE = {
    "disable": {
        "service": services.disable_customer,
        "roles": CHANGE_ROLES,
        "title": "Disable this account?",
        "text": "The customer can no longer log in or reach their data until you enable it "
        "again. Their open sessions end now.",
        "button": "Disable",
        "done": "{email} was disabled.",
    },
    "enable": {
        "service": services.enable_customer,
        "roles": CHANGE_ROLES,
        "title": "Enable this account?",
        "text": "The customer can log in and reach their data again.",
        "button": "Enable",
        "done": "{email} was enabled.",
    },
    "remove": {
        "service": services.remove_customer,
        "roles": CHANGE_ROLES,
        "title": "Delete this account forever?",
        "text": "Every bucket, object, key and sub-user of this account is deleted. This "
        "cannot be undone.",
        "button": "Delete forever",
        "typed": True,
        "done": "{email} and all its data were deleted.",
    },
    "reset_two_factor": {
        "service": services.reset_customer_two_factor,
        "roles": CHANGE_ROLES,
        "title": "Turn off this customer's two-factor authentication?",
        "text": "For a customer who lost their authenticator app: they log in with their "
        "password alone until they turn two-factor on again, and are told by email.",
        "button": "Turn two-factor off",
        "done": "Two-factor authentication of {email} was turned off.",
    },
    "reset_link": {
        "service": services.send_password_reset_link,
        "roles": READ_ROLES,
        "title": "Send a password reset link?",
        "text": "The customer receives an email in your brand's name with a link to choose a "
        "new password for the console.",
        "button": "Send the link",
        "done": "A password reset link was sent to {email}.",
    },
}


def customer_lifecycle(request, pk, action):
    """GET: the confirmation (a modal with htmx, a page without). POST: do it."""
    spec = LIFECYCLE.get(action)
    if spec is None:
        raise Http404
    return staff_required(spec["roles"])(_lifecycle)(request, pk, action, spec)


def _lifecycle(request, pk, action, spec):
    customer = customer_or_404(pk)
    form = (
        TypedConfirmationForm(request.POST or None, expected=customer.email)
        if spec.get("typed")
        else None
    )
    error = None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            spec["service"](Actor.from_request(request), customer)
        except PortalError as failure:
            error = failure.human_message
            if failure.outcome_unknown:
                error += " Refresh the customer list from e2 to see the current state."
        else:
            next_url = (
                reverse("customers:list")
                if action == "remove"
                else reverse("customers:detail", args=[customer.pk])
            )
            return action_succeeded(request, spec["done"].format(email=customer.email), next_url)
    context = {"customer": customer, "spec": spec, "form": form, "action": action, "error": error}
    template = "customers/confirm.html#dialog" if request.htmx else "customers/confirm.html"
    refused = request.method == "POST" and form is not None and bool(form.errors)
    return render(request, template, context, status=400 if refused else 200)


@staff_required(CHANGE_ROLES)
def set_password(request, pk):
    customer = customer_or_404(pk)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_customer_password(
            Actor.from_request(request), customer, form.cleaned_data["password"]
        )
        return action_succeeded(
            request,
            f"The console password of {customer.email} was changed; their sessions ended.",
            reverse("customers:detail", args=[customer.pk]),
        )
    template = (
        "customers/set_password.html#dialog" if request.htmx else "customers/set_password.html"
    )
    status = 400 if form.errors else 200
    return render(request, template, {"customer": customer, "form": form}, status=status)


# --- support tools ------------------------------------------------------------------------


@staff_required(CHANGE_ROLES)
def reset_link(request, pk):
    """GET: what a copyable reset link is (a modal with htmx, a page without). POST: make
    one and show it this once; it is in this answer only, never stored or logged."""
    customer = customer_or_404(pk)
    context = {"customer": customer}
    if request.method == "POST":
        try:
            context["reset_url"] = support.create_password_reset_link(
                Actor.from_request(request), customer
            )
        except PortalError as error:
            context["error"] = error.human_message
    template = (
        "customers/_support_reset_link.html#dialog"
        if request.htmx
        else "customers/_support_reset_link.html"
    )
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    if context.get("reset_url"):
        response["HX-Trigger"] = toast_trigger(f"A reset link for {customer.email} was created.")
    return response


@staff_required()
@require_POST
def view_as(request, pk):
    """Open the customer's console on their brand domain, read-only, through a single-use
    link (the staff session never leaves the portal's host)."""
    customer = customer_or_404(pk)
    try:
        url = support.create_view_link(Actor.from_request(request), customer)
    except PortalError as error:
        messages.error(request, error.human_message)
        url = reverse("customers:detail", args=[customer.pk])
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)
