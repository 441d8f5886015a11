"""What the planning and risks API shows, and the typed input of a progress update.

A link to an object of another room (a meeting, a decision, a document, an action) is shown
only when the caller may see that object: the views annotate or prefetch what is visible, and
these serializers give null (or leave the id out of a list) otherwise.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regie.api.hiring import UnitRefSerializer
from regie.api.schema import NamedChoiceField
from regie.api.serializers import PersonRefSerializer
from regie.planning.models import (
    Activity,
    Goal,
    Milestone,
    Plan,
    ProgressUpdate,
    ReportingPeriod,
)
from regie.risks.models import Measure, Risk

MAX_PROGRESS_TEXT = 5000


def _visible_id(obj, field: str, flag: str) -> int | None:
    """The id in `field` when the view marked it visible in `flag`, else null."""
    return getattr(obj, field) if getattr(obj, flag, False) else None


class PlanSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    kind = NamedChoiceField(Plan.Kind.choices, enum_name="PlanKindEnum", read_only=True)
    status = NamedChoiceField(Plan.Status.choices, enum_name="PlanStatusEnum", read_only=True)
    approved_by_decision = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "title",
            "year",
            "kind",
            "status",
            "unit",
            "confidentiality",
            "approved_by_decision",
            "created_at",
            "version",
        ]

    @extend_schema_field(OpenApiTypes.INT)
    def get_approved_by_decision(self, plan: Plan) -> int | None:
        return _visible_id(plan, "approved_by_decision_id", "decision_visible")


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "plan", "title", "position", "version"]


class ActivitySerializer(serializers.ModelSerializer):
    owner = PersonRefSerializer(read_only=True)
    unit = UnitRefSerializer(read_only=True)
    status = NamedChoiceField(
        Activity.Status.choices, enum_name="ActivityStatusEnum", read_only=True
    )
    documents = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "plan",
            "goal",
            "title",
            "description",
            "owner",
            "unit",
            "start",
            "end",
            "status",
            "documents",
            "decisions",
            "version",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_documents(self, activity: Activity) -> list[int]:
        return [document.pk for document in getattr(activity, "visible_documents", [])]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_decisions(self, activity: Activity) -> list[int]:
        return [decision.pk for decision in getattr(activity, "visible_decisions", [])]


class MilestoneSerializer(serializers.ModelSerializer):
    kind = NamedChoiceField(Milestone.Kind.choices, enum_name="MilestoneKindEnum", read_only=True)
    meeting = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = ["id", "plan", "activity", "title", "date", "kind", "meeting", "version"]

    @extend_schema_field(OpenApiTypes.INT)
    def get_meeting(self, milestone: Milestone) -> int | None:
        return _visible_id(milestone, "meeting_id", "meeting_visible")


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "plan", "year", "name", "start", "end", "deadline", "version"]


class PeriodRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "name", "start", "end"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    period = PeriodRefSerializer(read_only=True)
    author = PersonRefSerializer(read_only=True, allow_null=True)
    status = NamedChoiceField(
        ProgressUpdate.Status.choices, enum_name="ProgressStatusEnum", read_only=True
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "activity",
            "period",
            "status",
            "percent",
            "text",
            "author",
            "created",
            "version",
        ]


class _ProgressFieldsSerializer(serializers.Serializer):
    status = NamedChoiceField(
        ProgressUpdate.Status.choices,
        enum_name="ProgressStatusEnum",
        error_messages={"invalid_choice": _("Onbekende status: {input}.")},
    )
    percent = serializers.IntegerField(
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": _("Geef het percentage op als geheel getal."),
            "min_value": _("Het percentage ligt tussen 0 en 100."),
            "max_value": _("Het percentage ligt tussen 0 en 100."),
        },
    )
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=MAX_PROGRESS_TEXT,
        trim_whitespace=False,
        error_messages={
            "max_length": _("De toelichting is te lang (hoogstens {max_length} tekens).")
        },
    )


class ProgressCreateSerializer(_ProgressFieldsSerializer):
    """The first update of an activity over a period; a second one is refused (409)."""

    activity = serializers.PrimaryKeyRelatedField(
        queryset=Activity.objects.none(),
        error_messages={
            "does_not_exist": _("Onbekende activiteit."),
            "incorrect_type": _("Kies een activiteit met een geldig nummer."),
        },
    )
    period = serializers.PrimaryKeyRelatedField(
        queryset=ReportingPeriod.objects.none(),
        error_messages={
            "does_not_exist": _("Onbekende rapportageperiode."),
            "incorrect_type": _("Kies een rapportageperiode met een geldig nummer."),
        },
    )

    def __init__(self, *args, activities=None, periods=None, **kwargs):
        super().__init__(*args, **kwargs)
        if activities is not None:
            self.fields["activity"].queryset = activities
        if periods is not None:
            self.fields["period"].queryset = periods


class ProgressChangeSerializer(_ProgressFieldsSerializer):
    """A change of an update, of the version the client last saw."""

    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        error_messages={"invalid": _("Geef de versie op als geheel getal.")},
    )


class StaleProgressSerializer(serializers.Serializer):
    """409: someone else saved the update first; `current` is how it stands now."""

    detail = serializers.CharField()
    current = ProgressUpdateSerializer()


class MeasureSerializer(serializers.ModelSerializer):
    owner = PersonRefSerializer(read_only=True)
    status = NamedChoiceField(Measure.Status.choices, enum_name="MeasureStatusEnum", read_only=True)
    action = serializers.SerializerMethodField()

    class Meta:
        model = Measure
        fields = ["id", "text", "owner", "due_date", "status", "action", "version"]

    @extend_schema_field(OpenApiTypes.INT)
    def get_action(self, measure: Measure) -> int | None:
        return _visible_id(measure, "action_id", "action_visible")


class RiskSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    owner = PersonRefSerializer(read_only=True)
    status = NamedChoiceField(Risk.Status.choices, enum_name="RiskStatusEnum", read_only=True)
    activity = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = Risk
        fields = [
            "id",
            "title",
            "cause",
            "event",
            "effect",
            "unit",
            "programme",
            "activity",
            "body",
            "probability",
            "impact",
            "score",
            "owner",
            "status",
            "review_date",
            "confidentiality",
            "measures",
            "created_at",
            "version",
        ]

    @extend_schema_field(OpenApiTypes.INT)
    def get_activity(self, risk: Risk) -> int | None:
        return _visible_id(risk, "activity_id", "activity_visible")

    @extend_schema_field(OpenApiTypes.INT)
    def get_body(self, risk: Risk) -> int | None:
        return _visible_id(risk, "body_id", "body_visible")
