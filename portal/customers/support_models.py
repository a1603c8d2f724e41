"""The record of one read-only look by reseller staff at a customer's console."""

from django.conf import settings
from django.db import models


class SupportView(models.Model):
    """Staff viewing a customer's console, read-only ("view as customer").

    It begins as a single-use link on the customer's brand domain that works for a minute;
    following it starts the view in a browser session of that domain, which ends at
    ``ends_at`` or when the staff member ends it. Only a hash of the link's token is kept.
    """

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="support_views"
    )
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    link_expires_at = models.DateTimeField()
    host = models.CharField(max_length=255, help_text="The brand domain the link is for.")
    session_key = models.CharField(max_length=40, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.staff} viewing {self.customer}"
