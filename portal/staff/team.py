"""The reseller console's sub-users tab: everything the sub-user API offers, on the
customer's behalf."""

import datetime

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from portal.accounts.permissions import CHANGE_ROLES, staff_required
from portal.audit.services import Actor
from portal.customers.forms import ActivityRangeForm
from portal.customers.models import customer_or_404
from portal.errors import PortalError
from portal.responses import action_succeeded
from portal.subusers import invitations, services
from portal.subusers.forms import SubuserCreateForm, SubuserInviteForm, SubuserUpdateForm
from portal.subusers.links import accept_url_builder


def _tab(request, customer, status=200, **forms):
    used, limit = services.subuser_capacity(customer)
    context = {
        "customer": customer,
        "tab": "subusers",
        "used": used,
        "limit": limit,
        "invite_form": forms.get("invite_form") or SubuserInviteForm(customer=customer),
        "create_form": forms.get("create_form") or SubuserCreateForm(customer=customer),
        "error": forms.get("error"),
    }
    return render(request, "customers/detail.html", context, status=status)


def _back(customer):
    return reverse("customers:subusers", args=[customer.pk])


@staff_required()
def subusers_tab(request, pk):
    return _tab(request, customer_or_404(pk))


@staff_required()
def subusers_fragment(request, pk):
    """The team as e2 has it, loaded after the page shell: each person once, invited or
    signed up, with their open invitation."""
    customer = customer_or_404(pk)
    context = {"customer": customer}
    try:
        services.list_subusers(customer)
    except PortalError as error:
        context["error"] = error.human_message
    context["members"] = services.team_members(customer)
    return render(request, "subusers/staff_list.html", context)


@staff_required(CHANGE_ROLES)
def invite(request, pk):
    customer = customer_or_404(pk)
    form = SubuserInviteForm(request.POST, customer=customer)
    if form.is_valid():
        try:
            invitations.invite_subuser(
                Actor.from_request(request),
                customer,
                form.subuser_settings(form.cleaned_data["email"]),
                accept_url_for=accept_url_builder(customer),
                first_name=form.cleaned_data.get("first_name", ""),
                last_name=form.cleaned_data.get("last_name", ""),
            )
        except PortalError as error:
            form.add_error(None, error.human_message)
        else:
            return action_succeeded(
                request, f"An invitation was sent to {form.cleaned_data['email']}.", _back(customer)
            )
    return _tab(request, customer, status=400, invite_form=form)


@staff_required(CHANGE_ROLES)
def create(request, pk):
    customer = customer_or_404(pk)
    form = SubuserCreateForm(request.POST, customer=customer)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.create_subuser(
                Actor.from_request(request),
                customer,
                form.subuser_settings(),
                data["first_name"],
                data.get("last_name", ""),
                data["password"],
            )
        except PortalError as error:
            form.add_error(None, error.human_message)
        else:
            return action_succeeded(request, f"{data['email']} was added.", _back(customer))
    return _tab(request, customer, status=400, create_form=form)


def _member(customer, subuser_pk):
    return get_object_or_404(customer.subusers, pk=subuser_pk)


@staff_required(CHANGE_ROLES)
def update(request, pk, subuser_pk):
    customer = customer_or_404(pk)
    member = _member(customer, subuser_pk)
    form = SubuserUpdateForm(request.POST or None, customer=customer, subuser=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_subuser(
                Actor.from_request(request), customer, member.email, **form.changes()
            )
        except PortalError as error:
            form.add_error(None, error.human_message)
        else:
            return action_succeeded(request, f"{member.email} was updated.", _back(customer))
    template = "subusers/staff_edit.html#dialog" if request.htmx else "subusers/staff_edit.html"
    context = {"customer": customer, "member": member, "form": form}
    return render(request, template, context, status=400 if form.errors else 200)


ACTIONS = {
    "disable": (
        services.disable_subuser,
        "{email} was disabled.",
        "Disable {email}?",
        "They can no longer sign in or reach data.",
    ),
    "enable": (
        services.enable_subuser,
        "{email} was enabled.",
        "Enable {email}?",
        "They can sign in again.",
    ),
    "remove": (
        services.remove_subuser,
        "{email} was deleted.",
        "Delete {email} forever?",
        "Their account and its data are deleted. This cannot be undone.",
    ),
    "cancel": (
        invitations.cancel_subuser_invite,
        "The invitation of {email} was withdrawn.",
        "Withdraw the invitation of {email}?",
        "The invitation link stops working.",
    ),
}


@staff_required(CHANGE_ROLES)
def member_action(request, pk, action, email):
    customer = customer_or_404(pk)
    if action == "resend":
        invitation = get_object_or_404(customer.subuser_invitations, email=email, status="pending")
        invitations.resend_subuser_invitation(
            Actor.from_request(request),
            customer,
            invitation.email,
            accept_url_for=accept_url_builder(customer),
        )
        return action_succeeded(
            request, f"The invitation to {email} was sent again.", _back(customer)
        )
    if action not in ACTIONS:
        from django.http import Http404

        raise Http404
    if not (
        customer.subusers.filter(email=email).exists()
        or customer.subuser_invitations.filter(email=email).exists()
    ):
        from django.http import Http404

        raise Http404
    service, done, title, text = ACTIONS[action]
    error = None
    if request.method == "POST":
        try:
            service(Actor.from_request(request), customer, email)
        except PortalError as failure:
            error = failure.human_message
        else:
            return action_succeeded(request, done.format(email=email), _back(customer))
    context = {
        "customer": customer,
        "form": None,
        "error": error,
        "action_url": reverse("customers:subuser_action", args=[pk, action, email]),
        "spec": {
            "title": title.format(email=email),
            "text": text,
            "button": "Confirm",
            "typed": action == "remove",
        },
    }
    template = "customers/confirm.html#dialog" if request.htmx else "customers/confirm.html"
    return render(request, template, context)


@staff_required()
def activity(request, pk, subuser_pk):
    customer = customer_or_404(pk)
    member = _member(customer, subuser_pk)
    form = ActivityRangeForm.from_query(request.GET, 7)
    context = {"customer": customer, "form": form, "member": member}
    if form.is_valid():
        try:
            context["entries"] = services.subuser_activity(
                customer, member.email, form.cleaned_data["start"], form.cleaned_data["end"]
            )
        except PortalError as error:
            context["error"] = error.human_message
    context["today"] = datetime.date.today()
    return render(request, "subusers/staff_activity.html", context)
