from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from branding import views as branding_views
from portal import health
from portal.customers import views as customer_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("", include("portal.accounts.urls")),
    path("account/", include("portal.accounts.account_urls")),
    path("settings/", include("portal.reseller.urls")),
    path("customers/", include("portal.customers.urls")),
    path("audit/", include("portal.audit.urls")),
    path("jobs/", include("portal.jobs.urls")),
    path("usage/", include("portal.usage.urls")),
    path("", customer_views.dashboard, name="dashboard"),
    path("console/", include("portal.console.urls")),
    path("settings/branding/", include("branding.urls")),
    path("brand-assets/<int:pk>/<str:kind>", branding_views.brand_asset, name="brand_asset"),
]

# Error pages in the brand of the host they are served on.
handler400 = branding_views.bad_request
handler403 = branding_views.permission_denied
handler404 = branding_views.page_not_found
handler500 = branding_views.server_error

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
