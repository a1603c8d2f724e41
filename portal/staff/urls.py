"""Every URL of the reseller console, grouped by area; each group keeps its namespace."""

from django.urls import include, path

from portal.staff import (
    account,
    audit,
    auth,
    branding,
    customer_list,
    customer_reports,
    customers,
    dashboard,
    domains,
    session_policy,
    settings,
    staff_members,
    storage,
    team,
    usage,
)

auth_urls = [
    path("login/", auth.StaffLoginView.as_view(), name="login"),
    path("login/verify/", auth.verify, name="two_factor_verify"),
    path("login/forgot-password/", auth.forgot_password, name="forgot_password"),
    path(
        "login/set-password/<uidb64>/<token>/",
        auth.SetPasswordView.as_view(),
        name="set_password",
    ),
    path("logout/", auth.StaffLogoutView.as_view(), name="logout"),
]

account_urls = [
    path("", account.overview, name="overview"),
    path("password/", account.change_password, name="password"),
    path("sessions/<int:pk>/end/", account.end_session, name="end_session"),
    path("sessions/end-others/", account.end_other_sessions, name="end_other_sessions"),
    path("two-factor/enrol/", account.enrol, name="two_factor_enrol"),
    path("two-factor/backup-codes/", account.backup_codes, name="backup_codes"),
    path("two-factor/disable/", account.disable, name="two_factor_disable"),
]

settings_urls = [
    path("", settings.api_access, name="api"),
    path("api/test/", settings.api_test, name="api_test"),
    path("regions/", settings.regions, name="regions"),
    path("regions/sync/", settings.regions_sync, name="regions_sync"),
    path("regions/<int:pk>/", settings.region_access, name="region_access"),
    path("security/", settings.security, name="security"),
    path("defaults/", settings.defaults, name="defaults"),
    path("staff/", staff_members.staff_list, name="staff"),
    path("staff/invite/", staff_members.invite, name="staff_invite"),
    path("staff/<int:pk>/role/", staff_members.change_role, name="staff_role"),
    path("staff/<int:pk>/deactivate/", staff_members.deactivate, name="staff_deactivate"),
    path("staff/<int:pk>/reactivate/", staff_members.reactivate, name="staff_reactivate"),
    path(
        "staff/<int:pk>/reset-two-factor/",
        staff_members.reset_two_factor,
        name="staff_reset_two_factor",
    ),
    path("staff/<int:pk>/send-link/", staff_members.send_link, name="staff_send_link"),
    path(
        "staff/<int:pk>/withdraw/",
        staff_members.withdraw_invitation,
        name="staff_withdraw_invitation",
    ),
]

branding_urls = [
    path("", branding.brand_list, name="list"),
    path("new/", branding.brand_create, name="create"),
    path("preview/", branding.brand_preview, name="preview"),
    path("<int:pk>/", branding.brand_edit, name="edit"),
    path("<int:pk>/preview/", branding.brand_preview, name="preview"),
    path("<int:pk>/delete/", branding.brand_delete, name="delete"),
    path("sessions/", session_policy.session_policy, name="sessions"),
]

