"""Staff management, for owners: who works in the console and with which role."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.accounts import staff
from portal.accounts.forms import StaffInviteForm, StaffRoleForm
from portal.accounts.models import User
from portal.accounts.permissions import OWNER_ROLES, staff_required
from portal.accounts.two_factor import user_ids_with_two_factor
from portal.audit.services import Actor
from portal.responses import action_succeeded


def _member(pk) -> User:
    return get_object_or_404(User, pk=pk, role__in=User.STAFF_ROLES)


@staff_required(OWNER_ROLES)
@require_safe
def staff_list(request):
    members, invited = [], []
    for member in staff.staff_members().prefetch_related("staff_invitations"):
        # Invited: a login that never chose a password. They are listed apart, once.
        if member.is_active and not member.has_usable_password():
            member.invitation = max(
                member.staff_invitations.all(), key=lambda link: link.created_at, default=None
            )
            invited.append(member)
        else:
            members.append(member)
    context = {
        "tab": "staff",
        "members": members,
        "invited": invited,
        "with_two_factor": user_ids_with_two_factor(),
        "role_choices": StaffRoleForm.base_fields["role"].choices,
    }
    return render(request, "accounts/staff/list.html", context)


@staff_required(OWNER_ROLES)
def invite(request):
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = staff.invite_staff(Actor.from_request(request), **form.cleaned_data)
        messages.success(request, f"{member.email} was invited and emailed a link to log in.")
        return redirect("reseller:staff")
    return render(request, "accounts/staff/invite.html", {"tab": "staff", "form": form})


def _staff_change(change):
    """Run a staff change; a refused one becomes an error message instead of a change."""

    def view(request, pk):
        member = _member(pk)
        try:
            message = change(request, member)
        except staff.StaffChangeRefused as refusal:
            messages.error(request, str(refusal))
        else:
            if message:
                messages.success(request, message)
        return redirect("reseller:staff")

    view.__name__ = change.__name__
    view.__doc__ = change.__doc__
    return staff_required(OWNER_ROLES)(require_POST(view))


@_staff_change
def change_role(request, member):
    form = StaffRoleForm(request.POST)
    if not form.is_valid():
        raise staff.StaffChangeRefused("Choose owner, admin or support.")
    role = form.cleaned_data["role"]
    staff.change_staff_role(Actor.from_request(request), member, role)
    return f"{member.email} is now {User.Role(role).label.lower()}."


def _person(member: User) -> str:
    name = member.get_full_name()
    return f"{name} ({member.email})" if name else member.email


CONFIRMATIONS = {
    "deactivate": {
        "title": "Deactivate {person}?",
        "text": "They are logged out of every session now and can no longer log in. "
        "Their audit history stays, and an owner can reactivate them later.",
        "button": "Deactivate",
        "danger": True,
    },
    "reset_two_factor": {
        "title": "Reset two-factor of {person}?",
        "text": "Their authenticator and backup codes are removed and they are logged out of "
        "every session. They set up two-factor again at their next login where it is required.",
        "button": "Reset two-factor",
        "danger": True,
    },
    "withdraw": {
        "title": "Withdraw the invitation of {person}?",
        "text": "Their link to choose a password stops working and they leave the staff list. "
        "You can invite them again later.",
        "button": "Withdraw the invitation",
        "danger": True,
    },
}


def _confirmed_change(action, change):
    """A staff change that asks first: GET shows the confirmation (in the dialog with htmx),
    POST makes the change and goes back to the list with its message."""

    def view(request, pk):
        member = _member(pk)
        error = None
        if request.method == "POST":
            try:
                message = change(request, member)
            except staff.StaffChangeRefused as refusal:
                if not request.htmx:
                    messages.error(request, str(refusal))
                    return redirect("reseller:staff")
                error = str(refusal)
            else:
                return action_succeeded(request, message, reverse("reseller:staff"))
        spec = CONFIRMATIONS[action]
        context = {
            "tab": "staff",
            "member": member,
            "error": error,
            "spec": {**spec, "title": spec["title"].format(person=_person(member))},
            "action_url": request.path,
        }
        template = (
            "accounts/staff/confirm.html#dialog" if request.htmx else "accounts/staff/confirm.html"
        )
        return render(request, template, context, status=400 if error else 200)

    view.__name__ = change.__name__
    view.__doc__ = change.__doc__
    return staff_required(OWNER_ROLES)(require_http_methods(["GET", "HEAD", "POST"])(view))


def deactivate_change(request, member):
    """Deactivate a staff member: their sessions end and they can no longer log in."""
    staff.deactivate_staff(Actor.from_request(request), member)
    return f"{member.email} was deactivated: they can no longer log in and their sessions ended."


def withdraw_change(request, member):
    """Withdraw the invitation of a staff member who has not chosen a password yet."""
    staff.withdraw_staff_invitation(Actor.from_request(request), member)
    return f"The invitation of {member.email} was withdrawn."


def reset_two_factor_change(request, member):
    """Remove a staff member's two-factor and log them out everywhere."""
    staff.reset_staff_two_factor(Actor.from_request(request), member)
    return f"Two-factor was removed for {member.email}; they were logged out."


deactivate = _confirmed_change("deactivate", deactivate_change)
reset_two_factor = _confirmed_change("reset_two_factor", reset_two_factor_change)
withdraw_invitation = _confirmed_change("withdraw", withdraw_change)


@_staff_change
def reactivate(request, member):
    staff.reactivate_staff(Actor.from_request(request), member)
    return f"{member.email} can log in again."


@_staff_change
def send_link(request, member):
    staff.send_set_password_link(Actor.from_request(request), member)
    return f"A link to choose a password was emailed to {member.email}."
