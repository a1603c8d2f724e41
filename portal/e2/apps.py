from django.apps import AppConfig


class E2Config(AppConfig):
    name = "portal.e2"
    label = "e2"
    verbose_name = "e2 API"
