"""Django admin, with the portal's own admin site as the default ``admin.site``.

Listed in INSTALLED_APPS instead of ``django.contrib.admin``, so every app's
``@admin.register`` lands on the site that enforces the owner's two-factor rule.
"""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "portal.reseller.admin_site.PortalAdminSite"
