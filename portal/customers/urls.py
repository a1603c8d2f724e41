from django.urls import path

from portal.customers import reports, views
from portal.storage import views as storage_views
from portal.subusers import staff_views as subuser_views

app_name = "customers"

urlpatterns = [
    path("", views.customer_list, name="list"),
    path("refresh/", views.refresh_mirror, name="refresh"),
    path("new/", views.create_customer, name="create"),
    path("invite/", views.invite_customer, name="invite"),
    path(
        "invitations/<int:pk>/<str:action>/",
        views.invitation_action,
        name="invitation_action",
    ),
    path("<int:pk>/", views.customer_detail, name="detail"),
    path("<int:pk>/password/", views.set_password, name="set_password"),
    path(
        "<int:pk>/<str:action>/",
        views.customer_lifecycle,
        name="lifecycle",
    ),
    path("<int:pk>/tab/usage/", reports.usage_tab, name="usage"),
    path("<int:pk>/tab/usage/chart/", reports.usage_fragment, name="usage_fragment"),
    path("<int:pk>/tab/usage/export.csv", reports.usage_csv, name="usage_csv"),
    path("<int:pk>/tab/activity/", reports.activity_tab, name="activity"),
    path("<int:pk>/tab/activity/entries/", reports.activity_fragment, name="activity_fragment"),
    path(
        "<int:pk>/tab/activity/export.<str:file_format>",
        reports.activity_export,
        name="activity_export",
    ),
    path("<int:pk>/tab/regions/", storage_views.regions_tab, name="regions"),
    path("<int:pk>/tab/regions/check/", storage_views.refresh_regions, name="refresh_regions"),
    path("<int:pk>/tab/regions/enable/", storage_views.enable_region, name="enable_region"),
    path("<int:pk>/tab/regions/<int:storage_pk>/cors/", storage_views.set_cors, name="set_cors"),
    path(
        "<int:pk>/tab/regions/<int:storage_pk>/remove/",
        storage_views.remove_region,
        name="remove_region",
    ),
    path("<int:pk>/tab/keys/", storage_views.keys_tab, name="keys"),
    path("<int:pk>/tab/keys/<int:storage_pk>/", storage_views.keys_fragment, name="keys_fragment"),
    path("<int:pk>/tab/keys/<int:storage_pk>/new/", storage_views.create_key, name="create_key"),
    path(
        "<int:pk>/tab/keys/<int:storage_pk>/<int:key_pk>/remove/",
        storage_views.remove_key,
        name="remove_key",
    ),
    path("<int:pk>/tab/team/", subuser_views.subusers_tab, name="subusers"),
    path("<int:pk>/tab/team/members/", subuser_views.subusers_fragment, name="subusers_fragment"),
    path("<int:pk>/tab/team/invite/", subuser_views.invite, name="subuser_invite"),
    path("<int:pk>/tab/team/new/", subuser_views.create, name="subuser_create"),
    path("<int:pk>/tab/team/<int:subuser_pk>/edit/", subuser_views.update, name="subuser_update"),
    path(
        "<int:pk>/tab/team/<int:subuser_pk>/activity/",
        subuser_views.activity,
        name="subuser_activity",
    ),
    path(
        "<int:pk>/tab/team/<str:action>/<str:email>/",
        subuser_views.member_action,
        name="subuser_action",
    ),
]
