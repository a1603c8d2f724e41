from django.db import models


class Region(models.Model):
    """The local copy of e2's region catalogue, plus the reseller's own choice of which
    regions customers may enable themselves."""

    key = models.CharField(max_length=5, unique=True)
    name = models.CharField(max_length=100)
    country = models.CharField(max_length=100)
    code = models.CharField(max_length=32)
    active = models.BooleanField(default=True)
    hdd_storage = models.BooleanField(default=False)
    default_cors = models.CharField(max_length=2000, default="*")
    customers_may_enable = models.BooleanField(default=True)
    synced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["country", "name"]

    def __str__(self):
        return f"{self.name} ({self.key})"


class Storage(models.Model):
    """A region enabled for a customer, reached at its storage domain name."""

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="storages"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="storages")
    storage_dn = models.CharField(max_length=128, unique=True)
    cors = models.CharField(max_length=2000, default="*")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region__name"]
        constraints = [
            models.UniqueConstraint(fields=["customer", "region"], name="one_storage_per_region")
        ]

    def __str__(self):
        return self.storage_dn


class AccessKey(models.Model):
    """The local copy of one access key of a storage (never its secret)."""

    storage = models.ForeignKey(Storage, on_delete=models.CASCADE, related_name="access_keys")
    key_id = models.CharField(max_length=128)
    name = models.CharField(max_length=64)
    description = models.CharField(max_length=255, blank=True)
    created_on = models.CharField(max_length=64, blank=True, help_text="As e2 reports it.")
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["storage", "key_id"], name="one_row_per_access_key")
        ]

    def __str__(self):
        return f"{self.name} ({self.key_id})"
