"""Tenancy of the customer console, resolved once per request: ``request.customer``."""

import logging
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from portal.console import sessions
from portal.customers.models import Customer

logger = logging.getLogger(__name__)

CONSOLE_PREFIX = "/console/"
# htmx requests that poll on a timer send this header; they must not keep a session alive.
POLL_HEADER = "X-Console-Poll"


class CustomerMiddleware:
    """After authentication: sets ``request.customer`` to the logged-in customer of this
    request's brand, or None. Ends the session when it was begun on another host, when the
    customer is disabled or gone, or when it has been idle longer than allowed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.customer = None
        if request.path.startswith(CONSOLE_PREFIX) and request.user.is_authenticated:
            ended = self.resolve_customer(request)
            if ended:
                return ended
        return self.get_response(request)

    def resolve_customer(self, request):
        if sessions.CONSOLE_HOST not in request.session:
            return None  # a staff session: not a customer here
        if not sessions.session_is_for_this_host(request):
            logger.warning(
                "console session replayed on another host refused",
                extra={"host": request.get_host()},
            )
            sessions.end_console_session(request)
            return None
        customer = (
            Customer.objects.select_related("brand")
            .filter(user=request.user, brand=request.brand)
            .first()
            if request.brand is not None
            else None
        )
        if customer is None or not customer.is_active:
            sessions.end_console_session(request)
            return self.to_login(request, "disabled" if customer else "ended")
        policy = sessions.effective_settings(customer)
        if sessions.idle_for(request) > policy.idle_timeout:
            sessions.end_console_session(request)
            return self.to_login(request, "idle")
        if request.headers.get(POLL_HEADER) != "1":
            sessions.note_activity(request)
        request.customer = customer
        return None

    @staticmethod
    def to_login(request, reason: str):
        url = f"{reverse('console:login')}?{urlencode({'ended': reason})}"
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
