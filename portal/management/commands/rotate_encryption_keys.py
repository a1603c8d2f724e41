"""Re-encrypt every stored secret with the newest key in ENCRYPTION_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast

from portal.encryption import EncryptedTextField, rotate


def encrypted_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


class Command(BaseCommand):
    help = "Re-encrypt all secrets with the first key of ENCRYPTION_KEYS (safe to re-run)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        total = 0
        for model, field in encrypted_fields():
            # Cast to plain text so the field's decryption does not run on the way out.
            raw = (
                model._default_manager.exclude(**{f"{field.attname}__isnull": True})
                .annotate(ciphertext=Cast(field.attname, models.TextField()))
                .values_list("pk", "ciphertext")
            )
            pending = list(raw)
            for start in range(0, len(pending), batch):
                with transaction.atomic():
                    for pk, ciphertext in pending[start : start + batch]:
                        if not ciphertext:
                            continue
                        model._default_manager.filter(pk=pk).update(
                            **{field.attname: models.Value(rotate(ciphertext))}
                        )
                        total += 1
            self.stdout.write(f"{model._meta.label}.{field.name}: {len(pending)} rotated")
        self.stdout.write(self.style.SUCCESS(f"{total} secrets re-encrypted with the newest key."))
