"""What the API shows of each object, and the typed input of its writes."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from regie.actions.models import Action, ProgressNote
from regie.api.schema import NamedChoiceField
from regie.core.models import Body, BodyMembership, Confidentiality, Person
from regie.meetings.models import AgendaItem, Decision, Meeting, Proposal, ProposalStep


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name"]


class BodyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = ["id", "name", "code"]


class MembershipSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = BodyMembership
        fields = ["person", "role"]


class BodySerializer(serializers.ModelSerializer):
    chair = PersonRefSerializer(read_only=True)
    secretary = PersonRefSerializer(read_only=True)
    members = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "name",
            "code",
            "kind",
            "confidentiality",
            "unit",
            "chair",
            "secretary",
            "members",
            "documents_due_working_days",
            "default_duration_minutes",
            "retention",
            "is_active",
        ]


class MeetingSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)
    status = NamedChoiceField(Meeting.Status.choices, enum_name="MeetingStatusEnum", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "body", "title", "starts_at", "ends_at", "location", "status", "version"]


class AgendaItemSerializer(serializers.ModelSerializer):
    presenter = PersonRefSerializer(read_only=True)
    status = NamedChoiceField(
        AgendaItem.Status.choices, enum_name="AgendaItemStatusEnum", read_only=True
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "parent",
            "position",
            "title",
            "description",
            "purpose",
            "presenter",
            "duration_minutes",
            "confidentiality",
            "is_standing",
            "status",
            "discussion",
            "held_over_from",
            "version",
        ]


class ProposalStepSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)

    class Meta:
        model = ProposalStep
        fields = ["id", "position", "body", "meeting", "outcome", "outcome_note", "decided_on"]


class ProposalSerializer(serializers.ModelSerializer):
    owner = PersonRefSerializer(read_only=True)
    steps = ProposalStepSerializer(many=True, read_only=True)

    class Meta:
        model = Proposal
        fields = ["id", "title", "summary", "owner", "confidentiality", "created_at", "steps"]


class DecisionSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "number",
            "body",
            "year",
            "sequence",
            "meeting",
            "agenda_item",
            "text",
            "confidentiality",
            "publication_ground",
            "decided_on",
            "is_withdrawn",
        ]


class ProgressNoteSerializer(serializers.ModelSerializer):
    author = PersonRefSerializer(read_only=True)
    status_after = NamedChoiceField(
        Action.Status.choices, enum_name="ActionStatusEnum", read_only=True, allow_blank=True
    )

    class Meta:
        model = ProgressNote
        fields = ["id", "author", "text", "status_after", "created_at"]


class ActionSerializer(serializers.ModelSerializer):
    owner = PersonRefSerializer(read_only=True)
    body = BodyRefSerializer(read_only=True)
    status = NamedChoiceField(Action.Status.choices, enum_name="ActionStatusEnum", read_only=True)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "id",
            "title",
            "description",
            "owner",
            "body",
            "status",
            "is_commitment",
            "confidentiality",
            "raised_on",
            "due_date",
            "due_meeting",
            "closed_on",
            "source_label",
            "is_overdue",
            "version",
        ]

    def get_is_overdue(self, action: Action) -> bool:
        return bool(action.is_open and action.due_date and action.due_date < timezone.localdate())


class ActionDetailSerializer(ActionSerializer):
    notes = ProgressNoteSerializer(many=True, read_only=True)

    class Meta(ActionSerializer.Meta):
        fields = [*ActionSerializer.Meta.fields, "notes"]


class ActionCreateSerializer(serializers.Serializer):
    """Input of a new action; the service decides whether it is valid."""

    title = serializers.CharField(max_length=500, trim_whitespace=False)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        error_messages={
            "does_not_exist": _("Onbekende eigenaar."),
            "incorrect_type": _("Kies een eigenaar met een geldig nummer."),
        },
    )
    body = serializers.PrimaryKeyRelatedField(
        queryset=Body.objects.none(),
        required=False,
        allow_null=True,
        default=None,
        error_messages={
            "does_not_exist": _("Onbekend gremium."),
            "incorrect_type": _("Kies een gremium met een geldig nummer."),
        },
    )
    due_date = serializers.DateField(
        error_messages={"invalid": _("Geef de datum op als JJJJ-MM-DD.")}
    )
    is_commitment = serializers.BooleanField(required=False, default=False)
    confidentiality = serializers.ChoiceField(
        choices=Confidentiality.choices, required=False, default=Confidentiality.INTERNAL
    )

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is not None:
            self.fields["body"].queryset = bodies


class ActionStatusSerializer(serializers.Serializer):
    """A status change, with an optional progress note, of the version the client last saw."""

    status = NamedChoiceField(
        Action.Status.choices,
        enum_name="ActionStatusEnum",
        error_messages={"invalid_choice": _("Onbekende status: {input}.")},
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = serializers.IntegerField(min_value=1)


class StaleActionSerializer(serializers.Serializer):
    """409: someone else saved the action first; `current` is how it stands now."""

    detail = serializers.CharField()
    current = ActionSerializer()
