"""How a staff or customer action answers: a toast for htmx, a message and a redirect without.

One place decides, so every view answers an action the same way with and without JavaScript.
"""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect


def toast_trigger(message: str, level: str = "success", **events) -> str:
    return json.dumps({"toast": {"message": message, "level": level}, **events})


def action_succeeded(request, message: str, next_url: str, *, refresh: bool = True):
    """After a change: htmx reloads (or follows) ``next_url`` and shows a toast."""
    if request.htmx:
        messages.success(request, message)
        return HttpResponseClientRedirect(next_url) if refresh else _toast(message)
    messages.success(request, message)
    return redirect(next_url)


def _toast(message, level="success"):
    response = HttpResponse(status=204)
    response["HX-Trigger"] = toast_trigger(message, level)
    return response


def human_message(error) -> str:
    """The sentence a person is shown for any error the services raise."""
    return getattr(error, "human_message", None) or "Something went wrong. Please try again."


def outcome_may_be_unknown(error) -> bool:
    return bool(getattr(error, "outcome_unknown", False))


def with_toast(response, message: str, level: str = "error"):
    response["HX-Trigger"] = toast_trigger(message, level)
    return response
