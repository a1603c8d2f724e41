"""Pages every host shows in its brand: errors, and the brand's logo and favicon."""

import logging
import mimetypes

from django.http import FileResponse, Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from branding.models import Brand

logger = logging.getLogger(__name__)

ASSET_KINDS = ("logo", "favicon")


@require_GET
def brand_asset(request, pk, kind):
    """A brand's logo or favicon. On a brand domain only that brand's own assets exist.

    Uploads were checked (raster images) or sanitised (SVG) when saved; the headers make sure
    a browser never runs anything in them either.
    """
    if kind not in ASSET_KINDS:
        raise Http404
    if getattr(request, "is_brand_domain", False) and request.brand.pk != pk:
        raise Http404
    brand = get_object_or_404(Brand, pk=pk)
    field = getattr(brand, kind)
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _error_page(request, template: str, status: int):
    return render(request, template, {"brand": getattr(request, "brand", None)}, status=status)


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
