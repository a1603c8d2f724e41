from django.urls import path

from portal.console.views import (
    account,
    activity,
    auth,
    dashboard,
    keys,
    regions,
    support,
    team,
)

app_name = "console"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("usage/", dashboard.usage_chart, name="usage_chart"),
    path("recent-activity/", dashboard.recent_activity, name="recent_activity"),
    # Logging in, out, resetting a password and accepting an invitation (links in emails).
    path("login/", auth.login_view, name="login"),
    path("login/code/", auth.login_code, name="login_code"),
    path("logout/", auth.logout_view, name="logout"),
    path("reset/", auth.password_reset, name="password_reset"),
    path(
        "reset/<uidb64>/<token>/",
        auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "invitation/<str:token>/",
        auth.accept_customer_invitation,
        name="accept_invitation",
    ),
    # Reseller staff viewing the console read-only.
    path("support/start/<str:token>/", support.start, name="support_view_start"),
    path("support/end/", support.end, name="support_view_end"),
    # Regions and endpoints.
    path("regions/", regions.regions, name="regions"),
    path("regions/enable/", regions.enable_region, name="enable_region"),
    path("regions/<int:storage_pk>/cors/", regions.cors, name="cors"),
    # Access keys.
    path("keys/", keys.keys, name="keys"),
    path("keys/new/", keys.create_key, name="create_key"),
    path("keys/<int:storage_pk>/", keys.keys_fragment, name="keys_fragment"),
    path("keys/<int:storage_pk>/<int:key_pk>/remove/", keys.remove_key, name="remove_key"),
    # Activity.
    path("activity/", activity.activity, name="activity"),
    path("activity/entries/", activity.activity_fragment, name="activity_fragment"),
    path(
        "activity/export.<str:file_format>",
        activity.activity_export,
        name="activity_export",
    ),
]

urlpatterns += [
    path("team/", team.team, name="team"),
    path("team/list/", team.team_list, name="team_list"),
    path("team/invite/", team.invite, name="team_invite"),
    path("team/new/", team.create, name="team_create"),
    path("team/join/<str:token>/", team.accept_invitation, name="team_join"),
    path("team/<int:pk>/", team.edit, name="team_edit"),
    path("team/<int:pk>/activity/", team.subuser_activity, name="team_activity"),
    path("team/<int:pk>/<str:action>/", team.subuser_action, name="team_action"),
    path(
        "team/invitations/<int:pk>/<str:action>/",
        team.invitation_action,
        name="team_invitation_action",
    ),
]

urlpatterns += [
    path("account/", account.account, name="account"),
    path("account/password/", account.change_password, name="change_password"),
    path("account/sessions/settings/", account.session_preferences, name="session_settings"),
    path("account/sessions/<int:pk>/end/", account.end_session, name="end_session"),
    path("account/sessions/end-others/", account.end_other_sessions, name="end_others"),
    path("account/two-factor/", account.two_factor, name="two_factor"),
    path("account/two-factor/off/", account.two_factor_off, name="two_factor_off"),
    path("account/two-factor/backup-codes/", account.backup_codes, name="backup_codes"),
    path("session/keep-alive/", account.keep_alive, name="session_ping"),
]
