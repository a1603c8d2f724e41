"""The white labeling form: the brand, its domains and its endpoint names per region."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory

from branding import colours
from branding.models import IMAGE_FIELDS, Brand, BrandDomain, BrandEndpoint, HeaderStyle
from branding.uploads import max_upload_bytes, validated_asset
from portal.e2.limits import VENDOR_DOMAIN_PATTERN

ACCEPTED_IMAGES = (
    "image/png,image/jpeg,image/webp,image/x-icon,image/vnd.microsoft.icon,.ico,image/svg+xml"
)

ACCEPTED_SUMMARY = "PNG, JPEG, WebP, ICO or SVG"
COLOUR_FIELDS = ("primary_colour", "accent_colour")
COLOUR_ATTRS = {
    "class": "font-monospace",
    "maxlength": "7",
    "spellcheck": "false",
    "autocomplete": "off",
    "autocapitalize": "off",
    "data-colour-hex": "",
}


def original_name(name: str) -> str:
    """An uploaded file's own name, without any folder, on one line, at most 100 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(char for char in base if char.isprintable())[:100]


class BrandForm(forms.ModelForm):
    hex_error = colours.HEX_ERROR
    support_url = forms.URLField(label="Support URL", required=False, assume_scheme="https")

    class Meta:
        model = Brand
        fields = [
            "name",
            "logo",
            "logo_dark",
            "favicon",
            "primary_colour",
            "accent_colour",
            "header_style",
            "copyright",
            "support_email",
            "support_url",
            "email_sender_name",
            "email_sender_address",
            "is_default",
        ]
        labels = {
            "copyright": "Copyright name",
            "is_default": "Default brand",
            "primary_colour": "Primary colour",
            "accent_colour": "Accent colour",
            "logo_dark": "Logo for dark backgrounds",
            "header_style": "Header",
        }
        help_texts = {
            "primary_colour": "Buttons, links and the coloured header.",
            "accent_colour": "The line under the header.",
        }
        widgets = {
            "primary_colour": forms.TextInput(attrs=COLOUR_ATTRS),
            "accent_colour": forms.TextInput(attrs=COLOUR_ATTRS),
            "header_style": forms.RadioSelect,
            **{
                name: forms.ClearableFileInput(attrs={"accept": ACCEPTED_IMAGES})
                for name in IMAGE_FIELDS
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in COLOUR_FIELDS:
            # Checked here (any case, with or without #, three digits too), not by the model's
            # pattern alone, so the form says what a colour looks like.
            self.fields[name].validators = []
            self.fields[name].error_messages["required"] = colours.HEX_ERROR
        self.fields["header_style"].required = False
        # The stored images as they were before this form touched the instance.
        brand = self.instance
        self.stored_images = {
            name: {
                "src": getattr(brand, f"{name}_src") if brand.pk else "",
                "name": brand.asset_name(name) if brand.pk else "",
            }
            for name in IMAGE_FIELDS
        }

    @property
    def swatches(self) -> dict:
        """Each colour field's value for its swatch: what was typed if it is a colour, else
        the stored colour (a swatch can only show a valid colour)."""
        return {
            name: colours.parse_hex(self[name].value())
            or getattr(self.instance, name)
            or self.fields[name].initial
            for name in COLOUR_FIELDS
        }

    @property
    def images(self) -> list[dict]:
        """The image fields with what the upload widget shows of each."""
        return [
            {
                "field": self[name],
                "clear_name": self.fields[name].widget.clear_checkbox_name(self[name].html_name),
                "accept": ACCEPTED_IMAGES,
                "accepted": ACCEPTED_SUMMARY,
                "limit_kib": max_upload_bytes() // 1024,
                "max_bytes": max_upload_bytes(),
                **self.stored_images[name],
            }
            for name in IMAGE_FIELDS
        ]

    def clean_header_style(self):
        # A form that does not send it (an older page, a script) keeps the brand's style.
        return (
            self.cleaned_data.get("header_style") or self.instance.header_style or HeaderStyle.LIGHT
        )

    def _clean_colour(self, name):
        colour = colours.parse_hex(self.cleaned_data.get(name))
        if colour is None:
            raise ValidationError(colours.HEX_ERROR)
        return colour

    def clean_primary_colour(self):
        return self._clean_colour("primary_colour")

    def clean_accent_colour(self):
        return self._clean_colour("accent_colour")

    def _clean_asset(self, name):
        upload = self.cleaned_data.get(name)
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            checked = validated_asset(upload)
            self.uploaded_names[name] = original_name(upload.name)
            return checked
        return upload

    @property
    def uploaded_names(self) -> dict:
        if not hasattr(self, "_uploaded_names"):
            self._uploaded_names = {}
        return self._uploaded_names

    def clean_logo(self):
        return self._clean_asset("logo")

    def clean_logo_dark(self):
        return self._clean_asset("logo_dark")

    def clean_favicon(self):
        return self._clean_asset("favicon")

    def save(self, commit=True):
        """The brand, remembering each new image's original name (for the editor) and
        forgetting a removed one's."""
        brand = super().save(commit=False)
        names = dict(brand.asset_names or {})
        for name in IMAGE_FIELDS:
            if name in self.uploaded_names:
                names[name] = self.uploaded_names[name]
            elif not getattr(brand, name):
                names.pop(name, None)
        brand.asset_names = names
        if commit:
            brand.save()
            self._save_m2m()
        return brand

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
