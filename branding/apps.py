from django.apps import AppConfig


class BrandingConfig(AppConfig):
    name = "branding"
    verbose_name = "Branding"

    def ready(self):
        from branding import signals  # noqa: F401  (drops the cached brand table on changes)
