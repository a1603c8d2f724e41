from django.urls import path

from branding import editor
from portal.console import staff_views

app_name = "branding"

urlpatterns = [
    path("", editor.brand_list, name="list"),
    path("new/", editor.brand_create, name="create"),
    path("preview/", editor.brand_preview, name="preview"),
    path("<int:pk>/", editor.brand_edit, name="edit"),
    path("<int:pk>/preview/", editor.brand_preview, name="preview"),
    path("<int:pk>/delete/", editor.brand_delete, name="delete"),
    path("sessions/", staff_views.session_policy, name="sessions"),
]
