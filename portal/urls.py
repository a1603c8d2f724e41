from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal import health
from portal.customers import views as customer_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("", include("portal.accounts.urls")),
    path("customers/", include("portal.customers.urls")),
    path("audit/", include("portal.audit.urls")),
    path("jobs/", include("portal.jobs.urls")),
    path("", customer_views.dashboard, name="dashboard"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
