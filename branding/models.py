from django.core.validators import RegexValidator
from django.db import models

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #RRGGBB.")


class Brand(models.Model):
    """How one reseller brand looks to its customers: data, never per-brand templates."""

    name = models.CharField(max_length=100)
    is_default = models.BooleanField(
        default=False, help_text="Shown on hosts that match no brand domain."
    )
    primary_colour = models.CharField(max_length=7, default="#1f4b99", validators=[hex_colour])
    accent_colour = models.CharField(max_length=7, default="#f29f05", validators=[hex_colour])
    logo = models.FileField(upload_to="brands/logos/", blank=True)
    favicon = models.FileField(upload_to="brands/favicons/", blank=True)
    copyright = models.CharField(max_length=200, blank=True)
    support_email = models.EmailField(blank=True)
    support_url = models.URLField(blank=True)
    email_sender_name = models.CharField(max_length=100, blank=True)
    email_sender_address = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_brand",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def copyright_line(self) -> str:
        return self.copyright or self.name


class BrandDomain(models.Model):
    """A host name on which a brand's customer console is served."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().rstrip(".")
        super().save(*args, **kwargs)
