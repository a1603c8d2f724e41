from django.conf import settings
from django.db import models


class AuditRecord(models.Model):
    """One mutating operation: who asked for what, on what, when, and how it ended.

    Written as *pending* before the call to e2 and finished after it, so a crash in between
    leaves a visible record whose outcome nobody knows.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", "In progress"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        UNKNOWN = "unknown", "Outcome unknown"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_records",
    )
    actor_label = models.CharField(max_length=255, help_text="Who, as they were at the time.")
    action = models.CharField(max_length=64, db_index=True)
    target = models.CharField(max_length=255, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_records",
    )
    customer_email = models.EmailField(max_length=255, blank=True, db_index=True)
    details = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, default=Outcome.PENDING, db_index=True
    )
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["outcome", "started_at"])]

    def __str__(self):
        return f"{self.action} {self.target} by {self.actor_label}: {self.outcome}"

    @property
    def needs_attention(self) -> bool:
        return self.outcome in (self.Outcome.FAILED, self.Outcome.UNKNOWN, self.Outcome.PENDING)
