"""The portal's URL map: the reseller console (``portal.staff``) on the portal's own hosts,
the customer console (``portal.console``) under ``/console/`` on every host, and the pages
every host serves (health probes, brand assets, error pages)."""

from django.contrib import admin
from django.urls import include, path

from portal import brand_assets, error_pages, health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("console/", include("portal.console.urls")),
    path("brand-assets/<int:pk>/<str:kind>", brand_assets.brand_asset, name="brand_asset"),
    path("", include("portal.staff.urls")),
]

handler400 = error_pages.bad_request
handler403 = error_pages.permission_denied
handler404 = error_pages.page_not_found
handler500 = error_pages.server_error
# Uploaded logos and favicons are served only by brand_assets, with its security headers;
# there is no /media/ route, not even in development.
