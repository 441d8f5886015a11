"""Indexes for the title search: trigram indexes on PostgreSQL, order indexes everywhere.

The search filters with `icontains`, which PostgreSQL runs as `UPPER(col::text) LIKE UPPER(%s)`;
a GIN index with `gin_trgm_ops` on exactly that expression answers it without reading every
row. Other databases keep their plain scan: nothing is created there.

The search lists the newest matches first; plain indexes on the order columns (on every
database) let a common word read the newest rows until a section is full.
"""

from django.db import migrations

INDEXES = [
    ("meeting_title_trgm", "meetings_meeting", "title"),
    ("agendaitem_title_trgm", "meetings_agendaitem", "title"),
    ("decision_text_trgm", "meetings_decision", "text"),
    ("decision_number_trgm", "meetings_decision", "number"),
    ("proposal_title_trgm", "meetings_proposal", "title"),
]

ORDER_INDEXES = [
    ("search_meeting_starts", "meetings_meeting", "starts_at"),
    ("search_decision_decided", "meetings_decision", "decided_on"),
]


def create(apps, schema_editor):
    for name, table, column in ORDER_INDEXES:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")')
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
    for name, _table, _column in ORDER_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
