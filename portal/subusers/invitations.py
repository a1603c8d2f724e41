"""Sub-user invitations: a branded email from the portal now, the sub-user when it is accepted.

e2 also holds a pending invite for the person, so it counts and lists them, but its link is
kept encrypted and never shown. Accepting cancels e2's invite and creates the sub-user with the
password chosen on the portal, so the person never sees the vendor's sign-up page.
"""

import logging
import smtplib
from collections.abc import Callable

from django.utils import timezone

from branding.emails import send_branded_email
from portal.accounts.invitations import InvitationAlreadyAccepted, InvitationNotUsable
from portal.audit.services import Actor, audited
from portal.e2.client import E2Client, open_client
from portal.e2.errors import AccountNonExistant, UserAlreadySignedup
from portal.e2.types import SubuserSettings
from portal.subusers import mirror
from portal.subusers.models import SubuserInvitation
from portal.subusers.services import (
    check_room_for,
    prepared_settings,
    settings_details,
)

logger = logging.getLogger(__name__)

Status = SubuserInvitation.Status
# Turns a plain invitation token into the absolute accept link, on the brand's own host.
AcceptUrlBuilder = Callable[[str], str]


def invite_subuser(
    actor: Actor,
    customer,
    settings: SubuserSettings,
    *,
    accept_url_for: AcceptUrlBuilder,
    first_name: str = "",
    last_name: str = "",
    client: E2Client | None = None,
) -> SubuserInvitation:
    """Invite a sub-user: e2 records a pending invite, the portal emails its own branded link.

    `accept_url_for(token)` builds the absolute accept link. If the email cannot be sent the
    invitation still stands, with `emailed_at` empty, and can be resent.
    """
    settings = prepared_settings(settings)
    email = settings.subuser_email
    check_room_for(customer, email)
    details = {**settings_details(settings), "first_name": first_name, "last_name": last_name}
    with (
        open_client(client) as e2,
        audited("subuser.invite", actor=actor, target=email, customer=customer, details=details),
    ):
        vendor_invite_url = e2.invite_subuser(customer.email, settings)

    invitation = SubuserInvitation(
        customer=customer,
        email=email,
        first_name=first_name,
        last_name=last_name,
        permissions=settings.permissions,
        is_admin=settings.is_admin,
        disable_delete_object=settings.disable_delete_object,
        idle_timeout=settings.idle_timeout,
        concurrent_sessions=settings.concurrent_sessions,
        allow_session_timeout_settings=settings.allow_session_timeout_settings,
        allow_concurrent_session_settings=settings.allow_concurrent_session_settings,
        storage_access=mirror.storage_access_as_json(settings.storage_access),
        vendor_invite_url=vendor_invite_url,
        invited_by=actor.user,
    )
    token = invitation.issue_token()
    invitation.save()
    mirror.record_settings(customer, settings, signed_up=False)
    email_invitation(invitation, token, accept_url_for)
    return invitation


def resend_subuser_invitation(
    actor: Actor, customer, email: str, *, accept_url_for: AcceptUrlBuilder
) -> SubuserInvitation:
    """Send a pending or expired invitation again: a new link (the old one stops working) and
    a new expiry date."""
    email = mirror.normalise_email(email)
    invitation = (
        customer.subuser_invitations.filter(
            email=email, status__in=[Status.PENDING, Status.EXPIRED]
        )
        .order_by("-created_at")
        .first()
    )
    if invitation is None:
        raise InvitationNotUsable(
            human_message="There is no open invitation for this email address. "
            "Invite the person again."
        )
    with audited("subuser.resend_invite", actor=actor, target=email, customer=customer):
        token = invitation.issue_token()
        invitation.save(update_fields=invitation.TOKEN_FIELDS)
    email_invitation(invitation, token, accept_url_for)
    return invitation


def send_subuser_invitation_email(
    invitation: SubuserInvitation, plain_token: str, accept_url: str
) -> None:
    """Email the invitation in the customer's brand, with the portal's accept link."""
    customer = invitation.customer
    send_branded_email(
        customer.brand,
        invitation.email,
        "subusers/email/invitation",
        {
            "invitation": invitation,
            "inviter_name": customer.name or customer.email,
            "accept_url": accept_url,
        },
    )


