"""A brand's logos and favicon, served on every host: the customer console shows them, the
brand editor's preview too."""

import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from branding.models import IMAGE_FIELDS, Brand

ASSET_KINDS = IMAGE_FIELDS


@require_GET
def brand_asset(request, pk, kind):
    """A brand's logo, logo for dark backgrounds or favicon. On a brand domain only that
    brand's own assets exist.

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
