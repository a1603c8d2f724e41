from django.urls import path

from portal.accounts import account_views, two_factor_views

app_name = "account"

urlpatterns = [
    path("", account_views.overview, name="overview"),
    path("password/", account_views.change_password, name="password"),
    path("sessions/<int:pk>/end/", account_views.end_session, name="end_session"),
    path("sessions/end-others/", account_views.end_other_sessions, name="end_other_sessions"),
    path("two-factor/enrol/", two_factor_views.enrol, name="two_factor_enrol"),
    path("two-factor/backup-codes/", two_factor_views.backup_codes, name="backup_codes"),
    path("two-factor/disable/", two_factor_views.disable, name="two_factor_disable"),
]
