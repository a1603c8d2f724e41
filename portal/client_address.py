"""The address a request really comes from, behind ``TRUSTED_PROXY_COUNT`` reverse proxies.

Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
the client is the N-th entry from the right; anything further left was written by the client
and is never trusted. Without trusted proxies the connection's own address counts. Login
throttling (django-axes), audit records and session lists all read it from here.
"""

from django.conf import settings


def client_address(request) -> str | None:
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    # Fewer entries than proxies: the request skipped a proxy; trust only the connection.
    return forwarded[-proxies] if len(forwarded) >= proxies else remote
