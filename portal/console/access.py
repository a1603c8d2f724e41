"""Who may see a console page: the customer this request resolved to, nobody else."""

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from portal.audit.services import Actor


def customer_required(view):
    """Let through a logged-in customer of this brand (``request.customer``); everyone else
    goes to the brand's login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "customer", None) is None:
            url = f"{reverse('console:login')}?{urlencode({'next': request.get_full_path()})}"
            if request.htmx:
                return HttpResponseClientRedirect(url)
            return redirect(url)
        return view(request, *args, **kwargs)

    return wrapper


def actor_of(request) -> Actor:
    return Actor.from_request(request)


def invalid_form_status(request) -> int:
    """A form shown again with its errors answers 400, for htmx too: static/js/portal.js swaps
    a 4xx fragment in place like a success."""
    return 400
