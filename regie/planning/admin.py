from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regie.planning.models import Activity, Goal, Milestone, Plan, ProgressUpdate, ReportingPeriod


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "unit", "year", "kind", "status", "confidentiality")
    list_filter = ("year", "kind", "status", "confidentiality")
    search_fields = ("title", "unit__name")
    raw_id_fields = ("unit", "approved_by_decision")
    readonly_fields = ("version", "created_at")
    list_select_related = ("unit",)


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "plan", "position")
    raw_id_fields = ("plan",)
    readonly_fields = ("version",)


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "plan", "owner", "start", "end", "status")
    list_filter = ("status",)
    search_fields = ("title", "owner__name")
    raw_id_fields = ("plan", "goal", "owner", "unit", "documents", "decisions")
    readonly_fields = ("version",)
    list_select_related = ("plan", "owner")


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ("title", "plan", "date", "kind", "meeting")
    list_filter = ("kind",)
    raw_id_fields = ("plan", "activity", "meeting")
    readonly_fields = ("version",)
    list_select_related = ("plan", "meeting")


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
    list_display = ("name", "plan", "start", "end", "deadline")
    raw_id_fields = ("plan",)
    readonly_fields = ("version",)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ("activity", "period", "status", "percent", "author", "created")
    list_filter = ("status",)
    raw_id_fields = ("activity", "period", "author")
    readonly_fields = ("version", "created")
