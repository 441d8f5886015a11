from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regie.hiring import models


class RequirementInline(admin.TabularInline):
    model = models.Requirement
    extra = 0


class CriterionInline(admin.TabularInline):
    model = models.AwardCriterion
    extra = 0


class CompetencyInline(admin.TabularInline):
    model = models.Competency
    extra = 0


@admin.register(models.HiringRequest)
class HiringRequestAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organisation", "status", "deadline"]
    list_filter = ["status", "is_das"]
    search_fields = ["title", "organisation"]
    inlines = [RequirementInline, CriterionInline, CompetencyInline]


@admin.register(models.Supplier)
class SupplierAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kvk_number", "waadi_checked_on", "sna_registered"]
    search_fields = ["name", "kvk_number"]


@admin.register(models.Candidate)
class CandidateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "request", "supplier", "hourly_rate", "status"]
    list_filter = ["status"]
    search_fields = ["name"]


@admin.register(models.Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ["person_name", "request", "start", "end", "status"]
