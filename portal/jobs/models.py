from django.conf import settings
from django.db import models
from django.utils import timezone

from portal.encryption import EncryptedTextField


class Job(models.Model):
    """One piece of background work and the truth about its progress.

    The Celery task only moves this row forward, so the page, the admin and a retry all read
    the same thing. The private key and passphrase exist (encrypted) only while the job may
    still need them; they are wiped when it ends.
    """

    class Kind(models.TextChoices):
        CNAME_ADD = "cname_add", "Attach a custom domain"
        CNAME_UPDATE = "cname_update", "Replace a custom domain"
        CNAME_REMOVE = "cname_remove", "Detach a custom domain"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    ENDED_STATES = (State.SUCCEEDED, State.FAILED, State.CANCELLED)

    kind = models.CharField(max_length=32, choices=Kind.choices)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.SET_NULL, null=True, related_name="jobs"
    )
    storage = models.ForeignKey(
        "storage.Storage", on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs"
    )
    target = models.CharField(max_length=255, help_text="What the job works on, for people.")
    # The domain to attach, or to detach; for a replacement, the domain being replaced.
    cname = models.CharField(max_length=253)
    new_cname = models.CharField(max_length=253, blank=True)
    file_index = models.CharField(max_length=64, blank=True)
    certificate = models.TextField(blank=True, help_text="PEM; public, kept for the record.")
    private_key = EncryptedTextField(null=True, blank=True)
    passphrase = EncryptedTextField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    progress = models.JSONField(default=list, blank=True)
    last_error = models.TextField(blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "updated_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target}"

    @property
    def has_ended(self) -> bool:
        return self.state in self.ENDED_STATES

    @property
    def latest_message(self) -> str:
        return self.progress[-1]["message"] if self.progress else ""

    def note(self, message: str) -> None:
        """Add a progress message and save it at once, so the page can show it."""
        self.progress = [*self.progress, {"at": timezone.now().isoformat(), "message": message}]
        self.save(update_fields=["progress", "updated_at"])


class CustomDomain(models.Model):
    """A custom domain attached to a storage, as e2 confirmed it, with its certificate.

    The consoles show the branded endpoint and the dashboard lists expiring certificates from
    these rows, without calling e2.
    """

    storage = models.ForeignKey(
        "storage.Storage", on_delete=models.CASCADE, related_name="custom_domains"
    )
    cname = models.CharField(max_length=253, unique=True)
    file_index = models.CharField(max_length=64, blank=True)
    certificate_subject = models.CharField(max_length=500, blank=True)
    certificate_issuer = models.CharField(max_length=500, blank=True)
    certificate_serial = models.CharField(max_length=100, blank=True)
    certificate_valid_from = models.DateTimeField(null=True, blank=True)
    certificate_expires_at = models.DateTimeField(null=True, blank=True)
    expiry_warning_sent_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cname"]
        indexes = [models.Index(fields=["certificate_expires_at"])]

    def __str__(self):
        return self.cname
