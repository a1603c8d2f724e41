"""Forms of the customer console. Each validates everything before any call to the storage
service; the limits come from portal/e2/limits.py."""

import logging

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from portal.accounts.forms import EmailAuthenticationForm
from portal.accounts.models import User
from portal.console.models import SessionPolicy, idle_timeout_validators
from portal.customers.models import Customer
from portal.e2 import limits

logger = logging.getLogger(__name__)

# The storage service receives passwords base64-encoded, at most PASSWORD_MAX characters.
PASSWORD_MAX_BYTES = limits.PASSWORD_MAX // 4 * 3


class ConsoleLoginForm(EmailAuthenticationForm):
    """Email and password of a customer of *this* brand; anyone else gets the same answer as
    for a wrong password."""

    error_messages = {
        "invalid_login": "This email address and password do not match an account here.",
        "inactive": "This email address and password do not match an account here.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.customer = None

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        brand = getattr(self.request, "brand", None)
        customer = getattr(user, "customer", None) if user.role == User.Role.CUSTOMER else None
        if customer is None or brand is None or customer.brand_id != brand.pk:
            logger.warning(
                "console login refused: not a customer of this brand",
                extra={"host": self.request.get_host() if self.request else ""},
            )
            raise self.get_invalid_login_error()
        if not customer.is_active:
            contact = brand.support_email or "your provider's support"
            raise ValidationError(
                f"Your account is disabled. Please contact {contact}.", code="disabled"
            )
        self.customer = customer


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise ValidationError("Enter the 6 digits your app shows.")
        return code


class NewPasswordForm(forms.Form):
    """A password typed twice that the validators and the storage service both accept."""

    password = forms.CharField(label="New password", strip=False, widget=forms.PasswordInput)
    password_confirm = forms.CharField(
        label="New password again", strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if not password:
            return cleaned
        if password != cleaned.get("password_confirm"):
            self.add_error("password_confirm", "The two passwords are not the same.")
        if len(password.encode()) > PASSWORD_MAX_BYTES:
            self.add_error("password", f"Use at most {PASSWORD_MAX_BYTES} characters.")
        try:
            password_validation.validate_password(password, user=self.user)
        except ValidationError as error:
            self.add_error("password", error)
        return cleaned


class ChangePasswordForm(NewPasswordForm):
    current_password = forms.CharField(
        label="Current password", strip=False, widget=forms.PasswordInput
    )
    field_order = ["current_password", "password", "password_confirm"]

    def clean_current_password(self):
        value = self.cleaned_data["current_password"]
        if not self.user.check_password(value):
            raise ValidationError("This is not your current password.")
        return value


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(max_length=limits.EMAIL_MAX)


class SessionPreferencesForm(forms.Form):
    """What a customer may change about their own sessions, where the reseller allows it."""

    idle_timeout_minutes = forms.IntegerField(
        label="Log me out after this many minutes without activity",
        min_value=1,
        max_value=limits.IDLE_TIMEOUT_MAX // 60,
        required=False,
    )
    concurrent_sessions = forms.BooleanField(
        label="Allow me to be logged in on several browsers at once", required=False
    )

    def __init__(self, *args, effective, **kwargs):
        super().__init__(*args, **kwargs)
        if not effective.may_set_idle_timeout:
            del self.fields["idle_timeout_minutes"]
        if not effective.may_change_concurrent_sessions:
            del self.fields["concurrent_sessions"]

    def clean_idle_timeout_minutes(self):
        minutes = self.cleaned_data["idle_timeout_minutes"]
        if minutes is None:
            raise ValidationError("Enter a number of minutes from 1 to 60.")
        seconds = minutes * 60
        for validator in idle_timeout_validators:
            validator(seconds)
        return minutes


# --- the reseller's session controls (staff console) ---------------------------------------


class SessionPolicyForm(forms.ModelForm):
    idle_timeout_minutes = forms.IntegerField(
        label="Idle session timeout (minutes)", min_value=1, max_value=limits.IDLE_TIMEOUT_MAX // 60
    )

    class Meta:
        model = SessionPolicy
        fields = [
            "customers_may_set_idle_timeout",
            "concurrent_sessions",
            "customers_may_change_concurrent_sessions",
        ]
        labels = {
            "customers_may_set_idle_timeout": "Allow customers to set their own timeout",
            "concurrent_sessions": "Allow concurrent sessions",
            "customers_may_change_concurrent_sessions": "Allow customers to change this",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idle_timeout_minutes"].initial = self.instance.idle_timeout // 60

    def save(self, commit=True):
        self.instance.idle_timeout = self.cleaned_data["idle_timeout_minutes"] * 60
        return super().save(commit)


class AccountOverrideForm(forms.Form):
    CHOICES = [("", "As for all customers"), ("yes", "Allowed"), ("no", "Not allowed")]
    email = forms.EmailField(label="Customer email", max_length=limits.EMAIL_MAX)
    concurrent_sessions = forms.ChoiceField(
        label="Concurrent sessions for this account", choices=CHOICES, required=False
    )

    def clean_email(self):
        customer = Customer.objects.filter(email=self.cleaned_data["email"].lower()).first()
        if customer is None:
            raise forms.ValidationError("There is no customer with this email address.")
        self.customer = customer
        return customer.email
