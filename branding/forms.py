"""The white labeling form: the brand, its domains and its endpoint names per region."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory

from branding.models import Brand, BrandDomain, BrandEndpoint
from branding.uploads import max_upload_bytes, validated_asset
from portal.e2.limits import VENDOR_DOMAIN_PATTERN

ACCEPTED_IMAGES = (
    "image/png,image/jpeg,image/webp,image/x-icon,image/vnd.microsoft.icon,.ico,image/svg+xml"
)


class BrandForm(forms.ModelForm):
    support_url = forms.URLField(label="Support URL", required=False, assume_scheme="https")

    class Meta:
        model = Brand
        fields = [
            "name",
            "logo",
            "favicon",
            "primary_colour",
            "accent_colour",
            "copyright",
            "support_email",
            "support_url",
            "email_sender_name",
            "email_sender_address",
            "is_default",
        ]
        labels = {"copyright": "Copyright name", "is_default": "Default brand"}
        widgets = {
            "primary_colour": forms.TextInput(attrs={"type": "color"}),
            "accent_colour": forms.TextInput(attrs={"type": "color"}),
            "logo": forms.ClearableFileInput(attrs={"accept": ACCEPTED_IMAGES}),
            "favicon": forms.ClearableFileInput(attrs={"accept": ACCEPTED_IMAGES}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = f"PNG, JPEG, WebP, ICO or SVG, up to {max_upload_bytes() // 1024} KiB."
        self.fields["logo"].help_text = limit
        self.fields["favicon"].help_text = limit

    def _clean_asset(self, name):
        upload = self.cleaned_data.get(name)
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            return validated_asset(upload)
        return upload

    def clean_logo(self):
        return self._clean_asset("logo")

    def clean_favicon(self):
        return self._clean_asset("favicon")

    def clean_is_default(self):
        is_default = self.cleaned_data["is_default"]
        others = Brand.objects.filter(is_default=True).exclude(pk=self.instance.pk)
        if is_default and others.exists():
            raise ValidationError(
                f"“{others.first().name}” is the default brand. Untick it there first."
            )
        return is_default


def refuse_vendor_host(value: str) -> str:
    value = value.strip().lower().rstrip(".")
    if VENDOR_DOMAIN_PATTERN.search(value):
        raise ValidationError("Use a domain of your own.")
    return value


class DomainForm(forms.ModelForm):
    class Meta:
        model = BrandDomain
        fields = ["domain"]

    def clean_domain(self):
        return refuse_vendor_host(self.cleaned_data["domain"])


class EndpointForm(forms.ModelForm):
    class Meta:
        model = BrandEndpoint
        fields = ["region", "endpoint"]
        labels = {"endpoint": "Endpoint host name"}

    def clean_endpoint(self):
        return refuse_vendor_host(self.cleaned_data["endpoint"])


DomainFormSet = inlineformset_factory(
    Brand, BrandDomain, form=DomainForm, extra=1, can_delete=True, min_num=0
)
EndpointFormSet = inlineformset_factory(
    Brand, BrandEndpoint, form=EndpointForm, extra=1, can_delete=True
)
