from django.conf import settings
from django.db import models

from portal.encryption import EncryptedTextField


class ApiCredential(models.Model):
    """The reseller's e2 API token, entered by the owner; encrypted at rest.

    One row at most. Without it the portal uses the ``E2_API_TOKEN`` environment variable.
    """

    token = EncryptedTextField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = "e2 API credential"

    def __str__(self):
        return "e2 API token (set)"
