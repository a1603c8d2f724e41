from django.urls import path

from portal.console import (
    views,
    views_account,
    views_activity,
    views_auth,
    views_keys,
    views_team,
)

app_name = "console"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("usage/", views.usage_chart, name="usage_chart"),
    path("recent-activity/", views.recent_activity, name="recent_activity"),
    # Logging in, out, resetting a password and accepting an invitation (links in emails).
    path("login/", views_auth.login_view, name="login"),
    path("login/code/", views_auth.login_code, name="login_code"),
    path("logout/", views_auth.logout_view, name="logout"),
    path("reset/", views_auth.password_reset, name="password_reset"),
    path(
        "reset/<uidb64>/<token>/",
        views_auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "invitation/<str:token>/",
        views_auth.accept_customer_invitation,
        name="accept_invitation",
    ),
    # Regions and endpoints.
    path("regions/", views.regions, name="regions"),
    path("regions/enable/", views.enable_region, name="enable_region"),
    path("regions/<int:storage_pk>/cors/", views.cors, name="cors"),
    # Access keys.
    path("keys/", views_keys.keys, name="keys"),
    path("keys/new/", views_keys.create_key, name="create_key"),
    path("keys/<int:storage_pk>/", views_keys.keys_fragment, name="keys_fragment"),
    path("keys/<int:storage_pk>/<int:key_pk>/remove/", views_keys.remove_key, name="remove_key"),
    # Activity.
    path("activity/", views_activity.activity, name="activity"),
    path("activity/entries/", views_activity.activity_fragment, name="activity_fragment"),
    path(
        "activity/export.<str:file_format>",
        views_activity.activity_export,
        name="activity_export",
    ),
]

urlpatterns += [
    path("team/", views_team.team, name="team"),
    path("team/list/", views_team.team_list, name="team_list"),
    path("team/invite/", views_team.invite, name="team_invite"),
    path("team/new/", views_team.create, name="team_create"),
    path("team/join/<str:token>/", views_team.accept_invitation, name="team_join"),
    path("team/<int:pk>/", views_team.edit, name="team_edit"),
    path("team/<int:pk>/activity/", views_team.subuser_activity, name="team_activity"),
    path("team/<int:pk>/<str:action>/", views_team.subuser_action, name="team_action"),
    path(
        "team/invitations/<int:pk>/<str:action>/",
        views_team.invitation_action,
        name="team_invitation_action",
    ),
]

urlpatterns += [
    path("account/", views_account.account, name="account"),
    path("account/password/", views_account.change_password, name="change_password"),
    path("account/sessions/settings/", views_account.session_preferences, name="session_settings"),
    path("account/sessions/<int:pk>/end/", views_account.end_session, name="end_session"),
    path("account/sessions/end-others/", views_account.end_other_sessions, name="end_others"),
    path("account/two-factor/", views_account.two_factor, name="two_factor"),
    path("account/two-factor/off/", views_account.two_factor_off, name="two_factor_off"),
]
