"""How a staff or customer action answers: a toast for htmx, a message and a redirect without.

One place decides, so every view answers an action the same way with and without JavaScript.
"""

import json

from django.contrib import messages
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect


def toast_trigger(message: str, level: str = "success", **events) -> str:
    return json.dumps({"toast": {"message": message, "level": level}, **events})


def action_succeeded(request, message: str, next_url: str):
    """After a change: go to ``next_url`` (htmx follows it too) and show ``message`` there."""
    messages.success(request, message)
    if request.htmx:
        return HttpResponseClientRedirect(next_url)
    return redirect(next_url)


def with_toast(response, message: str, level: str = "error"):
    response["HX-Trigger"] = toast_trigger(message, level)
    return response
