"""System checks: two-factor is enforced only if its middleware runs after django-otp's."""

from django.conf import settings
from django.core.checks import Error, Tags, register

OTP_MIDDLEWARE = "django_otp.middleware.OTPMiddleware"
TWO_FACTOR_MIDDLEWARE = "portal.accounts.middleware.TwoFactorMiddleware"


@register(Tags.security)
def two_factor_is_enforced(app_configs, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if TWO_FACTOR_MIDDLEWARE not in middleware or OTP_MIDDLEWARE not in middleware:
        return [
            Error(
                f"{TWO_FACTOR_MIDDLEWARE} and {OTP_MIDDLEWARE} must both be in MIDDLEWARE.",
                id="reseller.E001",
            )
        ]
    if middleware.index(TWO_FACTOR_MIDDLEWARE) < middleware.index(OTP_MIDDLEWARE):
        return [
            Error(f"{TWO_FACTOR_MIDDLEWARE} must come after {OTP_MIDDLEWARE}.", id="reseller.E002")
        ]
    return []
