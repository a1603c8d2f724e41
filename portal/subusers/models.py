import math

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.defaultfilters import pluralize

from portal.accounts.invitations import AbstractInvitation, one_pending_invitation
from portal.e2 import limits
from portal.e2.types import StorageAccess, SubuserSettings
from portal.encryption import EncryptedTextField

PERMISSION_CHOICES = sorted(limits.PERMISSIONS.items())


def idle_timeout_text(seconds: int) -> str:
    """An idle timeout in the unit it is entered in: "30 minutes", "1 hour"."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{pluralize(hours)}"
    return f"{minutes} minute{pluralize(minutes)}"


class SubuserSettingsFields(models.Model):
    """The settings of a sub-user that e2 keeps, shared by invitations and the mirror.

    `storage_access` is a list of {storage_dn, buckets}; an empty list means every bucket.
    """

    permissions = models.PositiveSmallIntegerField(
        choices=PERMISSION_CHOICES, default=limits.PERMISSION_READ_WRITE
    )
    is_admin = models.BooleanField(default=False)
    disable_delete_object = models.BooleanField(default=False)
    idle_timeout = models.PositiveIntegerField(
        default=limits.IDLE_TIMEOUT_MAX,
        validators=[
            MinValueValidator(limits.IDLE_TIMEOUT_MIN),
            MaxValueValidator(limits.IDLE_TIMEOUT_MAX),
        ],
        help_text="Idle session timeout, in seconds.",
    )
    concurrent_sessions = models.BooleanField(default=True)
    allow_session_timeout_settings = models.BooleanField(default=False)
    allow_concurrent_session_settings = models.BooleanField(default=False)
    storage_access = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    @property
    def idle_timeout_text(self) -> str:
        return idle_timeout_text(self.idle_timeout)

    def subuser_settings(self) -> SubuserSettings:
        """These settings as the e2 client sends them."""
        return SubuserSettings(
            subuser_email=self.email,
            permissions=self.permissions,
            is_admin=self.is_admin,
            disable_delete_object=self.disable_delete_object,
            idle_timeout=self.idle_timeout,
            concurrent_sessions=self.concurrent_sessions,
            allow_session_timeout_settings=self.allow_session_timeout_settings,
            allow_concurrent_session_settings=self.allow_concurrent_session_settings,
            storage_access=tuple(
                StorageAccess(entry["storage_dn"], tuple(entry["buckets"]))
                for entry in self.storage_access
            )
            or None,
        )


class SubuserInvitation(SubuserSettingsFields, AbstractInvitation):
    """The portal's own invitation of a sub-user, sent by email in the customer's brand.

    e2 also holds a pending invite (so it counts and lists the person), but its link is never
    shown: accepting here cancels that invite and creates the sub-user with the chosen password.
    """

    lifetime_setting = "SUBUSER_INVITATION_DAYS"
    keeps_expired_status = True

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="subuser_invitations"
    )
    email = models.EmailField(max_length=limits.EMAIL_MAX)
    first_name = models.CharField(max_length=limits.FIRST_NAME_MAX, blank=True)
    last_name = models.CharField(max_length=limits.LAST_NAME_MAX, blank=True)
    emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty when the last email could not be sent."
    )
    vendor_invite_url = EncryptedTextField(blank=True, null=True)
    # Set once accepting has withdrawn e2's invite, so a retry goes straight to creating.
    vendor_invite_cancelled_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta(AbstractInvitation.Meta):
        constraints = [
            one_pending_invitation(
                "customer", "email", name="one_pending_subuser_invitation_per_email"
            )
        ]

    def __str__(self):
        return f"{self.email} ({self.get_status_display()})"


class Subuser(SubuserSettingsFields):
    """The local mirror of one e2 sub-user of a customer, invited or signed up.

    Holds only what e2 confirmed, so lists and the "N of 25" counter render from the database.
    """

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="subusers"
    )
    email = models.EmailField(max_length=limits.EMAIL_MAX)
    first_name = models.CharField(max_length=limits.FIRST_NAME_MAX, blank=True)
    last_name = models.CharField(max_length=limits.LAST_NAME_MAX, blank=True)
    signed_up = models.BooleanField(default=False)
    is_active = models.BooleanField(
        null=True, blank=True, help_text="Unknown when e2 does not say."
    )
    synced_at = models.DateTimeField()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "email"], name="one_subuser_per_email")
        ]

    def __str__(self):
        return self.email

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def status(self) -> str:
        if not self.signed_up:
            return "invited"
        return "disabled" if self.is_active is False else "active"
