"""The REST API: read what the user may see, write actions through the actions services.

Every queryset starts from the visibility helpers, so an object the caller may not see is a
404 and never data. Lists preload what the serializers show, so a page costs the same number
of queries whatever its length.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from regie.actions import services as action_services
from regie.actions.access import visible_actions
from regie.actions.models import Action, ProgressNote
from regie.actions.queries import overdue
from regie.api import serializers as s
from regie.api.permissions import MayUpdateAction, NoLoginRedirect, may_create_action
from regie.core.access import visible_bodies
from regie.core.errors import DomainError, StaleEditError
from regie.core.models import BodyMembership
from regie.meetings.access import (
    visible_agenda_items,
    visible_decisions,
    visible_meetings,
    visible_proposals,
)
from regie.meetings.models import ProposalStep

MAX_QUERY_LENGTH = 200


MAX_ID = 2**31 - 1


def _int_param(request: Request, name: str, message: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    # ASCII digits only ("²" is a digit to str.isdigit) and within the database's integer range.
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_ID:
        raise ValidationError({name: [message]})
    return int(raw)


def _domain_error(error: DomainError) -> ValidationError:
    return ValidationError({error.field: [error.message]} if error.field else [error.message])


def _param(name: str, type_: OpenApiTypes, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description)


def _notes_prefetch() -> Prefetch:
    return Prefetch(
        "notes",
        queryset=ProgressNote.objects.select_related("author").order_by("created_at", "id"),
    )


class ReadOnlyViewSet(NoLoginRedirect, viewsets.ReadOnlyModelViewSet):
    lookup_value_converter = "int"


@extend_schema(tags=["gremia"])
class BodyViewSet(ReadOnlyViewSet):
    serializer_class = s.BodySerializer

    def get_queryset(self) -> QuerySet:
        return (
            visible_bodies(self.request.user)
            .select_related("chair", "secretary")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=BodyMembership.objects.select_related("person").order_by(
                        "person__name", "id"
                    ),
                )
            )
            .order_by("name", "id")
        )


@extend_schema(tags=["vergaderingen"])
@extend_schema(
    methods=["GET"],
    parameters=[_param("body", OpenApiTypes.INT, "Alleen vergaderingen van dit gremium.")],
)
class MeetingViewSet(ReadOnlyViewSet):
    serializer_class = s.MeetingSerializer

    def get_queryset(self) -> QuerySet:
        qs = visible_meetings(self.request.user).select_related("body")
        if self.action == "list":
            body_id = _int_param(self.request, "body", _("Geef het gremium op als nummer."))
            if body_id is not None:
                qs = qs.filter(body_id=body_id)
        return qs.order_by("-starts_at", "-id")


@extend_schema(tags=["agendapunten"])
@extend_schema(
    methods=["GET"],
    parameters=[_param("meeting", OpenApiTypes.INT, "Alleen agendapunten van deze vergadering.")],
)
class AgendaItemViewSet(ReadOnlyViewSet):
    serializer_class = s.AgendaItemSerializer

    def get_queryset(self) -> QuerySet:
        qs = visible_agenda_items(self.request.user).select_related("presenter")
        if self.action == "list":
            meeting_id = _int_param(
                self.request, "meeting", _("Geef de vergadering op als nummer.")
            )
            if meeting_id is not None:
                qs = qs.filter(meeting_id=meeting_id)
        return qs.order_by("meeting_id", "position", "id")


@extend_schema(tags=["voorstellen"])
class ProposalViewSet(ReadOnlyViewSet):
    serializer_class = s.ProposalSerializer

    def get_queryset(self) -> QuerySet:
        return (
            visible_proposals(self.request.user)
            .select_related("owner")
            .prefetch_related(
                Prefetch(
                    "steps",
                    queryset=ProposalStep.objects.select_related("body").order_by("position"),
                )
            )
            .order_by("-created_at", "-id")
        )


@extend_schema(tags=["besluiten"])
@extend_schema(
    methods=["GET"],
    parameters=[
        _param("body", OpenApiTypes.INT, "Alleen besluiten van dit gremium."),
        _param("year", OpenApiTypes.INT, "Alleen besluiten van dit jaar."),
        _param("q", OpenApiTypes.STR, "Zoek in besluittekst en besluitnummer."),
    ],
)
class DecisionViewSet(ReadOnlyViewSet):
    serializer_class = s.DecisionSerializer

    def get_queryset(self) -> QuerySet:
        qs = visible_decisions(self.request.user).select_related("body")
        if self.action == "list":
            body_id = _int_param(self.request, "body", _("Geef het gremium op als nummer."))
            year = _int_param(self.request, "year", _("Geef het jaar op als getal."))
            query = self.request.query_params.get("q", "").strip()[:MAX_QUERY_LENGTH]
            if body_id is not None:
                qs = qs.filter(body_id=body_id)
            if year is not None:
                qs = qs.filter(year=year)
            if query:
                qs = qs.filter(Q(text__icontains=query) | Q(number__icontains=query))
        return qs.order_by("-year", "-sequence", "-id")


@extend_schema(tags=["acties"])
@extend_schema(
    methods=["GET"],
    parameters=[
        _param("body", OpenApiTypes.INT, "Alleen acties van dit gremium."),
        _param("owner", OpenApiTypes.INT, "Alleen acties van deze eigenaar (persoon)."),
        _param(
            "status",
            OpenApiTypes.STR,
            "Eén of meer statussen, met komma's: open, in_progress, done, cancelled.",
        ),
        _param("overdue", OpenApiTypes.BOOL, "true: alleen open acties over de uiterste datum."),
    ],
)
class ActionViewSet(
    NoLoginRedirect,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Actions: read, create, and change their status (with a progress note)."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_converter = "int"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.ActionDetailSerializer
        if self.action == "create":
            return s.ActionCreateSerializer
        if self.action == "partial_update":
            return s.ActionStatusSerializer
        return s.ActionSerializer

    def get_permissions(self):
        if self.action == "partial_update":
            return [*super().get_permissions(), MayUpdateAction()]
        return super().get_permissions()

    def get_queryset(self) -> QuerySet:
        qs = visible_actions(self.request.user).select_related("owner", "body")
        if self.action == "retrieve":
            qs = qs.prefetch_related(_notes_prefetch())
        if self.action == "list":
            qs = self._filter(qs)
        return qs.order_by("due_date", "id")

    def _filter(self, qs: QuerySet) -> QuerySet:
        params = self.request.query_params
        body_id = _int_param(self.request, "body", _("Geef het gremium op als nummer."))
        owner_id = _int_param(self.request, "owner", _("Geef de eigenaar op als nummer."))
        if body_id is not None:
            qs = qs.filter(body_id=body_id)
        if owner_id is not None:
            qs = qs.filter(owner_id=owner_id)
        statuses = [v.strip() for v in params.get("status", "").split(",") if v.strip()]
        unknown = sorted(set(statuses) - set(Action.Status.values))
        if unknown:
            raise ValidationError(
                {"status": [_("Onbekende status: %(s)s.") % {"s": ", ".join(unknown)}]}
            )
        if statuses:
            qs = qs.filter(status__in=statuses)
        flag = params.get("overdue", "").strip().lower()
        if flag in ("true", "1", "ja"):
            qs = overdue(qs, today=timezone.localdate())
        elif flag not in ("", "false", "0", "nee"):
            raise ValidationError({"overdue": [_("Gebruik overdue=true of overdue=false.")]})
        return qs

    @extend_schema(
        request=s.ActionCreateSerializer,
        responses={
            201: s.ActionDetailSerializer,
            400: OpenApiResponse(description="Ongeldige invoer; de melding zegt waarom."),
            403: OpenApiResponse(description="Geen recht om acties voor dit gremium te maken."),
        },
    )
    def create(self, request: Request) -> Response:
        serializer = s.ActionCreateSerializer(
            data=request.data, bodies=visible_bodies(request.user)
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not may_create_action(request.user, data["body"]):
            raise PermissionDenied(
                _("Alleen de secretaris of voorzitter van het gremium maakt hier acties aan.")
                if data["body"] is not None
                else _("Externe leden maken geen acties aan.")
            )
        try:
            action = action_services.action_create(actor=request.user, **data)
        except DomainError as error:
            raise _domain_error(error) from error
        return Response(self._detail(action.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ActionStatusSerializer,
        responses={
            200: s.ActionDetailSerializer,
            400: OpenApiResponse(description="Ongeldige invoer; de melding zegt waarom."),
            403: OpenApiResponse(description="Alleen de eigenaar of de secretaris/voorzitter."),
            409: s.StaleActionSerializer,
        },
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        serializer = s.ActionStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            action_services.action_update_status(
                actor=request.user,
                action=action,
                status=data["status"],
                note=data["note"],
                expected_version=data["version"],
            )
        except StaleEditError as error:
            current = visible_actions(request.user).select_related("owner", "body").get(pk=pk)
            return Response(
                {"detail": error.message, "current": s.ActionSerializer(current).data},
                status=status.HTTP_409_CONFLICT,
            )
        except DomainError as error:
            raise _domain_error(error) from error
        return Response(self._detail(action.pk))

    def _detail(self, pk: int) -> dict:
        action = (
            Action.objects.select_related("owner", "body")
            .prefetch_related(_notes_prefetch())
            .get(pk=pk)
        )
        return s.ActionDetailSerializer(action).data
