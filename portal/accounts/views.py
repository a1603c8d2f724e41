from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse, reverse_lazy

from portal.accounts.forms import EmailAuthenticationForm
from portal.accounts.two_factor import has_two_factor, is_verified


class StaffLoginView(auth_views.LoginView):
    """The reseller staff's own login page (Django admin has its own)."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_success_url(self):
        url = super().get_success_url()
        user = self.request.user
        if has_two_factor(user) and not is_verified(user):
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

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password was saved. Log in with it now.")
        return response
