"""Managing reseller staff: invitations, roles, deactivation, two-factor resets.

The portal always keeps at least one active owner: the last one can be neither demoted nor
deactivated. The check locks the owners' rows, so two owners demoting each other at the same
moment cannot both succeed.
"""

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal.accounts.emails import portal_url, send_staff_email
from portal.accounts.models import User
from portal.accounts.sessions import end_all_sessions
from portal.accounts.two_factor import remove_two_factor
from portal.audit.services import Actor, audited


class StaffChangeRefused(Exception):
    """A staff change that would break a rule; ``str()`` is the sentence for the owner."""


class LastOwner(StaffChangeRefused):
    def __init__(self):
        super().__init__(
            "The portal needs at least one active owner. Make someone else an owner first."
        )


class OwnAccount(StaffChangeRefused):
    def __init__(self):
        super().__init__("You cannot do this to your own account here. Ask another owner.")


def staff_members():
    return User.objects.filter(role__in=User.STAFF_ROLES).order_by("-is_active", "email")


def invite_staff(actor: Actor, *, email: str, first_name: str, last_name: str, role: str) -> User:
    """Create a staff login without a password and email a link to choose one."""
    with audited("staff.invite", actor=actor, target=email, details={"role": role}):
        member = User.objects.create_user(
            email, password=None, first_name=first_name, last_name=last_name, role=role
        )
        _send_set_password_link(member, invited_by=actor.label)
    return member


def send_set_password_link(actor: Actor, member: User) -> None:
    """Email a staff member a fresh link to choose a new password."""
    with audited("staff.set_password_link", actor=actor, target=member.email):
        _send_set_password_link(member, invited_by=actor.label)


def set_password_path(member: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    return reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})


def _send_set_password_link(member: User, *, invited_by: str) -> None:
    context = {
        "set_password_url": portal_url(set_password_path(member)),
        "invited_by": invited_by,
        "first_time": not member.has_usable_password(),
    }
    send_staff_email(member, "accounts/email/staff_invitation", context)


def change_staff_role(actor: Actor, member: User, role: str) -> None:
    if role not in User.STAFF_ROLES:
        raise StaffChangeRefused("Choose owner, admin or support.")
    # Owners may step down themselves, as long as another owner remains.
    with transaction.atomic():
        if role != User.Role.OWNER:
            _keep_an_owner(member)
        with audited(
            "staff.role",
            actor=actor,
            target=member.email,
            details={"from": member.role, "to": role},
        ):
            member.role = role
            member.save(update_fields=["role"])


def deactivate_staff(actor: Actor, member: User) -> int:
    """Stop a staff member logging in and end their sessions; returns how many ended."""
    _refuse_own_account(actor, member)
    with transaction.atomic():
        _keep_an_owner(member)
        with audited("staff.deactivate", actor=actor, target=member.email):
            member.is_active = False
            member.save(update_fields=["is_active"])
    return end_all_sessions(member)


def reactivate_staff(actor: Actor, member: User) -> None:
    with audited("staff.reactivate", actor=actor, target=member.email):
        member.is_active = True
        member.save(update_fields=["is_active"])


def reset_staff_two_factor(actor: Actor, member: User) -> int:
    """Remove a staff member's two-factor (a lost phone) and log them out everywhere, so
    their next login sets it up again when it is required."""
    _refuse_own_account(actor, member)
    remove_two_factor(actor, member, action="staff.two_factor_reset")
    return end_all_sessions(member)


def _refuse_own_account(actor: Actor, member: User) -> None:
    if actor.user is not None and actor.user.pk == member.pk:
        raise OwnAccount


def _keep_an_owner(member: User) -> None:
    """Refuse, inside the caller's transaction, to take away the last active owner."""
    owners = list(
        User.objects.select_for_update()
        .filter(role=User.Role.OWNER, is_active=True)
        .values_list("pk", flat=True)
    )
    if member.pk in owners and len(owners) <= 1:
        raise LastOwner
