from django import forms

from portal.reseller.models import ResellerSettings

# e2 keys are far shorter; the bound only stops pasted garbage.
API_TOKEN_MAX = 512


class CurrentPasswordField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your password")
        kwargs.setdefault("strip", False)
        kwargs.setdefault("widget", forms.PasswordInput(attrs={"autocomplete": "current-password"}))
        super().__init__(**kwargs)


class ApiTokenForm(forms.Form):
    """Enter or replace the API key. Like the vendor's own console, this asks for the
    owner's password; the key field never shows a saved value."""

    token = forms.CharField(
        label="API key",
        max_length=API_TOKEN_MAX,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="From your storage reseller account: Settings, API Access.",
    )
    password = CurrentPasswordField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if any(character.isspace() for character in token):
            raise forms.ValidationError("An API key has no spaces in it.")
        return token

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("This is not your password.")
        return password


class RegionAccessForm(forms.Form):
    customers_may_enable = forms.TypedChoiceField(
        choices=[("1", "Customers may enable it"), ("0", "Only staff may enable it")],
        coerce=lambda value: value == "1",
    )


class SecurityForm(forms.ModelForm):
    class Meta:
        model = ResellerSettings
        fields = ["require_two_factor"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_require_two_factor(self):
        required = self.cleaned_data["require_two_factor"]
        verified = getattr(self.user, "otp_device", None) is not None
        if required and not verified:
            raise forms.ValidationError(
                "Set up two-factor for your own account first (My account), so that "
                "requiring it cannot lock you out."
            )
        return required


class DefaultsForm(forms.ModelForm):
    # The same bounds as the create-customer form's quota field.
    default_quota_gb = forms.IntegerField(
        label="Default quota (GB)",
        min_value=0,
        max_value=10**9,
        help_text=ResellerSettings._meta.get_field("default_quota_gb").help_text,
    )

    class Meta:
        model = ResellerSettings
        fields = ["default_quota_gb"]
