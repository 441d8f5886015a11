from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regie.risks.models import Measure, Risk


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    fields = ("text", "owner", "due_date", "status", "action")
    raw_id_fields = ("owner", "action")


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ("title", "unit", "score", "probability", "impact", "owner", "status")
    list_filter = ("status", "confidentiality", "unit")
    search_fields = ("title", "cause", "event", "effect", "programme", "owner__name")
    raw_id_fields = ("unit", "owner", "body", "activity", "created_by")
    readonly_fields = ("score", "version", "created_at")
    list_select_related = ("unit", "owner")
    inlines = [MeasureInline]

    def save_model(self, request, obj, form, change):
        # The score is always probability x impact (the database checks it too).
        obj.score = obj.probability * obj.impact
        super().save_model(request, obj, form, change)
