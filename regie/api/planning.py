"""The planning and risks API: plans, goals, activities, milestones, reporting periods,
progress updates and risks with their measures; progress updates can also be written.

Every queryset starts from the visibility helpers of the pages (`regie.planning.access`,
`regie.risks.access`), so an object the caller may not see is a 404 and never data. A link to
an object of another room (meeting, decision, document, action, body) is only shown when the
caller may see it. Lists preload what the serializers show, so a page costs the same number of
queries whatever its length. Progress is written through `regie.planning.services`.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from regie.actions.access import visible_actions
from regie.api import serializers_planning as s
from regie.api.permissions import NoLoginRedirect
from regie.api.views import ReadOnlyViewSet, _domain_error, _int_param, _param
from regie.core.access import visible_bodies
from regie.core.errors import DomainError, StaleEditError
from regie.documents.access import visible_documents
from regie.meetings.access import visible_decisions, visible_meetings
from regie.planning import services as planning_services
from regie.planning.access import (
    plan_level_q,
    visible_activities,
    visible_milestones,
    visible_periods,
    visible_plans,
)
from regie.planning.models import (
    Activity,
    Goal,
    Milestone,
    Plan,
    ProgressUpdate,
)
from regie.planning.rules import can_report_progress
from regie.risks.access import visible_risks
from regie.risks.models import Measure, Risk
from regie.risks.queries import unit_and_below

# --- query parameters -------------------------------------------------------------------------


def _choices(request: Request, name: str, choices: list[str]) -> list[str]:
    raw = request.query_params.get(name, "")
    values = [v.strip() for v in raw.split(",") if v.strip()]
    unknown = sorted(set(values) - set(choices))
    if unknown:
        message = (
            _("Onbekende status: %(s)s.") if name == "status" else _("Onbekende soort: %(s)s.")
        )
        raise ValidationError({name: [message % {"s": ", ".join(unknown)[:200]}]})
    return values


def _date(request: Request, name: str) -> date | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        if not raw.isascii() or len(raw) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: [_("Geef de datum op als JJJJ-MM-DD.")]}) from None


def _choice_param(name: str, what: str, choices: list[str]) -> OpenApiParameter:
    return _param(name, OpenApiTypes.STR, f"Eén of meer {what}, met komma's: {', '.join(choices)}.")


def _id(request: Request, name: str, message: str, qs: QuerySet, lookup: str) -> QuerySet:
    value = _int_param(request, name, message)
    return qs if value is None else qs.filter(**{lookup: value})


PLAN_PARAM = _param("plan", OpenApiTypes.INT, "Alleen van dit plan.")
UNIT_PARAM = _param("unit", OpenApiTypes.INT, "Alleen van dit organisatieonderdeel.")
YEAR_PARAM = _param("year", OpenApiTypes.INT, "Alleen van dit jaar.")
ACTIVITY_PARAM = _param("activity", OpenApiTypes.INT, "Alleen van deze activiteit.")
OWNER_PARAM = _param("owner", OpenApiTypes.INT, "Alleen van deze eigenaar (persoon).")
PERIOD_PARAM = _param("period", OpenApiTypes.INT, "Alleen over deze rapportageperiode.")

MSG_PLAN = gettext_noop("Geef het plan op als nummer.")
MSG_UNIT = gettext_noop("Geef het organisatieonderdeel op als nummer.")
MSG_YEAR = gettext_noop("Geef het jaar op als getal.")
MSG_ACTIVITY = gettext_noop("Geef de activiteit op als nummer.")
MSG_OWNER = gettext_noop("Geef de eigenaar op als nummer.")
MSG_PERIOD = gettext_noop("Geef de rapportageperiode op als nummer.")


def _plan_filter(request: Request, qs: QuerySet, prefix: str = "") -> QuerySet:
    return _id(request, "plan", _(MSG_PLAN), qs, f"{prefix}plan_id")


# --- plans ------------------------------------------------------------------------------------


@extend_schema(tags=["planning"])
@extend_schema(
    methods=["GET"],
    parameters=[
        YEAR_PARAM,
        UNIT_PARAM,
        _choice_param("status", "statussen", Plan.Status.values),
        _choice_param("kind", "soorten", Plan.Kind.values),
    ],
)
class PlanViewSet(ReadOnlyViewSet):
    """Jaarplannen en werkplannen."""

    serializer_class = s.PlanSerializer

    def get_queryset(self) -> QuerySet:
        decisions = visible_decisions(self.request.user).filter(
            pk=OuterRef("approved_by_decision_id")
        )
        qs = (
            visible_plans(self.request.user)
            .select_related("unit")
            .annotate(decision_visible=Exists(decisions))
        )
        if self.action == "list":
            request = self.request
            qs = _id(request, "year", _(MSG_YEAR), qs, "year")
            qs = _id(request, "unit", _(MSG_UNIT), qs, "unit_id")
            statuses = _choices(request, "status", Plan.Status.values)
            if statuses:
                qs = qs.filter(status__in=statuses)
            kinds = _choices(request, "kind", Plan.Kind.values)
            if kinds:
                qs = qs.filter(kind__in=kinds)
        return qs.order_by("-year", "unit__name", "kind", "id")


@extend_schema(tags=["planning"])
@extend_schema(methods=["GET"], parameters=[PLAN_PARAM])
class GoalViewSet(ReadOnlyViewSet):
    """Doelstellingen van een plan."""

    serializer_class = s.GoalSerializer

    def get_queryset(self) -> QuerySet:
        qs = Goal.objects.filter(plan_level_q(self.request.user, "plan__"))
        if self.action == "list":
            qs = _plan_filter(self.request, qs)
        return qs.order_by("plan_id", "position", "id")


@extend_schema(tags=["planning"])
@extend_schema(
    methods=["GET"],
    parameters=[
        PLAN_PARAM,
        UNIT_PARAM,
        OWNER_PARAM,
        _param("goal", OpenApiTypes.INT, "Alleen bij deze doelstelling."),
        _choice_param("status", "statussen", Activity.Status.values),
    ],
)
class ActivityViewSet(ReadOnlyViewSet):
    """Activiteiten, met de stukken en besluiten die de aanvrager mag zien."""

    serializer_class = s.ActivitySerializer

    def get_queryset(self) -> QuerySet:
        user = self.request.user
        qs = (
            visible_activities(user)
            .select_related("owner", "unit")
            .prefetch_related(
                Prefetch(
                    "documents",
                    queryset=visible_documents(user).only("id").order_by("id"),
                    to_attr="visible_documents",
                ),
                Prefetch(
                    "decisions",
                    queryset=visible_decisions(user).only("id").order_by("id"),
                    to_attr="visible_decisions",
                ),
            )
        )
        if self.action == "list":
            request = self.request
            qs = _plan_filter(request, qs)
            qs = _id(request, "unit", _(MSG_UNIT), qs, "unit_id")
            qs = _id(request, "owner", _(MSG_OWNER), qs, "owner_id")
            qs = _id(request, "goal", _("Geef de doelstelling op als nummer."), qs, "goal_id")
            statuses = _choices(request, "status", Activity.Status.values)
            if statuses:
                qs = qs.filter(status__in=statuses)
        return qs.order_by("plan_id", "start", "id")


@extend_schema(tags=["planning"])
@extend_schema(
    methods=["GET"],
    parameters=[
        PLAN_PARAM,
        ACTIVITY_PARAM,
        _choice_param("kind", "soorten", Milestone.Kind.values),
        _param("from", OpenApiTypes.DATE, "Alleen op of na deze datum (JJJJ-MM-DD)."),
        _param("to", OpenApiTypes.DATE, "Alleen op of vóór deze datum (JJJJ-MM-DD)."),
    ],
)
class MilestoneViewSet(ReadOnlyViewSet):
    """Mijlpalen en beslismomenten (kind=decision_moment), met hun vergadering."""

    serializer_class = s.MilestoneSerializer

    def get_queryset(self) -> QuerySet:
        meetings = visible_meetings(self.request.user).filter(pk=OuterRef("meeting_id"))
        qs = visible_milestones(self.request.user).annotate(meeting_visible=Exists(meetings))
        if self.action == "list":
            request = self.request
            qs = _plan_filter(request, qs)
            qs = _id(request, "activity", _(MSG_ACTIVITY), qs, "activity_id")
            kinds = _choices(request, "kind", Milestone.Kind.values)
            if kinds:
                qs = qs.filter(kind__in=kinds)
            start, end = _date(request, "from"), _date(request, "to")
            if start is not None:
                qs = qs.filter(date__gte=start)
            if end is not None:
                qs = qs.filter(date__lte=end)
        return qs.order_by("date", "id")


@extend_schema(tags=["planning"])
@extend_schema(methods=["GET"], parameters=[YEAR_PARAM, PLAN_PARAM])
class PeriodViewSet(ReadOnlyViewSet):
    """Rapportageperiodes: van alle plannen van een jaar, of van één plan."""

    serializer_class = s.PeriodSerializer

    def get_queryset(self) -> QuerySet:
        qs = visible_periods(self.request.user)
        if self.action == "list":
            qs = _id(self.request, "year", _(MSG_YEAR), qs, "year")
            qs = _plan_filter(self.request, qs)
        return qs.order_by("start", "id")


# --- progress ---------------------------------------------------------------------------------


@extend_schema(tags=["planning"])
@extend_schema(
    methods=["GET"],
    parameters=[
        PLAN_PARAM,
        ACTIVITY_PARAM,
        PERIOD_PARAM,
        UNIT_PARAM,
        _choice_param("status", "statussen", ProgressUpdate.Status.values),
    ],
)
class ProgressUpdateViewSet(
    NoLoginRedirect,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Voortgangsupdates: één per activiteit en periode. Aanmaken (POST) en wijzigen (PATCH,
    met de versie die u het laatst zag) mag de eigenaar van de activiteit of wie plannen
    beheert."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_converter = "int"

    def get_serializer_class(self):
        if self.action == "create":
            return s.ProgressCreateSerializer
        if self.action == "partial_update":
            return s.ProgressChangeSerializer
        return s.ProgressUpdateSerializer

    def get_queryset(self) -> QuerySet:
        qs = self._visible().select_related("period", "author")
        if self.action == "list":
            request = self.request
            qs = _plan_filter(request, qs, "activity__")
            qs = _id(request, "activity", _(MSG_ACTIVITY), qs, "activity_id")
            qs = _id(request, "period", _(MSG_PERIOD), qs, "period_id")
            qs = _id(request, "unit", _(MSG_UNIT), qs, "activity__unit_id")
            statuses = _choices(request, "status", ProgressUpdate.Status.values)
            if statuses:
                qs = qs.filter(status__in=statuses)
        return qs.order_by("-period__start", "activity_id", "id")

    def _visible(self) -> QuerySet[ProgressUpdate]:
        return ProgressUpdate.objects.filter(plan_level_q(self.request.user, "activity__plan__"))

    def _current(self, pk: int) -> dict:
        update = self._visible().select_related("period", "author").get(pk=pk)
        return s.ProgressUpdateSerializer(update).data

    def _stale(self, error: StaleEditError) -> Response:
        current = error.current
        data = self._current(getattr(current, "pk", 0)) if current is not None else None
        return Response({"detail": error.message, "current": data}, status.HTTP_409_CONFLICT)

    @extend_schema(
        request=s.ProgressCreateSerializer,
        responses={
            201: s.ProgressUpdateSerializer,
            400: OpenApiResponse(description="Ongeldige invoer; de melding zegt waarom."),
            403: OpenApiResponse(description="Alleen de eigenaar of wie plannen beheert."),
            409: s.StaleProgressSerializer,
        },
    )
    def create(self, request: Request) -> Response:
        serializer = s.ProgressCreateSerializer(
            data=request.data,
            activities=visible_activities(request.user).select_related("plan"),
            periods=visible_periods(request.user),
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not can_report_progress(request.user, data["activity"]):
            raise PermissionDenied(
                _("Alleen de eigenaar van de activiteit of de secretaris werkt de voortgang bij.")
            )
        try:
            update = planning_services.progress_record(actor=request.user, **data)
        except StaleEditError as error:
            return self._stale(error)
        except DomainError as error:
            raise _domain_error(error) from error
        return Response(self._current(update.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ProgressChangeSerializer,
        responses={
            200: s.ProgressUpdateSerializer,
            400: OpenApiResponse(description="Ongeldige invoer; de melding zegt waarom."),
            403: OpenApiResponse(description="Alleen de eigenaar of wie plannen beheert."),
            409: s.StaleProgressSerializer,
        },
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        update = self.get_object()
        activity = Activity.objects.select_related("plan").get(pk=update.activity_id)
        if not can_report_progress(request.user, activity):
            raise PermissionDenied(
                _("Alleen de eigenaar van de activiteit of de secretaris werkt de voortgang bij.")
            )
        serializer = s.ProgressChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            planning_services.progress_record(
                actor=request.user,
                activity=activity,
                period=update.period,
                status=data["status"],
                percent=data["percent"],
                text=data["text"],
                expected_version=data["version"],
            )
        except StaleEditError as error:
            return self._stale(error)
        except DomainError as error:
            raise _domain_error(error) from error
        return Response(self._current(update.pk))


# --- risks ------------------------------------------------------------------------------------


@extend_schema(tags=["risico's"])
@extend_schema(
    methods=["GET"],
    parameters=[
        _param("unit", OpenApiTypes.INT, "Alleen van dit organisatieonderdeel en die eronder."),
        OWNER_PARAM,
        _param("body", OpenApiTypes.INT, "Alleen gemeld aan dit gremium."),
        ACTIVITY_PARAM,
        _choice_param("status", "statussen", Risk.Status.values),
        _param("min_score", OpenApiTypes.INT, "Alleen met een score (kans x impact) van minstens."),
    ],
)
class RiskViewSet(ReadOnlyViewSet):
    """Risico's met hun beheersmaatregelen, hoogste score eerst."""

    serializer_class = s.RiskSerializer

    def get_queryset(self) -> QuerySet:
        user = self.request.user
        actions = visible_actions(user).filter(pk=OuterRef("action_id"))
        measures = (
            Measure.objects.select_related("owner")
            .annotate(action_visible=Exists(actions))
            .order_by("due_date", "id")
        )
        qs = (
            visible_risks(user)
            .select_related("unit", "owner")
            .annotate(
                activity_visible=Exists(
                    visible_activities(user).filter(pk=OuterRef("activity_id"))
                ),
                body_visible=Exists(visible_bodies(user).filter(pk=OuterRef("body_id"))),
            )
            .prefetch_related(Prefetch("measures", queryset=measures))
        )
        if self.action == "list":
            qs = self._filter(qs)
        return qs.order_by("-score", "review_date", "id")

    def _filter(self, qs: QuerySet) -> QuerySet:
        request = self.request
        unit_id = _int_param(request, "unit", _(MSG_UNIT))
        if unit_id is not None:
            qs = qs.filter(unit_id__in=unit_and_below(unit_id))
        qs = _id(request, "owner", _(MSG_OWNER), qs, "owner_id")
        qs = _id(request, "body", _("Geef het gremium op als nummer."), qs, "body_id")
        qs = _id(request, "activity", _(MSG_ACTIVITY), qs, "activity_id")
        min_score = _int_param(request, "min_score", _("Geef de minimale score op als getal."))
        if min_score is not None:
            qs = qs.filter(score__gte=min_score)
        statuses = _choices(request, "status", Risk.Status.values)
        if statuses:
            qs = qs.filter(status__in=statuses)
        return qs
