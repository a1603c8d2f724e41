"""Managing reseller staff: invitations, roles, deactivation, two-factor resets.

An invitation, or a fresh link an owner sends later, is a `StaffInvitation`: the same token,
expiry and status as customer and team-member invitations. Its link leads to the set-password
page, which checks it with `set_password_links`.

The portal always keeps at least one active owner: the last one can be neither demoted nor
deactivated. The check locks the owners' rows, so two owners demoting each other at the same
moment cannot both succeed.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal.accounts.emails import portal_url, send_staff_email
from portal.accounts.invitations import InvitationNotUsable
from portal.accounts.models import StaffInvitation, User
from portal.accounts.sessions import end_all_sessions
from portal.accounts.two_factor import remove_two_factor
from portal.audit.services import Actor, audited
from portal.errors import PortalRefusal


class StaffChangeRefused(PortalRefusal):
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
        _send_set_password_link(member, actor=actor)
    return member


def send_set_password_link(actor: Actor, member: User) -> None:
    """Email a staff member a fresh link to choose a new password; an earlier one stops working."""
    with audited("staff.set_password_link", actor=actor, target=member.email):
        _send_set_password_link(member, actor=actor)


def set_password_path(member: User, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    return reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})


def _send_set_password_link(member: User, *, actor: Actor) -> None:
    # One open link per member: a new one replaces the pending link's token.
    invitation = member.staff_invitations.filter(
        status=StaffInvitation.Status.PENDING
    ).first() or StaffInvitation(user=member, invited_by=actor.user)
    token = invitation.issue_token()
    invitation.sent_count += 1
    invitation.save()
    context = {
        "set_password_url": portal_url(set_password_path(member, token)),
        "invited_by": actor.label,
        "first_time": not member.has_usable_password(),
    }
    send_staff_email(member, "accounts/email/staff_invitation", context)


class SetPasswordLinks:
    """The token check of the set-password page (it takes the place of Django's password-reset
    tokens): a link works while its staff invitation is usable and belongs to the member."""

    def check_token(self, member: User, token: str | None) -> bool:
        try:
            invitation = StaffInvitation.for_token(token or "")
        except InvitationNotUsable:
            return False
        return invitation.user_id == member.pk


set_password_links = SetPasswordLinks()


def accept_staff_invitation(member: User) -> None:
    """The member chose a password: their link stops working."""
    member.staff_invitations.filter(status=StaffInvitation.Status.PENDING).update(
        status=StaffInvitation.Status.ACCEPTED, updated_at=timezone.now()
    )


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


def withdraw_staff_invitation(actor: Actor, member: User) -> None:
    """Withdraw the invitation of someone who has not chosen a password yet: their link stops
    working and their login is removed, so the address can be invited again later."""
    if member.has_usable_password():
        raise StaffChangeRefused(f"{member.email} has already joined. Deactivate them instead.")
    with (
        audited("staff.withdraw_invite", actor=actor, target=member.email),
        transaction.atomic(),
    ):
        _keep_an_owner(member)
        member.delete()
