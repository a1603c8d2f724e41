"""The customer console's idle timeout, for the page's idle-logout warning."""

from django import template

from portal.console.sessions import idle_timeout_of

register = template.Library()


@register.simple_tag(takes_context=True)
def console_idle_timeout(context) -> int | str:
    """Seconds of inactivity that end this console session; "" when none applies here."""
    request = context.get("request")
    timeout = idle_timeout_of(request) if request is not None else None
    return "" if timeout is None else timeout
