from django.conf import settings
from django.db import models

from portal.accounts.invitations import AbstractInvitation, one_pending_invitation
from portal.units import GB


class CustomerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, is_signed_up=True)

    def disabled(self):
        return self.filter(is_active=False)

    def pending_invite(self):
        return self.filter(is_signed_up=False)


def customer_or_404(pk) -> "Customer":
    """The customer a staff page is about, with what every such page shows of it."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Customer.objects.select_related("brand", "user"), pk=pk)


class Customer(models.Model):
    """An end customer: the local mirror of one e2 user account, and their console login.

    The mirror records only what e2 has confirmed; ``synced_at`` says when it last did.
    """

    brand = models.ForeignKey("branding.Brand", on_delete=models.PROTECT, related_name="customers")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="customer",
    )
    email = models.EmailField(max_length=255, unique=True)
    first_name = models.CharField(max_length=64)
    last_name = models.CharField(max_length=64, blank=True)
    is_active = models.BooleanField(default=True)
    is_signed_up = models.BooleanField(default=True)
    quota_gb = models.PositiveIntegerField(default=0, help_text="0 means unlimited.")
    storage_used_bytes = models.BigIntegerField(default=0)
    e2_created_at = models.DateTimeField(null=True, blank=True)
    synced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CustomerQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        indexes = [
            models.Index(fields=["is_active", "is_signed_up"]),
            models.Index(fields=["e2_created_at"]),
            models.Index(fields=["storage_used_bytes"]),
        ]

    def __str__(self):
        return self.email

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def status(self) -> str:
        if not self.is_signed_up:
            return "invited"
        return "active" if self.is_active else "disabled"

    @property
    def quota_bytes(self) -> int:
        # Decimal GB, as quotas are sold and billed (portal.units).
        return self.quota_gb * GB

    @property
    def quota_used_percent(self) -> float | None:
        if not self.quota_gb:
            return None
        return min(100.0, 100.0 * self.storage_used_bytes / self.quota_bytes)


class Invitation(AbstractInvitation):
    """A customer invited by email who has not yet chosen a password.

    The e2 account is created only when the invitation is accepted on the branded site.
    Only a hash of the token is kept; the token itself is in the emailed link alone.
    """

    lifetime_setting = "CUSTOMER_INVITATION_DAYS"

    brand = models.ForeignKey("branding.Brand", on_delete=models.PROTECT, related_name="+")
    email = models.EmailField(max_length=255)
    first_name = models.CharField(max_length=64)
    last_name = models.CharField(max_length=64, blank=True)
    quota_gb = models.PositiveIntegerField(default=0)
    regions = models.JSONField(default=list, blank=True)
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(AbstractInvitation.Meta):
        constraints = [one_pending_invitation("email", name="one_pending_invitation_per_email")]

    def __str__(self):
        return f"Invitation for {self.email} ({self.status})"


from portal.customers.support_models import SupportView  # noqa: E402, F401  (registers the model)
