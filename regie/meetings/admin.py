"""Admin for functional administrators: look up and correct; daily work goes through the pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regie.meetings.models import AgendaItem, Decision, Meeting, Proposal, ProposalStep


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "parent", "title", "purpose", "duration_minutes", "confidentiality")
    readonly_fields = ("parent",)
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "body", "starts_at", "status")
    list_filter = ("status", "body")
    date_hierarchy = "starts_at"
    search_fields = ("title", "body__name", "location")
    list_select_related = ("body",)
    readonly_fields = ("status", "minutes_approved_in", "version")
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "meeting", "position", "purpose", "status", "confidentiality")
    list_filter = ("purpose", "status", "confidentiality")
    search_fields = ("title",)
    list_select_related = ("meeting__body",)
    raw_id_fields = ("meeting", "parent", "presenter", "held_over_from", "proposal_step")
    filter_horizontal = ("documents",)
    readonly_fields = ("version",)


class ProposalStepInline(admin.TabularInline):
    model = ProposalStep
    extra = 0
    fields = ("position", "body", "meeting", "outcome", "outcome_note", "decided_on")
    raw_id_fields = ("meeting",)


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "owner", "confidentiality", "created_at")
    list_filter = ("confidentiality",)
    search_fields = ("title",)
    list_select_related = ("owner",)
    raw_id_fields = ("owner",)
    filter_horizontal = ("documents",)
    inlines = [ProposalStepInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    """Numbers are handed out by the minutes service; here they are only looked up."""

    list_display = ("number", "body", "decided_on", "confidentiality", "is_withdrawn")
    list_filter = ("body", "year", "confidentiality", "is_withdrawn")
    search_fields = ("number", "text")
    list_select_related = ("body",)
    readonly_fields = ("body", "year", "sequence", "number", "meeting", "agenda_item", "version")
