"""The admin site for ops staff: reached only through the staff login, and only with a
verified second factor when the owner requires two-factor for all staff."""

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.admin import OTPAdminSite

from portal.reseller.models import two_factor_required


class PortalAdminSite(OTPAdminSite):
    """django-otp's admin site, whose two-factor demand follows the owner's setting."""

    def __init__(self, name="admin"):
        super().__init__(name)

    def has_permission(self, request):
        if not AdminSite.has_permission(self, request):
            return False
        return request.user.is_verified() or not two_factor_required()

    def login(self, request, extra_context=None):
        # One login page for everyone, with throttling and the two-factor step.
        if request.user.is_authenticated:
            # Logged in but not allowed here: sending them to log in again would loop.
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url)
