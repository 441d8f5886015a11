"""Trigram indexes for the title search on PostgreSQL.

The search filters with `icontains`, which PostgreSQL runs as `UPPER(col::text) LIKE UPPER(%s)`;
a GIN index with `gin_trgm_ops` on exactly that expression answers it without reading every
row. Other databases keep their plain scan: nothing is created there.
"""

from django.db import migrations

INDEXES = [
    ("document_title_trgm", "documents_document", "title"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension: the database owner may create it. It stays when these
    # indexes are dropped again, as indexes of other apps use it too.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )
    # The planner's estimate of a LIKE on the expression needs statistics of the new index.
    for table in sorted({table for _name, table, _column in INDEXES}):
        schema_editor.execute(f'ANALYZE "{table}"')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_document_document_created")]

    operations = [migrations.RunPython(create, drop)]
