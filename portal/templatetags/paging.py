"""Links between pages of a filtered list keep the filters (``{% load paging %}``)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with ``page`` set to ``number``, starting with ``?``."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
