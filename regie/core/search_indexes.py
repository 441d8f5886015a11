"""Indexes for the title search, as one migration operation per app.

The search filters with `icontains`, which PostgreSQL runs as `UPPER(col::text) LIKE UPPER(%s)`;
a GIN index with `gin_trgm_ops` on exactly that expression answers it without reading every
row. Other databases keep their plain scan: no trigram index is created there.

The search lists the newest matches first; plain indexes on the order columns (on every
database) let a common word read the newest rows until a section is full.

Migrations import this module: keep `search_indexes` and what it creates unchanged.
"""

from __future__ import annotations

from django.db import migrations

Index = tuple[str, str, str]  # (index name, table, column)


def search_indexes(trigram: list[Index], order: list[Index] | None = None) -> migrations.RunPython:
    order = order or []

    def create(apps, schema_editor) -> None:
        for name, table, column in order:
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")')
        if schema_editor.connection.vendor != "postgresql":
            return
        # pg_trgm is a trusted extension: the database owner may create it. It stays when
        # these indexes are dropped again, as indexes of other apps use it too.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in trigram:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )
        # The planner's estimate of a LIKE on the expression needs statistics of the new index.
        for table in sorted({table for _name, table, _column in trigram}):
            schema_editor.execute(f'ANALYZE "{table}"')

    def drop(apps, schema_editor) -> None:
        for name, _table, _column in order:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _table, _column in trigram:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop)
