from django.apps import AppConfig


class SubusersConfig(AppConfig):
    name = "portal.subusers"
    label = "subusers"
    verbose_name = "Team members"
