"""Substring search of the audit log ("who or what": the actor, the target, the customer) by
trigram GIN indexes on PostgreSQL, on the ``UPPER(column::text)`` expression that Django's
``icontains`` compares. SQLite searches as before."""

from django.db import migrations

COLUMNS = ["actor_label", "target", "customer_email"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS audit_auditrecord_{column}_trgm "
            f"ON audit_auditrecord USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS audit_auditrecord_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
