from django.urls import path

from portal.usage import views

app_name = "usage"

urlpatterns = [
    path("reports/monthly.csv", views.monthly_report_csv, name="monthly_report_csv"),
    path("reports/customer/<int:customer_id>.csv", views.customer_report_csv, name="customer_csv"),
]
