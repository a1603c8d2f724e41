import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from branding import colours

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #RRGGBB.")
# A name that goes into email headers and titles: one line, no control characters.
single_line = RegexValidator(
    r"[\x00-\x1f\x7f]", "Use one line without line breaks or tabs.", inverse_match=True
)
host_name = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
    "Enter a host name such as storage.example.com, without https:// or a path.",
    flags=re.IGNORECASE,
)


class HeaderStyle(models.TextChoices):
    LIGHT = colours.LIGHT_HEADER, "Light header"
    COLOURED = colours.COLOURED_HEADER, "Coloured header"


# The images of a brand, each served by portal.brand_assets under its kind.
IMAGE_FIELDS = ("logo", "logo_dark", "favicon")


class Brand(models.Model):
    """How one reseller brand looks to its customers: data, never per-brand templates."""

    name = models.CharField(max_length=100, validators=[single_line])
    is_default = models.BooleanField(
        default=False, help_text="Shown on hosts that match no brand domain."
    )
    primary_colour = models.CharField(max_length=7, default="#1f4b99", validators=[hex_colour])
    accent_colour = models.CharField(max_length=7, default="#f29f05", validators=[hex_colour])
    logo = models.FileField(upload_to="brands/logos/", blank=True)
    logo_dark = models.FileField(
        "logo for dark backgrounds",
        upload_to="brands/logos/",
        blank=True,
        help_text="Shown on the coloured header instead of the logo, when set.",
    )
    header_style = models.CharField(
        max_length=10,
        choices=HeaderStyle.choices,
        default=HeaderStyle.LIGHT,
        help_text="The top bar of the customer console.",
    )
    # The names the images had when uploaded ({"logo": "acme.png"}); stored under random names.
    asset_names = models.JSONField(default=dict, blank=True)
    favicon = models.FileField(upload_to="brands/favicons/", blank=True)
    copyright = models.CharField(max_length=200, blank=True, validators=[single_line])
    support_email = models.EmailField(blank=True)
    support_url = models.URLField(blank=True)
    email_sender_name = models.CharField(max_length=100, blank=True, validators=[single_line])
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
    def primary_rgb(self) -> str:
        """The primary colour as ``r, g, b`` for the kit's translucent shades."""
        return colours.rgb_channels(self.primary_colour)

    @property
    def primary_foreground(self) -> str:
        """Text on the primary colour (buttons, badges): white or dark, whichever reads."""
        return colours.foreground_on(self.primary_colour)

    @property
    def primary_text(self) -> str:
        """The primary colour as text (links) on light surfaces: darkened until it reads."""
        return colours.readable_text(self.primary_colour)

    @property
    def copyright_line(self) -> str:
        return self.copyright or self.name

    def _asset_src(self, kind: str) -> str:
        version = int(self.updated_at.timestamp()) if self.updated_at else 0
        return f"{reverse('brand_asset', args=[self.pk, kind])}?v={version}"

    @property
    def logo_src(self) -> str:
        """Where a page loads the logo from: served by the portal, on any of its hosts."""
        return self._asset_src("logo") if self.logo else ""

    @property
    def favicon_src(self) -> str:
        return self._asset_src("favicon") if self.favicon else ""

    @property
    def logo_dark_src(self) -> str:
        return self._asset_src("logo_dark") if self.logo_dark else ""

    @property
    def header_is_coloured(self) -> bool:
        return self.header_style == HeaderStyle.COLOURED

    @property
    def header_logo_src(self) -> str:
        """The logo the header shows: the one for dark backgrounds on the coloured header."""
        if self.header_is_coloured and self.logo_dark:
            return self.logo_dark_src
        return self.logo_src

    def asset_name(self, kind: str) -> str:
        """The name an image had when it was uploaded, else its stored file name."""
        field = getattr(self, kind)
        if not field:
            return ""
        return (self.asset_names or {}).get(kind) or field.name.rsplit("/", 1)[-1]


class BrandDomain(models.Model):
    """A host name on which a brand's customer console is served."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True, validators=[host_name])

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        # Refused here too, so no path (admin, shell, import) can lock staff out.
        self.clean()
        super().save(*args, **kwargs)

    def clean(self):
        from branding.resolver import is_portal_host

        self.domain = self.domain.strip().lower().rstrip(".")
        if is_portal_host(self.domain):
            raise ValidationError(
                {
                    "domain": "This is the portal's own address, where staff log in. Give the "
                    "brand a domain of its own."
                }
            )


class BrandEndpoint(models.Model):
    """The brand's own host name for a region's storage endpoint (a CNAME the reseller runs),
    shown to customers instead of the provider's host name."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="endpoints")
    region = models.ForeignKey("storage.Region", on_delete=models.CASCADE, related_name="+")
    endpoint = models.CharField(max_length=253, validators=[host_name])

    class Meta:
        ordering = ["region__name"]
        constraints = [
            models.UniqueConstraint(fields=["brand", "region"], name="one_endpoint_per_region")
        ]

    def __str__(self):
        return self.endpoint

    def save(self, *args, **kwargs):
        self.endpoint = self.endpoint.strip().lower().rstrip(".")
        super().save(*args, **kwargs)
