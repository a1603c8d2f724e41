"""Substring search of the customer list (email, first and last name) by trigram GIN indexes
on PostgreSQL: the list's ``icontains`` filters compare ``UPPER(column::text)``, so the
indexes are on that expression and a search reads the index instead of every row. SQLite,
the embedded default, has no such index and searches as before."""

from django.db import migrations

COLUMNS = ["email", "first_name", "last_name"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS customers_customer_{column}_trgm "
            f"ON customers_customer USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS customers_customer_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("customers", "0004_support_view")]

    operations = [migrations.RunPython(create, drop)]
