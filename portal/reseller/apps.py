from django.apps import AppConfig


class ResellerConfig(AppConfig):
    name = "portal.reseller"
    label = "reseller"
    verbose_name = "Reseller settings"

    def ready(self):
        from portal.reseller import checks  # noqa: F401  (registers the system checks)
