"""Indexes for the title search (see regie.core.search_indexes)."""

from django.db import migrations

from regie.core.search_indexes import search_indexes

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


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [search_indexes(INDEXES, ORDER_INDEXES)]
