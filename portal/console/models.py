from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from portal.e2 import limits

IDLE_TIMEOUT_MIN = 60
idle_timeout_validators = [
    MinValueValidator(IDLE_TIMEOUT_MIN),
    MaxValueValidator(limits.IDLE_TIMEOUT_MAX),
]


class SessionPolicy(models.Model):
    """The reseller's session controls for every customer console login (one row)."""

    idle_timeout = models.PositiveIntegerField(
        default=30 * 60,
        validators=idle_timeout_validators,
        help_text="Seconds without activity after which a customer is logged out.",
    )
    customers_may_set_idle_timeout = models.BooleanField(
        default=False, help_text="Each customer may choose their own timeout, up to 1 hour."
    )
    concurrent_sessions = models.BooleanField(
        default=True, help_text="Customers may be logged in on several browsers at once."
    )
    customers_may_change_concurrent_sessions = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "session policy"

    def __str__(self):
        return "Customer session policy"

    @classmethod
    def current(cls) -> "SessionPolicy":
        policy, _ = cls.objects.get_or_create(pk=1)
        return policy


class CustomerSessionSettings(models.Model):
    """One customer's own session choices, and the reseller's setting for this account."""

    customer = models.OneToOneField(
        "customers.Customer", on_delete=models.CASCADE, related_name="session_settings"
    )
    idle_timeout = models.PositiveIntegerField(
        null=True, blank=True, validators=idle_timeout_validators, help_text="Their own choice."
    )
    concurrent_sessions = models.BooleanField(null=True, blank=True, help_text="Their own choice.")
    concurrent_sessions_override = models.BooleanField(
        null=True, blank=True, help_text="Set by the reseller for this account only."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "customer session settings"

    def __str__(self):
        return f"Session settings of {self.customer}"
