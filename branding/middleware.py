from django.utils.functional import SimpleLazyObject

from branding.resolver import brand_for_host


class BrandMiddleware:
    """Resolves ``request.brand`` from the Host header once, lazily."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.brand = SimpleLazyObject(lambda: brand_for_host(request.get_host()))
        response = self.get_response(request)
        response.headers.setdefault("Vary", "Host")
        return response
