"""The portal's URLs plus the usage reports, until the console links them."""

from django.urls import include, path

from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [*portal_urlpatterns, path("usage/", include("portal.usage.urls"))]
