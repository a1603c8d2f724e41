"""Staff who forgot their password ask for a link on the login page.

The answer is the same whether or not the address belongs to anyone. Active staff get the
same set-password link an owner can send them (a StaffInvitation, checked by the
set-password page), on the portal's own host; anyone else gets nothing. Every request is
audited, and one address asking from one client address is throttled as logging in is
(AXES_FAILURE_LIMIT requests per AXES_COOLOFF_TIME, counted from the audit records, which
every web process shares).
"""

import logging

from django.conf import settings
from django.utils import timezone

from portal.accounts.emails import portal_url, send_staff_email
from portal.accounts.models import StaffInvitation, User
from portal.accounts.staff import set_password_path
from portal.audit.models import AuditRecord
from portal.audit.services import Actor, audited
from portal.errors import PortalRefusal

logger = logging.getLogger(__name__)

ACTION = "staff.forgot_password"
NEUTRAL_ANSWER = (
    "If this address belongs to an active staff account, a link to choose a new password is "
    "on its way to it. Check your inbox; the link works for a few days."
)


class TooManyRequests(PortalRefusal):
    code = "throttled"

    def __init__(self):
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        super().__init__(f"Too many requests. Please wait {minutes} minutes and try again.")


def is_throttled(email: str, ip_address: str | None) -> bool:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = AuditRecord.objects.filter(
        action=ACTION, target=email[:255], ip_address=ip_address, started_at__gte=since
    )
    return recent.count() >= settings.AXES_FAILURE_LIMIT


def request_set_password_link(email: str, *, ip_address: str | None) -> None:
    """Email ``email`` a set-password link if it is an active staff member's; audited. Raises
    TooManyRequests when this address asked too often from this client address."""
    email = email.strip().lower()
    if is_throttled(email, ip_address):
        raise TooManyRequests
    member = User.objects.filter(
        email__iexact=email, is_active=True, role__in=User.STAFF_ROLES
    ).first()
    actor = Actor(user=None, label="anonymous (forgot password)", ip_address=ip_address)
    try:
        with audited(ACTION, actor=actor, target=email, details={"sent": member is not None}):
            if member is not None:
                _send_link(member)
    except Exception:
        # The answer stays the same: a failure must not tell that the account exists.
        logger.exception("set-password link not sent")


def _send_link(member: User) -> None:
    # One open link per member, as when an owner sends one: a new one replaces the pending
    # link's token.
    invitation = member.staff_invitations.filter(
        status=StaffInvitation.Status.PENDING
    ).first() or StaffInvitation(user=member)
    token = invitation.issue_token()
    invitation.sent_count += 1
    invitation.save()
    context = {"set_password_url": portal_url(set_password_path(member, token))}
    send_staff_email(member, "accounts/email/forgot_password", context)
