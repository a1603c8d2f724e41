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


# What each error page says, also sent to htmx as a toast: htmx swaps no full page, so the
# person reads the sentence where they are looking.
ERROR_PAGE_SENTENCES = {
    400: "The request could not be understood. Nothing was changed.",
    403: "You do not have permission to do that. Nothing was changed.",
    404: "That page or item does not exist any more. Reload the page to see the current state.",
}


def error_page_for_htmx(request, response):
    """Add the error page's sentence as a toast when htmx asked; a plain request is unchanged."""
    sentence = ERROR_PAGE_SENTENCES.get(response.status_code)
    if sentence and getattr(request, "htmx", False) and "HX-Trigger" not in response:
        with_toast(response, sentence)
    return response
