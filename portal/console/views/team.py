"""Team members (sub-users) in the customer console: the whole sub-user API, in the brand's
name. The storage service's own invitation link is never shown; the portal sends its own."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from portal.accounts.invitations import InvitationNotUsable
from portal.console.access import actor_of, customer_required, invalid_form_status
from portal.customers.forms import ActivityRangeForm
from portal.errors import PortalError
from portal.responses import action_succeeded, with_toast
from portal.subusers import invitations, services
from portal.subusers.forms import (
    InvitationAcceptForm,
    SubuserCreateForm,
    SubuserInviteForm,
    SubuserUpdateForm,
)
from portal.subusers.links import accept_url_builder

OPEN_INVITATION = services.OPEN_INVITATION
# Shown as a warning once this few places are left before the limit.
LIMIT_WARNING_REMAINING = 5


def _team_context(customer, **extra):
    used, limit = services.subuser_capacity(customer)
    return {
        "members": services.team_members(customer),
        "used": used,
        "limit": limit,
        "remaining": max(0, limit - used),
        "near_limit": limit - used <= LIMIT_WARNING_REMAINING,
        "at_limit": used >= limit,
        "section": "team",
        **extra,
    }


@customer_required
def team(request):
    return render(request, "console/team.html", _team_context(request.customer))


@customer_required
def team_list(request):
    """The list as the storage service has it now (refreshes the local copy)."""
    context = {}
    try:
        services.list_subusers(request.customer)
    except PortalError as error:
        context["error"] = error.human_message
    context |= _team_context(request.customer)
    return render(request, "console/team_list.html", context)


def _form_page(request, form, title, action, template="console/team_form.html"):
    context = {"form": form, "title": title, "action": action, "section": "team"}
    context |= _team_context(request.customer)
    status = invalid_form_status(request) if form.errors else 200
    return render(request, template, context, status=status)


@customer_required
def invite(request):
    customer = request.customer
    form = SubuserInviteForm(request.POST or None, customer=customer)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invite_subuser(
                actor_of(request),
                customer,
                form.subuser_settings(),
                accept_url_for=accept_url_builder(customer),
            )
        except PortalError as error:
            form.add_error(None, error.human_message)
        else:
            message = f"Invitation sent to {invitation.email}."
            return action_succeeded(request, message, reverse("console:team"))
    return _form_page(request, form, "Invite a team member", reverse("console:team_invite"))


@customer_required
def create(request):
    customer = request.customer
    form = SubuserCreateForm(request.POST or None, customer=customer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subuser = services.create_subuser(
                actor_of(request),
                customer,
                form.subuser_settings(),
                data["first_name"],
                data["last_name"],
                data["password"],
            )
        except PortalError as error:
            form.add_error(None, error.human_message)
        else:
            message = f"{subuser.email} can sign in now."
            return action_succeeded(request, message, reverse("console:team"))
    return _form_page(request, form, "Add a team member", reverse("console:team_create"))


def _subuser(request, pk):
    return get_object_or_404(request.customer.subusers, pk=pk)


def _invitation(request, pk):
    return get_object_or_404(
        request.customer.subuser_invitations.filter(status__in=OPEN_INVITATION), pk=pk
    )


@customer_required
def edit(request, pk):
    customer, subuser = request.customer, _subuser(request, pk)
    form = SubuserUpdateForm(request.POST or None, customer=customer, subuser=subuser)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        expire = changes.pop("expire_subuser_sessions", False)
        try:
            services.update_subuser(
                actor_of(request),
                customer,
                subuser.email,
                expire_subuser_sessions=expire,
                **changes,
            )
        except PortalError as error:
            form.add_error(None, error.human_message)
        else:
            message = f"Settings of {subuser.email} saved."
            return action_succeeded(request, message, reverse("console:team"))
    title = f"Settings of {subuser.email}"
    return _form_page(request, form, title, reverse("console:team_edit", args=[pk]))


SUBUSER_ACTIONS = {
    "disable": (services.disable_subuser, "{email} is disabled."),
    "enable": (services.enable_subuser, "{email} is enabled again."),
    "remove": (services.remove_subuser, "{email} was deleted."),
    # An invited person without an invitation of the portal's (invited elsewhere).
    "cancel": (invitations.cancel_subuser_invite, "Invitation of {email} withdrawn."),
}


@customer_required
def subuser_action(request, pk, action):
    """Disable, enable or delete a team member, or withdraw the invitation of an invited one;
    GET asks for confirmation."""
    if action not in SUBUSER_ACTIONS:
        raise Http404
    subuser = _subuser(request, pk)
    if action == "cancel" and subuser.signed_up:
        raise Http404  # a signed-up member has no invitation left to withdraw
    context = {"subuser": subuser, "action": action}
    if request.method == "POST":
        perform, message = SUBUSER_ACTIONS[action]
        try:
            perform(actor_of(request), request.customer, subuser.email)
        except PortalError as error:
            context["error"] = error.human_message
        else:
            text = message.format(email=subuser.email)
            return action_succeeded(request, text, reverse("console:team"))
    template = "console/team_confirm.html" if request.htmx else "console/team_confirm_page.html"
    return render(request, template, context)


@customer_required
def invitation_action(request, pk, action):
    """Resend or withdraw an open invitation; GET asks to confirm withdrawing."""
    if action not in ("resend", "cancel"):
        raise Http404
    invitation = _invitation(request, pk)
    customer = request.customer
    if request.method != "POST":
        if action != "cancel":
            return HttpResponseNotAllowed(["POST"])
        context = {"invitation": invitation, "action": action}
        template = "console/team_confirm.html" if request.htmx else "console/team_confirm_page.html"
        return render(request, template, context)
    try:
        if action == "resend":
            invitations.resend_subuser_invitation(
                actor_of(request),
                customer,
                invitation.email,
                accept_url_for=accept_url_builder(customer),
            )
            message = f"Invitation sent again to {invitation.email}."
        elif action == "cancel":
            invitations.cancel_subuser_invite(actor_of(request), customer, invitation.email)
            message = f"Invitation of {invitation.email} withdrawn."
        else:
            raise Http404
    except PortalError as error:
        return action_failed(request, error.human_message)
    return action_succeeded(request, message, reverse("console:team"))


def action_failed(request, text):
    if request.htmx:
        return with_toast(HttpResponse(status=204), text)
    messages.error(request, text)
    return redirect("console:team")


@customer_required
def subuser_activity(request, pk):
    subuser = _subuser(request, pk)
    form = ActivityRangeForm.from_query(request.GET)
    context = {"subuser": subuser, "form": form, "section": "team"}
    if form.is_valid():
        try:
            context["entries"] = services.subuser_activity(
                request.customer,
                subuser.email,
                form.cleaned_data["start"],
                form.cleaned_data["end"],
            )
        except PortalError as error:
            context["error"] = error.human_message
    template = (
        "console/team_activity_fragment.html" if request.htmx else "console/team_activity.html"
    )
    return render(request, template, context, status=200 if form.is_valid() else 400)


@sensitive_post_parameters("password", "password_confirm")
@csrf_protect
@never_cache
def accept_invitation(request, token):
    """An invited team member chooses their name and password, on the brand's domain."""
    try:
        invitation = invitations.invitation_for_token(token)
    except InvitationNotUsable as error:
        context = {"error": error.human_message}
        return render(request, "console/team_join.html", context, status=410)
    if request.brand is None or invitation.customer.brand_id != request.brand.pk:
        raise Http404
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    context = {"form": form, "invitation": invitation}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitations.accept_subuser_invitation(
                token, data["password"], data["first_name"], data["last_name"]
            )
        except PortalError as error:
            context["error"] = error.human_message
        else:
            context["done"] = True
    return render(request, "console/team_join.html", context)
