"""Dates and times in the viewer's own time zone: the browser reports it in a cookie
(static/js/portal.js), and this middleware activates it for the request."""

import zoneinfo

from django.utils import timezone

COOKIE = "tz"


class ViewerTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = request.COOKIES.get(COOKIE, "")
        try:
            timezone.activate(zoneinfo.ZoneInfo(name)) if name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
