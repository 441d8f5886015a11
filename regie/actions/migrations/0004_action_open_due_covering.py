"""A covering index for counting the open actions on PostgreSQL.

The open actions in list order (`action_open_due`) also carrying what the visibility rules and
the filters read (owner, body, level, commitment): the count of "te laat" is then an
index-only scan instead of fetching some 20,000 rows. SQLite has no covering indexes; it keeps
`action_open_due`.
"""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS "action_open_due_covering" ON "actions_action" '
    '("due_date", "id") INCLUDE ("owner_id", "body_id", "confidentiality", "is_commitment") '
    "WHERE \"status\" IN ('open', 'in_progress')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('DROP INDEX IF EXISTS "action_open_due_covering"')


class Migration(migrations.Migration):
    dependencies = [("actions", "0003_search_trigram")]

    operations = [migrations.RunPython(create, drop)]
