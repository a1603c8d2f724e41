"""Template tags of the design system: icons from the vendored Tabler sprite, the two
consoles' menus, and the one formatter of sizes and moments (``portal.units``)."""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal import units
from portal.accounts.permissions import OWNER_ROLES, READ_ROLES, has_role

register = template.Library()


@register.simple_tag
def icon(name: str, label: str = "", css_class: str = ""):
    """An icon of the vendored set; decorative unless ``label`` names it for screen readers."""
    accessibility = (
        format_html('role="img" aria-label="{}"', label)
        if label
        else mark_safe('aria-hidden="true"')
    )
    return format_html(
        '<svg class="icon {}" {}><use href="{}#tabler-{}"></use></svg>',
        css_class,
        accessibility,
        static("vendor/tabler-icons/sprite.svg"),
        name,
    )


# (label, URL name, icon, the namespace or section that marks it current, who sees it)
STAFF_NAV = [
    ("Dashboard", "dashboard", "layout-dashboard", "dashboard", READ_ROLES),
    ("Customers", "customers:list", "users", "customers", READ_ROLES),
    ("Audit log", "audit:list", "file-text", "audit", READ_ROLES),
    ("Settings", "reseller:api", "settings", "reseller", OWNER_ROLES),
    ("White labeling", "branding:list", "palette", "branding", OWNER_ROLES),
    ("My account", "account:overview", "user-circle", "account", READ_ROLES),
]
CONSOLE_NAV = [
    ("Dashboard", "console:dashboard", "layout-dashboard", "dashboard"),
    ("Regions", "console:regions", "world", "regions"),
    ("Access keys", "console:keys", "key", "keys"),
    ("Team", "console:team", "users", "team"),
    ("Activity", "console:activity", "activity", "activity"),
    ("Account", "console:account", "user-circle", "account"),
]


@register.simple_tag(takes_context=True)
def staff_nav(context) -> list[dict]:
    """The reseller console's menu for this staff member, the current area marked."""
    request = context["request"]
    match = request.resolver_match
    current = (match.namespace or match.url_name) if match else ""
    return [
        {"label": label, "url": reverse(name), "icon": icon_name, "current": area == current}
        for label, name, icon_name, area, roles in STAFF_NAV
        if has_role(request.user, roles)
    ]


@register.simple_tag(takes_context=True)
def console_nav(context) -> list[dict]:
    """The customer console's menu, the page's ``section`` marked."""
    section = context.get("section", "")
    return [
        {"label": label, "url": reverse(name), "icon": icon_name, "current": area == section}
        for label, name, icon_name, area in CONSOLE_NAV
    ]


register.filter("size", units.format_bytes)
register.filter("size_gb", units.format_gb)
register.filter("day", units.format_day)
register.filter("when", units.format_moment)
