"""The one base of every invitation: customers, team members (sub-users) and staff.

An invitation is an emailed link with a random token. The database keeps only the token's
SHA-256, so its rows cannot be turned back into working links. A link works while its
invitation is pending and unexpired; otherwise the lookup raises the `InvitationNotUsable`
that says why, with a sentence for the person who followed it.
"""

import datetime
import hashlib
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.errors import PortalError


class InvitationNotUsable(PortalError):
    """The invitation link cannot be used (unknown, expired, cancelled or used already)."""

    code = "invitation_not_usable"
    human_message = "This invitation link is not valid. Ask for a new invitation."


class InvitationExpired(InvitationNotUsable):
    code = "invitation_expired"
    human_message = "This invitation has expired. Ask for a new invitation."


class InvitationCancelled(InvitationNotUsable):
    code = "invitation_cancelled"
    human_message = "This invitation was withdrawn. Ask for a new invitation if you need one."


class InvitationAlreadyAccepted(InvitationNotUsable):
    code = "invitation_already_accepted"
    human_message = "This invitation has already been used. Sign in with the password you chose."


def hash_token(token: str) -> str:
    """The SHA-256 of a plain token: all the database keeps of it."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    CANCELLED = "cancelled", "Cancelled"
    EXPIRED = "expired", "Expired"


def one_pending_invitation(*fields: str, name: str) -> models.UniqueConstraint:
    """The constraint that allows one pending invitation per value of `fields`."""
    return models.UniqueConstraint(fields=fields, condition=models.Q(status="pending"), name=name)


class AbstractInvitation(models.Model):
    """The token, status and expiry that customer, team-member and staff invitations share.

    A subclass names the setting that holds its lifetime in days (`lifetime_setting`).
    """

    Status = InvitationStatus
    # Fields a new token changes, for save(update_fields=...).
    TOKEN_FIELDS: ClassVar[tuple[str, ...]] = ("token_hash", "status", "expires_at", "updated_at")

    lifetime_setting: ClassVar[str]
    # True where pages list expired invitations apart from pending ones (the team page); the
    # staff's customer list shows pending ones with an "expired" badge, so they stay pending.
    keeps_expired_status: ClassVar[bool] = False

    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField()
    sent_count = models.PositiveIntegerField(default=0)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @classmethod
    def lifetime(cls) -> datetime.timedelta:
        """How long a new link works, from the subclass's setting."""
        return datetime.timedelta(days=getattr(settings, cls.lifetime_setting))

    def issue_token(self) -> str:
        """Give the invitation a new link that works for a full lifetime; an earlier link stops
        working. Returns the plain token, which is never stored; the caller saves."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.status = self.Status.PENDING
        self.expires_at = timezone.now() + self.lifetime()
        return token

    @property
    def is_expired(self) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.PENDING and self.expires_at <= timezone.now()
        )

    @classmethod
    def for_token(cls, token: str, queryset: models.QuerySet | None = None):
        """The invitation of this plain token while its link works, from `queryset` (default:
        all of them); else the InvitationNotUsable that says why."""
        invitations = cls._default_manager.all() if queryset is None else queryset
        invitation = invitations.filter(token_hash=hash_token(token)).first()
        if invitation is None:
            raise InvitationNotUsable
        invitation.check_usable()
        return invitation

    def check_usable(self) -> None:
        """Raise the InvitationNotUsable that says why this link no longer works, if it does not."""
        if self.status == self.Status.ACCEPTED:
            raise InvitationAlreadyAccepted
        if self.status == self.Status.CANCELLED:
            raise InvitationCancelled
        if self.is_expired:
            if self.keeps_expired_status and self.status != self.Status.EXPIRED:
                self.status = self.Status.EXPIRED
                self.save(update_fields=["status", "updated_at"])
            raise InvitationExpired
