from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regie.actions.models import Action, ProgressNote


class ProgressNoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0
    fields = ("created_at", "author", "text", "status_after")
    readonly_fields = ("created_at",)
    autocomplete_fields = ()
    raw_id_fields = ("author",)


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("title", "owner", "body", "status", "due_date", "is_commitment", "closed_on")
    list_filter = ("status", "is_commitment", "confidentiality", "body")
    search_fields = ("title", "description", "source_label", "owner__name")
    date_hierarchy = "due_date"
    raw_id_fields = ("owner", "body", "due_meeting")
    readonly_fields = ("source_type", "source_id", "version", "created_at")
    list_select_related = ("owner", "body")
    inlines = [ProgressNoteInline]