def email_invitation(invitation, token: str, accept_url_for: AcceptUrlBuilder) -> None:
    """Send the invitation email; a mail server failure leaves `emailed_at` empty."""
    try:
        send_subuser_invitation_email(invitation, token, accept_url_for(token))
    except (smtplib.SMTPException, OSError):
        logger.exception("sub-user invitation email not sent", extra={"invitation": invitation.pk})
        invitation.emailed_at = None
        invitation.save(update_fields=["emailed_at", "updated_at"])
        return
    invitation.emailed_at = timezone.now()
    invitation.sent_count += 1
    invitation.save(update_fields=["emailed_at", "sent_count", "updated_at"])


def invitation_for_token(plain_token: str) -> SubuserInvitation:
    """The pending, unexpired invitation of this token; else an InvitationNotUsable saying why."""
    return SubuserInvitation.for_token(
        plain_token, SubuserInvitation.objects.select_related("customer__brand")
    )


def accept_subuser_invitation(
    plain_token: str,
    password: str,
    first_name: str,
    last_name: str = "",
    *,
    actor: Actor | None = None,
    client: E2Client | None = None,
) -> SubuserInvitation:
    """The invited person chose a password: cancel e2's invite, create the sub-user with the
    invitation's settings, and mark the invitation accepted.

    A retry after a failure halfway (invite cancelled, create failed) goes straight to the
    create. If e2 says the person has signed up already, the invitation was used.
    """
    invitation = invitation_for_token(plain_token)
    customer = invitation.customer
    actor = actor or Actor(user=None, label=invitation.email)
    settings = invitation.subuser_settings()
    details = {
        "invitation": invitation.pk,
        "vendor_invite_cancelled_before": invitation.vendor_invite_cancelled_at is not None,
        **settings_details(settings),
    }
    try:
        with (
            open_client(client) as e2,
            audited(
                "subuser.accept_invite",
                actor=actor,
                target=invitation.email,
                customer=customer,
                details=details,
            ),
        ):
            if invitation.vendor_invite_cancelled_at is None:
                withdraw_vendor_invite(e2, invitation)
            e2.create_subuser(customer.email, settings, first_name, last_name, password)
    except UserAlreadySignedup:
        mark_accepted(invitation, first_name, last_name)
        raise InvitationAlreadyAccepted from None
    mark_accepted(invitation, first_name, last_name)
    mirror.record_settings(
        customer,
        settings,
        signed_up=True,
        is_active=True,
        first_name=first_name,
        last_name=last_name,
    )
    return invitation


def withdraw_vendor_invite(e2: E2Client, invitation: SubuserInvitation) -> None:
    """Cancel e2's pending invite (its link must never work) and note that it is done."""
    try:
        e2.cancel_subuser_invite(invitation.customer.email, invitation.email)
    except AccountNonExistant:
        pass  # already gone, e.g. an earlier attempt whose answer was lost
    invitation.vendor_invite_cancelled_at = timezone.now()
    invitation.vendor_invite_url = None
    invitation.save(update_fields=["vendor_invite_cancelled_at", "vendor_invite_url", "updated_at"])


def mark_accepted(invitation: SubuserInvitation, first_name: str, last_name: str) -> None:
    invitation.status = Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.first_name, invitation.last_name = first_name, last_name
    invitation.vendor_invite_url = None
    invitation.save(
        update_fields=[
            "status",
            "accepted_at",
            "first_name",
            "last_name",
            "vendor_invite_url",
            "updated_at",
        ]
    )


def cancel_subuser_invite(
    actor: Actor, customer, email: str, client: E2Client | None = None
) -> None:
    """Withdraw an invitation: the portal's (its link stops working) and e2's pending invite."""
    email = mirror.normalise_email(email)
    open_invitations = customer.subuser_invitations.filter(
        email=email, status__in=[Status.PENDING, Status.EXPIRED]
    )
    with (
        open_client(client) as e2,
        audited("subuser.cancel_invite", actor=actor, target=email, customer=customer),
    ):
        try:
            e2.cancel_subuser_invite(customer.email, email)
        except AccountNonExistant:
            # e2's invite is already gone (an accept that failed halfway): nothing left there.
            if not open_invitations.exists():
                raise
    open_invitations.update(
        status=Status.CANCELLED, vendor_invite_url=None, updated_at=timezone.now()
    )
    mirror.forget(customer, email, signed_up=False)
