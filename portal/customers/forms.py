"""Forms of the reseller console; each checks everything e2 would refuse, before any call."""

import secrets

from django import forms
from django.contrib.auth import password_validation

from portal.e2 import limits
from portal.storage.models import Region
from portal.usage.ranges import ACTIVITY, ReportRangeForm


def max_plain_password_length() -> int:
    """The longest password whose base64 form fits the API's 100 characters."""
    return limits.PASSWORD_MAX // 4 * 3


def generated_password() -> str:
    return secrets.token_urlsafe(18)


class RegionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, region):
        return f"{region.name}, {region.country}"


class CustomerFieldsMixin(forms.Form):
    email = forms.EmailField(max_length=limits.EMAIL_MAX)
    first_name = forms.CharField(max_length=limits.FIRST_NAME_MAX)
    last_name = forms.CharField(max_length=limits.LAST_NAME_MAX, required=False)
    quota_gb = forms.IntegerField(
        label="Quota (GB)",
        min_value=0,
        max_value=10**9,
        help_text="0 means unlimited. The quota cannot be changed after the account is created.",
    )
    regions = RegionChoiceField(
        queryset=Region.objects.none(),
        to_field_name="key",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Regions to enable straight away.",
    )

    def __init__(self, *args, default_quota_gb=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = Region.objects.filter(active=True)
        self.fields["quota_gb"].initial = default_quota_gb

    def clean_email(self):
        from portal.customers.models import Customer

        email = self.cleaned_data["email"].strip().lower()
        if Customer.objects.filter(email=email).exists():
            raise forms.ValidationError("A customer with this email address already exists.")
        return email


class CustomerCreateForm(CustomerFieldsMixin):
    password = forms.CharField(
        required=False,
        strip=False,
        max_length=max_plain_password_length(),
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
        help_text="Leave empty to generate one.",
    )
    generate_password = forms.BooleanField(required=False, label="Generate a password")
    send_welcome = forms.BooleanField(
        required=False, initial=True, label="Send a welcome email in your brand's name"
    )

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if cleaned.get("generate_password") or not password:
            cleaned["password"] = generated_password()
            cleaned["password_was_generated"] = True
        else:
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class CustomerInviteForm(CustomerFieldsMixin):
    def clean_email(self):
        from portal.customers.models import Invitation

        email = super().clean_email()
        if Invitation.objects.filter(email=email, status=Invitation.Status.PENDING).exists():
            raise forms.ValidationError("An invitation to this address is already pending.")
        return email


class TypedConfirmationForm(forms.Form):
    """The person types the account's email to confirm an action that loses data."""

    confirmation = forms.CharField(label="Type the email address to confirm", max_length=255)

    def __init__(self, *args, expected: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected

    def clean_confirmation(self):
        typed = self.cleaned_data["confirmation"].strip().lower()
        if typed != self.expected.lower():
            raise forms.ValidationError("This does not match. Nothing was deleted.")
        return typed


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    confirm = forms.CharField(label="Repeat the password", strip=False, widget=forms.PasswordInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") != cleaned.get("confirm"):
            self.add_error("confirm", "The two passwords differ.")
        elif cleaned.get("password"):
            try:
                password_validation.validate_password(cleaned["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class CustomerFilterForm(forms.Form):
    SORTS = {
        "created": "-e2_created_at",
        "oldest": "e2_created_at",
        "usage": "-storage_used_bytes",
        "quota": "-quota_gb",
        "email": "email",
    }
    q = forms.CharField(required=False, max_length=255, label="Search")
    status = forms.ChoiceField(
        required=False,
        choices=[
            ("", "All"),
            ("active", "Active"),
            ("disabled", "Disabled"),
            ("invited", "Pending invite"),
        ],
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("created", "Newest"),
            ("oldest", "Oldest"),
            ("usage", "Most storage used"),
            ("quota", "Largest quota"),
            ("email", "Email"),
        ],
    )


class ActivityRangeForm(ReportRangeForm):
    """A date range within the last 90 days, as the activity log API allows."""

    subject = ACTIVITY
