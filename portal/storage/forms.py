"""Forms for regions, CORS and access keys, shared by both consoles."""

import re

from django import forms

from portal.e2 import limits
from portal.storage.services import parse_cors

# S3 bucket names: 3-63 characters, lower-case letters, digits, dots and hyphens.
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
ORIGIN = re.compile(
    r"^(\*|(https?://)?(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:\d{1,5})?)$", re.IGNORECASE
)


class EnableRegionForm(forms.Form):
    region = forms.ChoiceField(label="Region")

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [
            (region.key, f"{region.name}, {region.country}") for region in regions
        ]


class CorsForm(forms.Form):
    cors = forms.CharField(
        label="Allowed origins",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Up to 10 domains, separated by commas or new lines, or * for any origin.",
    )

    def clean_cors(self):
        origins = parse_cors(self.cleaned_data["cors"])
        if not origins:
            raise forms.ValidationError("Give at least one origin, or * for any origin.")
        if "*" in origins and len(origins) > 1:
            raise forms.ValidationError("Use * alone, or list the domains without it.")
        if len(origins) > limits.CORS_MAX_DOMAINS:
            raise forms.ValidationError(f"At most {limits.CORS_MAX_DOMAINS} domains are allowed.")
        bad = [origin for origin in origins if not ORIGIN.match(origin)]
        if bad:
            raise forms.ValidationError(f"Not a valid domain: {', '.join(bad)}")
        return origins


class AccessKeyForm(forms.Form):
    name = forms.CharField(max_length=limits.ACCESS_KEY_NAME_MAX)
    permissions = forms.TypedChoiceField(
        coerce=int,
        choices=[(value, label) for value, label in limits.PERMISSIONS.items()],
        initial=limits.PERMISSION_READ_WRITE,
        label="Permission",
    )
    buckets = forms.CharField(
        required=False,
        max_length=2000,
        help_text="Optional: bucket names separated by commas. Empty means all buckets.",
    )

    def clean_buckets(self):
        names = [name for name in parse_cors(self.cleaned_data["buckets"]) if name]
        bad = [name for name in names if not BUCKET_NAME.match(name)]
        if bad:
            raise forms.ValidationError(f"Not a valid bucket name: {', '.join(bad)}")
        return names
