"""Reseller staff viewing a customer's console read-only: the link that starts the view on
the brand's domain, and ending it. Everything else of the view is the middleware's."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from portal.client_address import client_address
from portal.console import sessions
from portal.console.middleware import SUPPORT_CUSTOMER, SUPPORT_VIEW
from portal.customers import support
from portal.errors import PortalError


@never_cache
def start(request, token):
    """Follow a view link: once it checks out, this browser's session on the brand domain
    becomes the view (a login or view it had here ends first, and it gets a new key). A link
    that does not work changes nothing here."""
    address = client_address(request)
    try:
        view = support.start_view(
            token, host=request.get_host(), brand=request.brand, ip_address=address
        )
    except PortalError as error:
        context = {"error": error.human_message}
        return render(request, "console/support_link.html", context, status=410)
    if request.support_view is not None:
        support.end_view(request.support_view, reason="replaced", ip_address=address)
    elif request.user.is_authenticated:
        sessions.end_console_session(request)
    request.session.flush()
    request.session[SUPPORT_VIEW] = view.pk
    request.session[SUPPORT_CUSTOMER] = view.customer_id
    request.session.save()
    support.attach_session(view, request.session.session_key)
    return redirect("console:dashboard")


@require_POST
@csrf_protect
def end(request):
    """End the view and go back to the customer's page in the reseller console."""
    view = request.support_view
    customer_pk = request.session.get(SUPPORT_CUSTOMER)
    if view is not None:
        support.end_view(view, reason="ended", ip_address=client_address(request))
    if request.support_view is None and request.user.is_authenticated:
        return redirect("console:dashboard")  # a customer's own session: nothing to end
    request.session.flush()
    url = (
        support.staff_page_url(customer_pk) + "?support_view=ended"
        if customer_pk
        else reverse("console:login")
    )
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
