from django.urls import path

from portal.accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("login/verify/", two_factor_views.verify, name="two_factor_verify"),
    path(
        "login/set-password/<uidb64>/<token>/",
        views.SetPasswordView.as_view(),
        name="set_password",
    ),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
]
