"""Mail to reseller staff: in the name of the reseller's default brand."""

from django.conf import settings

from branding.emails import send_branded_email
from branding.models import Brand


def send_staff_email(user, template: str, context: dict) -> None:
    brand = Brand.objects.filter(is_default=True).first() or Brand.objects.first()
    send_branded_email(brand, user.email, template, {"user": user, **context})


def portal_url(path: str) -> str:
    """``path`` on the portal's own host (from settings, never from a request's Host)."""
    port = f":{settings.CONSOLE_PORT}" if settings.CONSOLE_PORT else ""
    return f"{settings.CONSOLE_SCHEME}://{settings.PORTAL_HOST}{port}{path}"
