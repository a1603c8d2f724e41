"""Customer invitations: a branded email now, the e2 account when the customer accepts."""

from branding.emails import send_branded_email
from branding.links import console_url
from portal.audit.services import Actor, audited
from portal.customers.models import Customer, Invitation
from portal.customers.services import create_customer


def _send_invitation(invitation, token: str) -> None:
    send_branded_email(
        invitation.brand,
        invitation.email,
        "emails/invitation",
        {
            "invitation": invitation,
            "accept_url": console_url(invitation.brand, f"/console/invitation/{token}/"),
        },
    )


def invite_customer(
    actor: Actor,
    *,
    brand,
    email: str,
    first_name: str,
    last_name: str = "",
    quota_gb: int = 0,
    regions: list[str] = (),
):
    """Email a branded invitation; the e2 account is created when it is accepted."""
    email = email.strip().lower()
    invitation = Invitation(
        brand=brand,
        email=email,
        first_name=first_name,
        last_name=last_name,
        quota_gb=quota_gb,
        regions=list(regions),
        sent_count=1,
        invited_by=actor.user,
    )
    token = invitation.issue_token()
    with audited("customer.invite", actor=actor, target=email, details={"email": email}):
        invitation.save()
        _send_invitation(invitation, token)
    return invitation


def resend_invitation(actor: Actor, invitation):
    """A new link (the old one stops working) and a fresh expiry date."""
    with audited("customer.invite_resend", actor=actor, target=invitation.email):
        token = invitation.issue_token()
        invitation.sent_count += 1
        invitation.save(update_fields=[*invitation.TOKEN_FIELDS, "sent_count"])
        _send_invitation(invitation, token)
    return invitation


def cancel_invitation(actor: Actor, invitation) -> None:
    """Withdraw an invitation: its link stops working."""
    with audited("customer.invite_cancel", actor=actor, target=invitation.email):
        invitation.status = invitation.Status.CANCELLED
        invitation.save(update_fields=["status", "updated_at"])


def invitation_for_token(token: str) -> Invitation:
    """The pending, unexpired invitation with this token, else an InvitationNotUsable."""
    return Invitation.for_token(token, Invitation.objects.select_related("brand"))


def accept_invitation(token: str, password: str) -> Customer:
    """The invited customer chose a password: now the e2 account is created."""
    invitation = invitation_for_token(token)
    customer = create_customer(
        Actor(user=None, label=invitation.email),
        brand=invitation.brand,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        password=password,
        quota_gb=invitation.quota_gb,
        regions=invitation.regions,
    )
    invitation.status, invitation.customer = invitation.Status.ACCEPTED, customer
    invitation.save(update_fields=["status", "customer", "updated_at"])
    return customer
