from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project itself, as an app: it carries the project-wide management commands."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import checks  # noqa: F401  (registers the deploy checks)
