"""The hiring API (inhuur), read only: requests, candidates and contracts.

Every queryset starts from `regie.hiring.access`: a candidate or contract is visible exactly
when its request is, so an object the caller may not see is a 404 and never data. A CV is
never served here, only whether there is one. Lists preload what the serializers show, and the
ranks of a page of candidates come from two queries, so a page costs the same number of queries
whatever its length.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from regie.api.schema import NamedChoiceField
from regie.api.serializers import PersonRefSerializer
from regie.api.views import ReadOnlyViewSet, _int_param, _param
from regie.core.models import OrganisationUnit
from regie.core.workdays import WorkingCalendar, working_calendar
from regie.hiring.access import visible_contracts, visible_requests
from regie.hiring.models import (
    AwardCriterion,
    Candidate,
    Competency,
    Contract,
    ContractExtension,
    ContractForm,
    ExecutionCondition,
    HiringRequest,
    ProcedureStep,
    Requirement,
    Supplier,
)
from regie.hiring.queries import RANKED_STATUSES, request_list, with_totals
from regie.hiring.ranking import Entry, ranking

# --- serializers ------------------------------------------------------------------------------


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationUnit
        fields = ["id", "name"]


class HiringRequestRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = HiringRequest
        fields = ["id", "title"]


class SupplierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Supplier
        fields = ["id", "name", "kvk_number", "waadi_registered", "sna_registered"]


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["id", "position", "text"]


class ExecutionConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExecutionCondition
        fields = ["id", "position", "text"]


class AwardCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardCriterion
        fields = ["id", "position", "text", "points"]


class CompetencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Competency
        fields = ["id", "position", "name"]


class ProcedureStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcedureStep
        fields = ["id", "position", "text"]


class HiringRequestSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    secretary = PersonRefSerializer(read_only=True, allow_null=True)
    team_lead = PersonRefSerializer(read_only=True, allow_null=True)
    status = NamedChoiceField(
        HiringRequest.Status.choices, enum_name="HiringRequestStatusEnum", read_only=True
    )
    vog_moment = NamedChoiceField(
        HiringRequest.VogMoment.choices, enum_name="VogMomentEnum", read_only=True
    )
    allowed_contract_forms = serializers.ListField(
        child=NamedChoiceField(ContractForm.choices, enum_name="ContractFormEnum"),
        read_only=True,
    )
    requirements = RequirementSerializer(many=True, read_only=True)
    execution_conditions = ExecutionConditionSerializer(many=True, read_only=True)
    criteria = AwardCriterionSerializer(many=True, read_only=True)
    competencies = CompetencySerializer(many=True, read_only=True)
    procedure_steps = ProcedureStepSerializer(many=True, read_only=True)
    candidate_count = serializers.IntegerField(read_only=True)
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = HiringRequest
        fields = [
            "id",
            "title",
            "organisation",
            "location",
            "unit",
            "status",
            "confidentiality",
            "secretary",
            "team_lead",
            "hours_per_week_min",
            "hours_per_week_max",
            "start_date",
            "end_date",
            "start_text",
            "extension_options",
            "extension_count",
            "extension_months",
            "max_total_months",
            "max_rate",
            "deadline",
            "award_total_points",
            "candidates_to_select",
            "allowed_contract_forms",
            "is_das",
            "waadi_required",
            "sna_required",
            "vog_moment",
            "requirements",
            "execution_conditions",
            "criteria",
            "competencies",
            "procedure_steps",
            "candidate_count",
            "warnings",
            "created_at",
            "version",
        ]


class CandidateSerializer(serializers.ModelSerializer):
    request = HiringRequestRefSerializer(read_only=True)
    supplier = SupplierSerializer(read_only=True, allow_null=True)
    contract_form = NamedChoiceField(
        ContractForm.choices, enum_name="ContractFormEnum", read_only=True
    )
    status = NamedChoiceField(
        Candidate.Status.choices, enum_name="CandidateStatusEnum", read_only=True
    )
    has_cv = serializers.SerializerMethodField()
    selection_round = serializers.IntegerField(
        source="selection_round.number", read_only=True, allow_null=True
    )
    total_points = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)
    rank = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = [
            "id",
            "request",
            "name",
            "supplier",
            "contract_form",
            "hourly_rate",
            "available_from",
            "hours_per_week",
            "permanently_employed_by_supplier",
            "has_cv",
            "status",
            "knockout_reason",
            "rejection_reason",
            "selection_round",
            "lot_number",
            "total_points",
            "rank",
            "created_at",
        ]

    def get_has_cv(self, candidate: Candidate) -> bool:
        return bool(candidate.cv)

    @extend_schema_field(
        {
            "type": "integer",
            "nullable": True,
            "description": "Plaats in de rangorde van de aanvraag; leeg zolang niet beoordeeld.",
        }
    )
    def get_rank(self, candidate: Candidate) -> int | None:
        return getattr(candidate, "rank", None)


class ContractExtensionSerializer(serializers.ModelSerializer):
    decided_by = PersonRefSerializer(source="decided_by.person", read_only=True, allow_null=True)

    class Meta:
        model = ContractExtension
        fields = ["id", "months", "previous_end", "new_end", "decided_on", "decided_by", "note"]


class ContractSerializer(serializers.ModelSerializer):
    request = HiringRequestRefSerializer(read_only=True)
    supplier = SupplierSerializer(read_only=True, allow_null=True)
    status = NamedChoiceField(
        Contract.Status.choices, enum_name="ContractStatusEnum", read_only=True
    )
    extensions = ContractExtensionSerializer(many=True, read_only=True)
    alert_on = serializers.SerializerMethodField()
    working_days_left = serializers.SerializerMethodField()
    alert = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "request",
            "candidate",
            "person_name",
            "supplier",
            "start",
            "original_end",
            "end",
            "hours_per_week",
            "hourly_rate",
            "extension_count",
            "extension_months",
            "max_total_months",
            "extensions",
            "alert_working_days",
            "alert_on",
            "working_days_left",
            "alert",
            "status",
            "version",
        ]

    def _calendar(self) -> WorkingCalendar:
        calendar = self.context.get("calendar")
        if calendar is None:
            calendar = self.context["calendar"] = working_calendar()
        return calendar

    def _today(self) -> date:
        return self.context.get("today") or timezone.localdate()

    @extend_schema_field(
        {
            "type": "string",
            "format": "date",
            "description": "Vanaf deze dag signaleert Regie dat het contract afloopt.",
        }
    )
    def get_alert_on(self, contract: Contract) -> date:
        return alert_date(contract.end, contract.alert_working_days, self._calendar())

    def get_working_days_left(self, contract: Contract) -> int:
        today = self._today()
        if contract.end < today:
            return 0
        return self._calendar().count_between(today, contract.end)

    def get_alert(self, contract: Contract) -> bool:
        today = self._today()
        return (
            contract.status == Contract.Status.ACTIVE
            and contract.end >= today
            and self.get_working_days_left(contract) <= contract.alert_working_days
        )


# --- helpers ----------------------------------------------------------------------------------


def alert_date(end: date, working_days: int, calendar: WorkingCalendar) -> date:
    """The first day on which at most `working_days` working days are left until `end`.

    The same count as the contract list: working days after the day up to and including
    the end date.
    """
    day = end
    left = 0
    while True:
        before = day - timedelta(days=1)
        left_before = left + (1 if calendar.is_working_day(day) else 0)
        if left_before > working_days:
            return day
        day, left = before, left_before


def ranks_for(request_ids: set[int]) -> dict[int, int]:
    """Candidate id -> place in the ranking of its request, for these requests at once."""
    if not request_ids:
        return {}
    criteria = dict(
        AwardCriterion.objects.filter(request_id__in=request_ids)
        .order_by()
        .values("request_id")
        .annotate(n=Count("id"))
        .values_list("request_id", "n")
    )
    rows = (
        with_totals(
            Candidate.objects.filter(request_id__in=request_ids, status__in=RANKED_STATUSES)
        )
        .order_by()
        .values_list(
            "pk", "request_id", "name", "total_points", "hourly_rate", "lot_number", "score_count"
        )
    )
    entries: dict[int, list[Entry]] = defaultdict(list)
    for pk, request_id, name, total, rate, lot, scored in rows:
        if scored == criteria.get(request_id, 0):
            entries[request_id].append(Entry(pk, name, Decimal(total), Decimal(rate), lot))
    return {
        ranked.entry.candidate_id: ranked.position
        for group in entries.values()
        for ranked in ranking(group)
    }


def _statuses(request: Request, choices: list[str]) -> list[str]:
    raw = request.query_params.get("status", "")
    statuses = [v.strip() for v in raw.split(",") if v.strip()]
    unknown = sorted(set(statuses) - set(choices))
    if unknown:
        raise ValidationError(
            {"status": [_("Onbekende status: %(s)s.") % {"s": ", ".join(unknown)}]}
        )
    return statuses


def _status_param(choices: list[str]) -> OpenApiParameter:
    return _param(
        "status",
        OpenApiTypes.STR,
        "Eén of meer statussen, met komma's: " + ", ".join(choices) + ".",
    )


def _request_param(what: str) -> OpenApiParameter:
    return _param("request", OpenApiTypes.INT, f"Alleen {what} van deze inhuuraanvraag.")


# --- views ------------------------------------------------------------------------------------


@extend_schema(tags=["inhuur"])
@extend_schema(methods=["GET"], parameters=[_status_param(HiringRequest.Status.values)])
class HiringRequestViewSet(ReadOnlyViewSet):
    """Inhuuraanvragen with their eisen, gunningscriteria and competenties."""

    serializer_class = HiringRequestSerializer

    def get_queryset(self) -> QuerySet:
        qs = (
            request_list(visible_requests(self.request.user))
            .select_related("unit")
            .prefetch_related(
                "requirements",
                "execution_conditions",
                "criteria",
                "competencies",
                "procedure_steps",
            )
        )
        if self.action == "list":
            statuses = _statuses(self.request, HiringRequest.Status.values)
            if statuses:
                qs = qs.filter(status__in=statuses)
        return qs.order_by("-created_at", "-id")


@extend_schema(tags=["inhuur"])
@extend_schema(
    methods=["GET"],
    parameters=[_request_param("kandidaten"), _status_param(Candidate.Status.values)],
)
class CandidateViewSet(ReadOnlyViewSet):
    """Kandidaten (inschrijvingen), with their total points and rank; never the CV itself."""

    serializer_class = CandidateSerializer

    def get_queryset(self) -> QuerySet:
        # The rule of regie.hiring.access.get_candidate_for_user: visible with the request.
        qs = with_totals(
            Candidate.objects.filter(request__in=visible_requests(self.request.user))
        ).select_related("request", "supplier", "selection_round")
        if self.action == "list":
            request_id = _int_param(
                self.request, "request", _("Geef de inhuuraanvraag op als nummer.")
            )
            if request_id is not None:
                qs = qs.filter(request_id=request_id)
            statuses = _statuses(self.request, Candidate.Status.values)
            if statuses:
                qs = qs.filter(status__in=statuses)
        return qs.order_by("request_id", "name", "id")

    def list(self, request: Request, *args, **kwargs) -> Response:
        qs = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(qs)
        rows = list(page if page is not None else qs)
        ranks = ranks_for({c.request_id for c in rows})
        for candidate in rows:
            candidate.rank = ranks.get(candidate.pk)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        candidate = self.get_object()
        candidate.rank = ranks_for({candidate.request_id}).get(candidate.pk)
        return Response(self.get_serializer(candidate).data)


@extend_schema(tags=["inhuur"])
@extend_schema(
    methods=["GET"],
    parameters=[_request_param("contracten"), _status_param(Contract.Status.values)],
)
class ContractViewSet(ReadOnlyViewSet):
    """Contracten with their verlengingen and the date from which their end is signalled."""

    serializer_class = ContractSerializer

    def get_queryset(self) -> QuerySet:
        qs = (
            visible_contracts(self.request.user)
            .select_related("request", "supplier")
            .prefetch_related(
                Prefetch(
                    "extensions",
                    queryset=ContractExtension.objects.select_related(
                        "decided_by__person"
                    ).order_by("decided_on", "id"),
                )
            )
        )
        if self.action == "list":
            request_id = _int_param(
                self.request, "request", _("Geef de inhuuraanvraag op als nummer.")
            )
            if request_id is not None:
                qs = qs.filter(request_id=request_id)
            statuses = _statuses(self.request, Contract.Status.values)
            if statuses:
                qs = qs.filter(status__in=statuses)
        return qs.order_by("end", "id")

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "today": timezone.localdate()}
