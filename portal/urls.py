"""The portal's URL map: the reseller console (``portal.staff``) on the portal's own hosts,
the customer console (``portal.console``) under ``/console/`` on every host, and the pages
every host serves (health probes, brand assets, error pages)."""

from django.conf import settings
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
