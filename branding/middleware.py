"""The host decides everything: which hosts are served at all, the brand, and which console."""

import logging

from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.utils.cache import patch_vary_headers

from branding.resolver import match_host

logger = logging.getLogger(__name__)

# What a brand domain serves besides the customer console; the staff console stays on the
# portal's own hosts.
BRAND_DOMAIN_PATHS = ("/console/", "/healthz", "/readyz", "/static/", "/brand-assets/")

# Container health checks call this on whatever address they reach; it shows nothing.
LIVENESS_PATH = "/healthz"


class BrandMiddleware:
    """First in MIDDLEWARE: answers 400 for any host that is neither one of the portal's own
    (PORTAL_HOSTS) nor a brand domain, so Django's ALLOWED_HOSTS can be "*" and brand domains
    work without a restart. Sets ``request.brand`` and ``request.is_brand_domain``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVENESS_PATH:
            request.brand, request.is_brand_domain = None, False
            return self.get_response(request)
        try:
            match = match_host(request.get_host())
        except DisallowedHost:
            match = None
        if match is None or not match.is_allowed:
            logger.warning("request for an unknown host refused", extra={"host": _raw(request)})
            return HttpResponseBadRequest(b"Bad Request", content_type="text/plain")
        request.brand, request.is_brand_domain = match.brand, match.is_brand_domain
        if match.is_brand_domain and not request.path.startswith(BRAND_DOMAIN_PATHS):
            if request.path == "/":
                return HttpResponseRedirect("/console/")
            raise Http404("The staff console is not served on brand domains.")
        response = self.get_response(request)
        patch_vary_headers(response, ["Host"])
        return response


def _raw(request) -> str:
    return request.META.get("HTTP_HOST", request.META.get("SERVER_NAME", ""))[:255]


def brand_context(request):
    """Template context processor: the request's brand is ``brand`` in every template."""
    return {"brand": getattr(request, "brand", None)}
