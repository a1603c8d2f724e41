"""Staff logging in: the password, then the second factor for people who set one up, asking
for a link when the password is forgotten, and the set-password page those links lead to."""

from urllib.parse import urlencode

import django_otp
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from portal.accounts import password_reset, staff, two_factor
from portal.accounts.forms import EmailAuthenticationForm, TwoFactorCodeForm
from portal.accounts.sessions import rotate_session_key
from portal.client_address import client_address


class StaffLoginView(auth_views.LoginView):
    """The reseller staff's own login page (Django admin has its own)."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_success_url(self):
        url = super().get_success_url()
        user = self.request.user
        if two_factor.has_two_factor(user) and not two_factor.is_verified(user):
            # The password was right; the second factor comes next, then ``url``.
            return f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': url})}"
        return url


class StaffLogoutView(auth_views.LogoutView):
    pass


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Where the link emailed to invited (or locked-out) staff leads: choose a password."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")
    reset_url_token = "choose"
    token_generator = staff.set_password_links

    def form_valid(self, form):
        response = super().form_valid(form)
        staff.accept_staff_invitation(self.user)
        messages.success(self.request, "Your password was saved. Log in with it now.")
        return response


def next_url_of(request) -> str:
    """Where to go after logging in: ``next`` when it stays on this host, else the start."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
def verify(request):
    """The second step of logging in, for people who set up two-factor."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = next_url_of(request)
    if two_factor.is_verified(user) or not two_factor.has_two_factor(user):
        return redirect(next_url)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # While a wrong code's wait runs, not even the right code is tried.
        waiting = two_factor.throttled(user)
        device = None if waiting else two_factor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            rotate_session_key(request)
            if device.name == two_factor.BACKUP_CODES_NAME:
                left = two_factor.remaining_backup_codes(user)
                messages.warning(request, f"You used a backup code; {left} are left.")
            return redirect(next_url)
        form.add_error("code", two_factor.THROTTLED if waiting else two_factor.WRONG_CODE)
    return render(request, "accounts/verify.html", {"form": form, "next": next_url})


class ForgotPasswordForm(forms.Form):
    email = forms.EmailField(
        label="Email",
        max_length=255,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


@csrf_protect
@never_cache
def forgot_password(request):
    """Ask for a set-password link; the answer never tells whether the address is known."""
    form = ForgotPasswordForm(request.POST or None)
    context, status = {"form": form}, 200
    if request.method == "POST" and form.is_valid():
        try:
            password_reset.request_set_password_link(
                form.cleaned_data["email"], ip_address=client_address(request)
            )
        except password_reset.TooManyRequests as error:
            form.add_error(None, error.human_message)
            status = 429
        else:
            context["sent"] = password_reset.NEUTRAL_ANSWER
    return render(request, "accounts/forgot_password.html", context, status=status)
