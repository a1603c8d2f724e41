from django.contrib.auth import views as auth_views

from portal.accounts.forms import EmailAuthenticationForm


class StaffLoginView(auth_views.LoginView):
    """The reseller staff's own login page (Django admin has its own)."""

    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class StaffLogoutView(auth_views.LogoutView):
    pass
