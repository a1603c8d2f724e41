from django.urls import path

from portal.accounts import staff_views
from portal.reseller import views

app_name = "reseller"

urlpatterns = [
    path("", views.api_access, name="api"),
    path("api/test/", views.api_test, name="api_test"),
    path("regions/", views.regions, name="regions"),
    path("regions/sync/", views.regions_sync, name="regions_sync"),
    path("regions/<int:pk>/", views.region_access, name="region_access"),
    path("security/", views.security, name="security"),
    path("defaults/", views.defaults, name="defaults"),
    path("staff/", staff_views.staff_list, name="staff"),
    path("staff/invite/", staff_views.invite, name="staff_invite"),
    path("staff/<int:pk>/role/", staff_views.change_role, name="staff_role"),
    path("staff/<int:pk>/deactivate/", staff_views.deactivate, name="staff_deactivate"),
    path("staff/<int:pk>/reactivate/", staff_views.reactivate, name="staff_reactivate"),
    path(
        "staff/<int:pk>/reset-two-factor/",
        staff_views.reset_two_factor,
        name="staff_reset_two_factor",
    ),
    path("staff/<int:pk>/send-link/", staff_views.send_link, name="staff_send_link"),
]
