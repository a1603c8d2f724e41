"""Two-factor enforcement for staff, on every request after django-otp's middleware.

Staff who set up two-factor reach nothing but the code step until they pass it. When the
owner requires two-factor, staff without it reach nothing but the enrolment page.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.models import User
from portal.reseller.models import ResellerSettings

# Pages that stay reachable between the password and the second factor.
OPEN_BEFORE_VERIFICATION = {
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor_verify",
    "accounts:set_password",
    "healthz",
    "readyz",
}
OPEN_BEFORE_ENROLMENT = OPEN_BEFORE_VERIFICATION | {"account:two_factor_enrol"}


def is_staff_member(user) -> bool:
    return user.role in User.STAFF_ROLES or user.is_staff


def two_factor_state(user) -> tuple[bool, bool, bool]:
    """(has an authenticator, has backup codes, the owner requires two-factor), in one
    query: it runs on every request of staff who have not passed a second factor."""
    confirmed = {"user": OuterRef("pk"), "confirmed": True}
    return (
        User.objects.filter(pk=user.pk)
        .annotate(
            has_authenticator=Exists(TOTPDevice.objects.filter(**confirmed)),
            has_backup_codes=Exists(StaticDevice.objects.filter(**confirmed)),
            required=Exists(
                ResellerSettings.objects.filter(
                    pk=ResellerSettings.SINGLETON_ID, require_two_factor=True
                )
            ),
        )
        .values_list("has_authenticator", "has_backup_codes", "required")
        .get()
    )


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.media_prefix = "/" + settings.MEDIA_URL.lstrip("/")

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not is_staff_member(user) or user.is_verified():
            return None
        if request.path.startswith(self.media_prefix):
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        has_authenticator, has_backup_codes, required = two_factor_state(user)
        if has_authenticator or has_backup_codes:
            if view_name in OPEN_BEFORE_VERIFICATION:
                return None
            return self._send_to(request, "accounts:two_factor_verify")
        if view_name in OPEN_BEFORE_ENROLMENT or not required:
            return None
        return self._send_to(request, "account:two_factor_enrol")

    @staticmethod
    def _send_to(request, view_name):
        url = f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseClientRedirect(url) if getattr(request, "htmx", False) else redirect(url)
