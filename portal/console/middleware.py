"""Tenancy of the customer console, resolved once per request: ``request.customer``."""

import logging
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from portal.console import sessions
from portal.customers import support
from portal.customers.models import Customer
from portal.responses import toast_trigger

logger = logging.getLogger(__name__)

CONSOLE_PREFIX = "/console/"
# htmx requests that poll on a timer send this header; they must not keep a session alive.
POLL_HEADER = "X-Console-Poll"
# A browser session of a brand domain in which staff view a customer's console, read-only:
# the SupportView's id and its customer's. Such a session has no logged-in user.
SUPPORT_VIEW = "console_support_view"
SUPPORT_CUSTOMER = "console_support_customer"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Pages a support view never shows, not even read: they show or make a secret.
SECRET_PAGES = ("console:two_factor",)


class CustomerMiddleware:
    """After authentication: sets ``request.customer`` to the logged-in customer of this
    request's brand, or None. Ends the session when it was begun on another host, when the
    customer is disabled or gone, or when it has been idle longer than allowed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.customer = None
        request.support_view = None
        if request.path.startswith(CONSOLE_PREFIX):
            if SUPPORT_VIEW in request.session:
                answer = self.resolve_support_view(request)
                if answer:
                    return answer
                if request.support_view is not None:
                    return self.allow_ending(self.get_response(request))
            elif request.user.is_authenticated:
                ended = self.resolve_customer(request)
                if ended:
                    return ended
        return self.get_response(request)

    def resolve_support_view(self, request):
        """Staff viewing as a customer: the customer's pages, read-only. The customer's user
        is this request's user without logging in (no last login, no session row); any
        request that could change something is refused, except ending the view."""
        view = support.active_view(
            request.session[SUPPORT_VIEW],
            session_key=request.session.session_key,
            host=request.get_host(),
            brand=request.brand,
        )
        if view is None:
            customer_pk = request.session.get(SUPPORT_CUSTOMER)
            request.session.flush()
            if request.path.startswith(support_start_prefix()):
                return None  # a new view begins here
            if customer_pk:
                return self.redirect(request, support.staff_page_url(customer_pk))
            return self.to_login(request, "ended")
        request.support_view = view
        request.customer = view.customer
        request.user = view.customer.user
        if request.method not in READ_METHODS and request.path != reverse(
            "console:support_view_end"
        ):
            return self.refuse_change(request)
        if request.path in {reverse(name) for name in SECRET_PAGES}:
            # Setting up two-factor shows (and makes) the authenticator's secret.
            context = {"sentence": support.SECRET_NOT_SHOWN, "title": "Not shown here"}
            return render(request, "console/support_read_only.html", context)
        return None

    @staticmethod
    def allow_ending(response):
        """Lets "End view" work without JavaScript: its answer leads back to the portal host."""
        update = getattr(response, "_csp_update", None) or {}
        sources = [*update.get("form-action", []), support.portal_origin()]
        response._csp_update = {**update, "form-action": sources}
        return response

    @staticmethod
    def refuse_change(request):
        logger.info("change refused in a support view", extra={"path": request.path})
        if request.headers.get("HX-Request") == "true":
            # htmx swaps nothing and shows the sentence; an error status would add its own.
            response = HttpResponse(status=200)
            response["HX-Reswap"] = "none"
            response["HX-Trigger"] = toast_trigger(support.READ_ONLY, "error")
            return response
        return render(
            request, "console/support_read_only.html", {"sentence": support.READ_ONLY}, status=403
        )

    @staticmethod
    def redirect(request, url: str):
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)

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

    @classmethod
    def to_login(cls, request, reason: str):
        url = f"{reverse('console:login')}?{urlencode({'ended': reason})}"
        return cls.redirect(request, url)


def support_start_prefix() -> str:
    """The path every view link begins with (the token follows)."""
    return reverse("console:support_view_start", args=["-"])[: -len("-/")]
