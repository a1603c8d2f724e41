"""Absolute links into a brand's customer console, for emails and copy-paste."""

from django.conf import settings


def console_url(brand, path: str) -> str:
    """``path`` on the brand's own domain (the first one), never on a host a request forged."""
    domain = brand.domains.values_list("domain", flat=True).first() if brand else None
    host = domain or settings.PORTAL_HOST
    port = f":{settings.CONSOLE_PORT}" if settings.CONSOLE_PORT else ""
    return f"{settings.CONSOLE_SCHEME}://{host}{port}{path}"
