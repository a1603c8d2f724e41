from django.conf import settings
from django.db import models


class ResellerSettings(models.Model):
    """The owner's choices for the whole portal. One row; ``load()`` reads it."""

    SINGLETON_ID = 1

    default_quota_gb = models.PositiveBigIntegerField(
        "default quota (GB)",
        default=100,
        help_text="Offered when a customer is created or invited. 0 means unlimited.",
    )
    require_two_factor = models.BooleanField(
        "require two-factor for all staff",
        default=False,
        help_text="Staff without two-factor must set it up before they can use the console.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "reseller settings"
        verbose_name_plural = "reseller settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="reseller_settings_singleton")
        ]

    def __str__(self):
        return "Reseller settings"

    @classmethod
    def load(cls) -> "ResellerSettings":
        """The settings row, or the defaults (unsaved) before anyone changed them."""
        return cls.objects.filter(pk=cls.SINGLETON_ID).first() or cls(pk=cls.SINGLETON_ID)


def two_factor_required() -> bool:
    """Whether the owner made two-factor mandatory for all staff (read fresh every time)."""
    return ResellerSettings.objects.filter(
        pk=ResellerSettings.SINGLETON_ID, require_two_factor=True
    ).exists()
