"""Beheer of the organisation: units, people, bodies with members, closing days, security log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from regie.core.models import (
    AuditEvent,
    Body,
    BodyMembership,
    ClosingDay,
    ExternalOrganisation,
    OrganisationUnit,
    Person,
)


class ChildUnitInline(admin.TabularInline):
    model = OrganisationUnit
    fk_name = "parent"
    extra = 0
    fields = ("name", "kind")
    verbose_name = _("onderliggend onderdeel")
    verbose_name_plural = _("onderliggende onderdelen")


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)
    list_select_related = ("parent",)
    raw_id_fields = ("parent",)
    inlines = [ChildUnitInline]


@admin.register(ExternalOrganisation)
class ExternalOrganisationAdmin(SimpleHistoryAdmin):
    search_fields = ("name",)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "role", "unit", "organisation", "email", "user")
    list_filter = ("role", "unit")
    search_fields = ("name", "email", "user__username")
    list_select_related = ("unit", "organisation", "user")
    raw_id_fields = ("user", "unit", "organisation")


class BodyMembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 1
    raw_id_fields = ("person",)


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "confidentiality", "chair", "secretary", "is_active")
    list_filter = ("kind", "confidentiality", "is_active", "retention")
    search_fields = ("name", "code")
    list_select_related = ("chair", "secretary")
    raw_id_fields = ("unit", "chair", "secretary")
    inlines = [BodyMembershipInline]


@admin.register(ClosingDay)
class ClosingDayAdmin(SimpleHistoryAdmin):
    list_display = ("date", "name")
    date_hierarchy = "date"


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The security log is read only: nobody adds, changes or deletes events here."""

    list_display = ("at", "actor", "action", "object_repr", "result", "origin")
    list_filter = ("action", "result")
    search_fields = ("actor", "object_repr", "origin")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
