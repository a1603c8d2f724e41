from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class E2Config(AppConfig):
    name = "portal.e2"
    label = "e2"
    verbose_name = "e2 API"

    def ready(self):
        from portal.e2.credentials import forget_saved_token
        from portal.e2.models import ApiCredential

        for signal in (post_save, post_delete):
            signal.connect(forget_saved_token, sender=ApiCredential, dispatch_uid="e2-token")
