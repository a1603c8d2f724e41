from django.urls import path

from portal.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:job_id>/", views.job_detail, name="detail"),
    path("<int:job_id>/status/", views.job_status, name="status"),
    path("<int:job_id>/cancel/", views.cancel_job, name="cancel"),
    path("customer/<int:customer_id>/", views.customer_jobs, name="customer_jobs"),
    path("storage/<int:storage_id>/domains/attach/", views.attach_domain, name="attach_domain"),
    path("domains/<int:domain_id>/replace/", views.replace_domain, name="replace_domain"),
    path("domains/<int:domain_id>/detach/", views.detach_domain, name="detach_domain"),
]
