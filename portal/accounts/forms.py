from django import forms
from django.contrib.auth.forms import AuthenticationForm

from portal.accounts.models import User


class EmailAuthenticationForm(AuthenticationForm):
    """The login form: an email address and a password."""

    username = forms.EmailField(
        label="Email",
        max_length=255,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
    )


class PasswordConfirmForm(forms.Form):
    """Asks for the user's own password before a sensitive change."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("This is not your password.")
        return password


STAFF_ROLE_CHOICES = [
    (User.Role.OWNER, "Owner: everything, including settings and staff"),
    (User.Role.ADMIN, "Admin: every customer operation"),
    (User.Role.SUPPORT, "Support: reads everything, sends password reset links"),
]


class StaffInviteForm(forms.Form):
    email = forms.EmailField(max_length=255)
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(choices=STAFF_ROLE_CHOICES, initial=User.Role.SUPPORT)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone already logs in with this email address.")
        return email


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(choices=[(value, value.label) for value, _ in STAFF_ROLE_CHOICES])
