"""Error pages, in the brand of the host they are served on (both consoles)."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render

from portal.responses import error_page_for_htmx

logger = logging.getLogger(__name__)


def _error_page(request, template: str, status: int):
    response = render(request, template, {"brand": getattr(request, "brand", None)}, status=status)
    return error_page_for_htmx(request, response)


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def server_error(request):
    """The 500 page in the request's brand; if even that fails, a plain page."""
    try:
        return _error_page(request, "500.html", 500)
    except Exception:
        logger.exception("the branded error page failed")
        return HttpResponseServerError(b"<!doctype html><title>Server error</title>Server error")
