"""Reads made while a web request is answered get a short deadline (``E2_WEB_READ_DEADLINE``),
so a slow e2 costs a page a few seconds, not the full ``E2_DEADLINE``; Celery tasks, commands
and the shell never pass through here and keep the full deadline."""

from django.conf import settings

from portal.e2.transport import READ_DEADLINE_CAP


class WebReadDeadlineMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = READ_DEADLINE_CAP.set(settings.E2_WEB_READ_DEADLINE)
        try:
            return self.get_response(request)
        finally:
            READ_DEADLINE_CAP.reset(token)
