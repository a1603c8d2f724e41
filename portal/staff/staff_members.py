"""Staff management, for owners: who works in the console and with which role."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from portal.accounts import staff
from portal.accounts.forms import StaffInviteForm, StaffRoleForm
from portal.accounts.models import User
from portal.accounts.permissions import OWNER_ROLES, staff_required
from portal.accounts.two_factor import user_ids_with_two_factor
from portal.audit.services import Actor


def _member(pk) -> User:
    return get_object_or_404(User, pk=pk, role__in=User.STAFF_ROLES)


@staff_required(OWNER_ROLES)
@require_safe
def staff_list(request):
    context = {
        "tab": "staff",
        "members": staff.staff_members(),
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


@_staff_change
def deactivate(request, member):
    staff.deactivate_staff(Actor.from_request(request), member)
    return f"{member.email} can no longer log in; their sessions ended."


@_staff_change
def reactivate(request, member):
    staff.reactivate_staff(Actor.from_request(request), member)
    return f"{member.email} can log in again."


@_staff_change
def reset_two_factor(request, member):
    staff.reset_staff_two_factor(Actor.from_request(request), member)
    return f"Two-factor was removed for {member.email}; they were logged out."


@_staff_change
def send_link(request, member):
    staff.send_set_password_link(Actor.from_request(request), member)
    return f"A link to choose a password was emailed to {member.email}."
