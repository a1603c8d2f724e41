"""Trigram GIN indexes for substring search on PostgreSQL, as a migration operation.

Django's ``icontains`` compares ``UPPER(column::text)``, so the indexes are on that
expression and a search reads the index instead of every row. SQLite, the embedded default,
has no such index: there the operation does nothing and searches work as before.
"""

from django.db import migrations


def trigram_indexes(table: str, columns: list[str]) -> migrations.RunPython:
    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm "
                f"ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")

    return migrations.RunPython(create, drop)