customer_urls = [
    path("", customer_list.customer_list, name="list"),
    path("export.csv", customer_list.export_csv, name="export"),
    path("bulk/<str:action>/", customer_list.bulk_action, name="bulk"),
    path("refresh/", customers.refresh_mirror, name="refresh"),
    path("new/", customers.create_customer, name="create"),
    path("invite/", customers.invite_customer, name="invite"),
    path(
        "invitations/<int:pk>/<str:action>/",
        customers.invitation_action,
        name="invitation_action",
    ),
    path("<int:pk>/", customers.customer_detail, name="detail"),
    path("<int:pk>/password/", customers.set_password, name="set_password"),
    path("<int:pk>/support/reset-link/", customers.reset_link, name="reset_link"),
    path("<int:pk>/support/view-as/", customers.view_as, name="view_as"),
    path("<int:pk>/<str:action>/", customers.customer_lifecycle, name="lifecycle"),
    # Usage and activity.
    path("<int:pk>/tab/usage/", customer_reports.usage_tab, name="usage"),
    path("<int:pk>/tab/usage/chart/", customer_reports.usage_fragment, name="usage_fragment"),
    path("<int:pk>/tab/usage/export.csv", customer_reports.usage_csv, name="usage_csv"),
    path("<int:pk>/tab/activity/", customer_reports.activity_tab, name="activity"),
    path(
        "<int:pk>/tab/activity/entries/",
        customer_reports.activity_fragment,
        name="activity_fragment",
    ),
    path(
        "<int:pk>/tab/activity/export.<str:file_format>",
        customer_reports.activity_export,
        name="activity_export",
    ),
    # Regions, storages and access keys.
    path("<int:pk>/tab/regions/", storage.regions_tab, name="regions"),
    path("<int:pk>/tab/regions/check/", storage.refresh_regions, name="refresh_regions"),
    path("<int:pk>/tab/regions/enable/", storage.enable_region, name="enable_region"),
    path("<int:pk>/tab/regions/<int:storage_pk>/cors/", storage.set_cors, name="set_cors"),
    path(
        "<int:pk>/tab/regions/<int:storage_pk>/remove/",
        storage.remove_region,
        name="remove_region",
    ),
    path("<int:pk>/tab/keys/", storage.keys_tab, name="keys"),
    path("<int:pk>/tab/keys/<int:storage_pk>/", storage.keys_fragment, name="keys_fragment"),
    path("<int:pk>/tab/keys/<int:storage_pk>/new/", storage.create_key, name="create_key"),
    path(
        "<int:pk>/tab/keys/<int:storage_pk>/<int:key_pk>/remove/",
        storage.remove_key,
        name="remove_key",
    ),
    # The customer's team members.
    path("<int:pk>/tab/team/", team.subusers_tab, name="subusers"),
    path("<int:pk>/tab/team/members/", team.subusers_fragment, name="subusers_fragment"),
    path("<int:pk>/tab/team/invite/", team.invite, name="subuser_invite"),
    path("<int:pk>/tab/team/new/", team.create, name="subuser_create"),
    path("<int:pk>/tab/team/<int:subuser_pk>/edit/", team.update, name="subuser_update"),
    path(
        "<int:pk>/tab/team/<int:subuser_pk>/activity/",
        team.activity,
        name="subuser_activity",
    ),
    path(
        "<int:pk>/tab/team/<str:action>/<str:email>/",
        team.member_action,
        name="subuser_action",
    ),
]

job_urls = [
    path("<int:job_id>/", domains.job_detail, name="detail"),
    path("<int:job_id>/status/", domains.job_status, name="status"),
    path("<int:job_id>/cancel/", domains.cancel_job, name="cancel"),
    path("customer/<int:customer_id>/", domains.customer_jobs, name="customer_jobs"),
    path("storage/<int:storage_id>/domains/attach/", domains.attach_domain, name="attach_domain"),
    path("domains/<int:domain_id>/replace/", domains.replace_domain, name="replace_domain"),
    path("domains/<int:domain_id>/detach/", domains.detach_domain, name="detach_domain"),
]

audit_urls = [
    path("", audit.audit_log, name="list"),
    path("export.csv", audit.audit_export, name="export"),
]

usage_urls = [
    path("reports/monthly.csv", usage.monthly_report_csv, name="monthly_report_csv"),
    path("reports/customer/<int:customer_id>.csv", usage.customer_report_csv, name="customer_csv"),
]

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("", include((auth_urls, "accounts"))),
    path("account/", include((account_urls, "account"))),
    path("settings/branding/", include((branding_urls, "branding"))),
    path("settings/", include((settings_urls, "reseller"))),
    path("customers/", include((customer_urls, "customers"))),
    path("jobs/", include((job_urls, "jobs"))),
    path("audit/", include((audit_urls, "audit"))),
    path("usage/", include((usage_urls, "usage"))),
]
