from django.db import models


class UsageDay(models.Model):
    """One day of a customer's storage use and transfer, in bytes, as e2 reported it.

    Charts and reports read these rows, never e2. The sync upserts them, so running it twice
    changes nothing.
    """

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="usage_days"
    )
    date = models.DateField()
    disk_used = models.BigIntegerField(default=0)
    uploads = models.BigIntegerField(default=0)
    downloads = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["customer", "date"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "date"], name="one_usage_row_per_day")
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.customer} {self.date}"


class SyncRun(models.Model):
    """One run of the usage sync: what it did, how long it took and what went wrong."""

    class State(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        PARTIAL = "partial", "Finished with errors"
        FAILED = "failed", "Failed"
        INTERRUPTED = "interrupted", "Interrupted"

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Schedule"
        OPS = "ops", "Ops staff"

    state = models.CharField(max_length=16, choices=State.choices, default=State.RUNNING)
    trigger = models.CharField(max_length=16, choices=Trigger.choices, default=Trigger.SCHEDULE)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    mirror_created = models.PositiveIntegerField(default=0)
    mirror_updated = models.PositiveIntegerField(default=0)
    mirror_removed = models.PositiveIntegerField(default=0)
    customers_total = models.PositiveIntegerField(default=0)
    customers_synced = models.PositiveIntegerField(default=0)
    customers_failed = models.PositiveIntegerField(default=0)
    days_written = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"Usage sync {self.started_at:%Y-%m-%d %H:%M} ({self.get_state_display()})"

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)


class QuotaAlert(models.Model):
    """A customer crossed the quota threshold; open until their use falls back below it.

    One row per crossing, so the reseller gets one email per crossing, not one a night.
    """

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="quota_alerts"
    )
    threshold_percent = models.PositiveSmallIntegerField()
    used_percent = models.FloatField()
    crossed_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-crossed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "threshold_percent"],
                condition=models.Q(cleared_at__isnull=True),
                name="one_open_quota_alert",
            )
        ]

    def __str__(self):
        return f"{self.customer} over {self.threshold_percent}%"
