from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regie.documents.models import Document, DocumentVersion, ReviewRoute, ReviewStep


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = ("number", "original_name", "content_type", "size", "sha256", "uploaded_by")
    readonly_fields = fields
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # versions are added through the upload checks only


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "body", "author", "confidentiality", "created_at")
    list_filter = ("kind", "confidentiality", "body")
    search_fields = ("title",)
    list_select_related = ("body", "author")
    raw_id_fields = ("author",)
    inlines = [DocumentVersionInline]


class ReviewStepInline(admin.TabularInline):
    model = ReviewStep
    extra = 0
    fields = ("position", "label", "reviewer", "working_days_before", "due_date", "status")
    raw_id_fields = ("reviewer",)


@admin.register(ReviewRoute)
class ReviewRouteAdmin(SimpleHistoryAdmin):
    list_display = ("document", "target_label", "target_date")
    list_select_related = ("document",)
    search_fields = ("document__title", "target_label")
    raw_id_fields = ("document",)
    inlines = [ReviewStepInline]
