"""Typed input for plans, goals, activities, milestones, periods and progress."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from regie.core.models import Confidentiality, OrganisationUnit, Person
from regie.meetings.models import Decision, Meeting
from regie.planning.models import Activity, Goal, Milestone, Plan, ProgressUpdate

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
NUMBER = {**TEXT, "inputmode": "numeric"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
DATE = {**TEXT, "type": "date"}
FILE = {"class": "utrecht-textbox utrecht-textbox--html-input", "accept": ".xlsx"}


def _date_field(label, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )


class BaseForm(forms.Form):
    # Empty required fields are not painted red before anyone typed; the server checks.
    use_required_attribute = False


class VersionedForm(BaseForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.body.name} – {date_format(timezone.localtime(obj.starts_at), 'j F Y')}"


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number} – {obj.text[:80]}"


class PlanForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    unit = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"),
        queryset=OrganisationUnit.objects.order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    year = forms.IntegerField(label=_("Jaar"), widget=forms.NumberInput(attrs=NUMBER))
    kind = forms.ChoiceField(
        label=_("Soort"), choices=Plan.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        widget=forms.Select(attrs=SELECT),
    )


class ApproveForm(VersionedForm):
    decision = DecisionChoiceField(
        label=_("Besluit"),
        queryset=Decision.objects.none(),
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if decisions is not None:
            self.fields["decision"].queryset = decisions


class GoalForm(VersionedForm):
    title = forms.CharField(
        label=_("Doelstelling"), max_length=300, widget=forms.TextInput(attrs=TEXT)
    )
    position = forms.IntegerField(
        label=_("Volgorde"), required=False, min_value=0, widget=forms.NumberInput(attrs=NUMBER)
    )


class ActivityForm(VersionedForm):
    title = forms.CharField(
        label=_("Activiteit"), max_length=300, widget=forms.TextInput(attrs=TEXT)
    )
    goal = forms.ModelChoiceField(
        label=_("Doelstelling"),
        required=False,
        queryset=Goal.objects.none(),
        empty_label=_("geen"),
        widget=forms.Select(attrs=SELECT),
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Person.objects.exclude(role=Person.Role.EXTERNAL_MEMBER).order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    unit = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"),
        required=False,
        queryset=OrganisationUnit.objects.order_by("name"),
        empty_label=_("dat van het plan"),
        widget=forms.Select(attrs=SELECT),
    )
    start = _date_field(_("Start"))
    end = _date_field(_("Einde"))
    status = forms.ChoiceField(
        label=_("Status"), choices=Activity.Status.choices, widget=forms.Select(attrs=SELECT)
    )
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs=AREA)
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.order_by("position", "id")


class MilestoneForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    kind = forms.ChoiceField(
        label=_("Soort"), choices=Milestone.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    date = _date_field(_("Datum"), required=False)
    meeting = MeetingChoiceField(
        label=_("Vergadering (bij een beslismoment)"),
        required=False,
        queryset=Meeting.objects.none(),
        empty_label=_("geen"),
        widget=forms.Select(attrs=SELECT),
        help_text=_("Een beslismoment krijgt de datum van de vergadering."),
    )
    activity = forms.ModelChoiceField(
        label=_("Activiteit"),
        required=False,
        queryset=Activity.objects.none(),
        empty_label=_("geen"),
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, plan: Plan, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = plan.activities.order_by("start", "id")
        self.fields["meeting"].queryset = meetings


class PeriodGenerateForm(BaseForm):
    year = forms.IntegerField(label=_("Jaar"), widget=forms.NumberInput(attrs=NUMBER))
    scheme = forms.ChoiceField(
        label=_("Indeling"),
        choices=[("quarters", _("kwartalen")), ("tertials", _("tertialen"))],
        widget=forms.Select(attrs=SELECT),
    )


class PeriodForm(BaseForm):
    name = forms.CharField(label=_("Naam"), max_length=50, widget=forms.TextInput(attrs=TEXT))
    start = _date_field(_("Start"))
    end = _date_field(_("Einde"))
    deadline = _date_field(_("Uiterlijk bijwerken op"), required=False)
    reminder_working_days = forms.IntegerField(
        label=_("Herinnering (werkdagen vooraf)"),
        initial=5,
        min_value=0,
        widget=forms.NumberInput(attrs=NUMBER),
    )


class ProgressForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("Stand"), choices=ProgressUpdate.Status.choices, widget=forms.Select(attrs=SELECT)
    )
    percent = forms.IntegerField(
        label=_("Percentage gereed"), widget=forms.NumberInput(attrs=NUMBER)
    )
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs=AREA),
        help_text=_("Verplicht als de activiteit niet op koers is."),
    )


class UploadForm(BaseForm):
    file = forms.FileField(
        label=_("Excel-bestand (.xlsx)"), widget=forms.ClearableFileInput(attrs=FILE)
    )


class PlannerUploadForm(UploadForm):
    buckets = forms.ChoiceField(
        label=_("Buckets worden"),
        choices=[("goals", _("doelstellingen")), ("activities", _("activiteiten"))],
        widget=forms.Select(attrs=SELECT),
        help_text=_(
            "Als doelstellingen: elke taak wordt een activiteit. Als activiteiten: elke taak "
            "wordt een mijlpaal van de activiteit van zijn bucket."
        ),
    )


class LinkForm(BaseForm):
    documents = forms.ModelMultipleChoiceField(
        label=_("Stukken"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 8}),
    )
    decisions = forms.ModelMultipleChoiceField(
        label=_("Besluiten"),
        required=False,
        queryset=None,
        widget=forms.SelectMultiple(attrs={**SELECT, "size": 8}),
    )

    def __init__(self, *args, documents, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = documents
        self.fields["decisions"].queryset = decisions
        self.fields["decisions"].label_from_instance = lambda d: f"{d.number} – {d.text[:80]}"
