def brand(request):
    """Makes the request's brand available to every template as ``brand``."""
    return {"brand": getattr(request, "brand", None)}
