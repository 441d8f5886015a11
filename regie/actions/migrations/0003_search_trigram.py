"""Indexes for the title search (see regie.core.search_indexes)."""

from django.db import migrations

from regie.core.search_indexes import search_indexes

INDEXES = [
    ("action_title_trgm", "actions_action", "title"),
]

ORDER_INDEXES = [("search_action_raised", "actions_action", "raised_on")]


class Migration(migrations.Migration):
    dependencies = [("actions", "0002_action_action_open_due")]

    operations = [search_indexes(INDEXES, ORDER_INDEXES)]
