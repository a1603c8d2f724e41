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
    chunks_total = models.PositiveIntegerField(default=0)
    chunks_done = models.PositiveIntegerField(default=0)

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


class SyncChunk(models.Model):
    """One slice of a run's customers, fetched by one task within the task time limit.

    The run's chunks are worked one after the other (so one rate limit holds for the whole
    run); a chunk stopped by its time budget hands the customers it did not reach to a new
    chunk of the same run, and a chunk run again after a crash skips the customers this run
    has already synced.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        CUT_OFF = "cut_off", "Cut off (rest handed on)"

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    customer_ids = models.JSONField(default=list)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    customers_synced = models.PositiveIntegerField(default=0)
    customers_failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="one_chunk_number_per_run")
        ]

    def __str__(self):
        return f"{self.run} chunk {self.number} ({self.get_state_display()})"


class CustomerSync(models.Model):
    """Where the usage sync stands for one customer: the order of the next run (the longest
    unsynced first) and the day its next fetch starts from, without scanning usage rows."""

    customer = models.OneToOneField(
        "customers.Customer",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="usage_sync",
    )
    synced_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_day = models.DateField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.customer_id} synced {self.synced_at}"
