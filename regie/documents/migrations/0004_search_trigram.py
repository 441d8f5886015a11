"""Indexes for the title search (see regie.core.search_indexes)."""

from django.db import migrations

from regie.core.search_indexes import search_indexes

INDEXES = [
    ("document_title_trgm", "documents_document", "title"),
]


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_document_document_created")]

    operations = [search_indexes(INDEXES)]
