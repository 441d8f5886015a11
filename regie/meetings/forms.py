"""Typed input parsing for meetings, agenda items, series and proposals."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.models import Body, BodyMembership, Confidentiality, Person
from regie.documents.models import Document
from regie.meetings.models import AgendaItem, Meeting, ProposalStep

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
]
FILE = {"class": "utrecht-textbox utrecht-textbox--html-input"}


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        widget=forms.DateTimeInput(
            attrs={**TEXT, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"),
        min_value=15,
        max_value=720,
        initial=90,
        widget=forms.NumberInput(attrs=TEXT),
    )
    location = forms.CharField(
        label=_("Locatie"), required=False, max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    title = forms.CharField(
        label=_("Titel (optioneel)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
    )


class SeriesForm(forms.Form):
    first_day = forms.DateField(
        label=_("Vanaf"), widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    until = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekdag"), choices=WEEKDAYS, coerce=int, widget=forms.Select(attrs=SELECT)
    )
    pattern = forms.ChoiceField(
        label=_("Patroon"),
        choices=[
            ("nth", _("de zoveelste weekdag van de maand")),
            ("weeks", _("om de zoveel weken")),
        ],
        widget=forms.Select(attrs=SELECT),
    )
    number = forms.IntegerField(
        label=_("Welke / hoeveel (bijv. 2 = 2e dinsdag, of om de 2 weken)"),
        min_value=1,
        max_value=8,
        initial=2,
        widget=forms.NumberInput(attrs=TEXT),
    )
    start_time = forms.TimeField(
        label=_("Begintijd"),
        initial="10:00",
        widget=forms.TimeInput(attrs={**TEXT, "type": "time"}),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"),
        min_value=15,
        max_value=720,
        initial=90,
        widget=forms.NumberInput(attrs=TEXT),
    )
    location = forms.CharField(
        label=_("Locatie"), required=False, max_length=200, widget=forms.TextInput(attrs=TEXT)
    )


def people_choices() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Inbreng door"),
        queryset=Person.objects.order_by("name"),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("Onderwerp"), max_length=300, widget=forms.TextInput(attrs=TEXT)
    )
    purpose = forms.ChoiceField(
        label=_("Doel"), choices=AgendaItem.Purpose.choices, widget=forms.Select(attrs=SELECT)
    )
    presenter = forms.ModelChoiceField(
        label=_("Inbreng door"),
        queryset=Person.objects.order_by("name"),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"),
        min_value=1,
        max_value=480,
        initial=10,
        widget=forms.NumberInput(attrs=TEXT),
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        widget=forms.Select(attrs=SELECT),
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class HoldOverForm(forms.Form):
    to_meeting = forms.ModelChoiceField(
        label=_("Naar vergadering"),
        queryset=Meeting.objects.none(),
        widget=forms.Select(attrs=SELECT),
    )
    mode = forms.ChoiceField(
        label=_("Hoe"),
        choices=[("move", _("verplaatsen")), ("copy", _("kopiëren"))],
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].queryset = meetings


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    summary = forms.CharField(
        label=_("Samenvatting"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Person.objects.order_by("name"),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        widget=forms.Select(attrs=SELECT),
    )
    ROUTE_STEPS = 6

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, self.ROUTE_STEPS + 1):
            self.fields[f"route_{n}"] = forms.ModelChoiceField(
                label=_("Stap %(n)d: gremium") % {"n": n},
                queryset=bodies,
                required=n == 1,
                empty_label=_("— geen —"),
                widget=forms.Select(attrs=SELECT),
            )

    def ordered_route(self) -> list[Body]:
        """The chosen bodies in step order, empty steps left out."""
        route = (self.cleaned_data.get(f"route_{n}") for n in range(1, self.ROUTE_STEPS + 1))
        return [body for body in route if body is not None]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[c for c in ProposalStep.Outcome.choices if c[0] != "pending"],
        widget=forms.Select(attrs=SELECT),
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={**AREA, "rows": 2})
    )


class BodyForm(forms.Form):
    chair = forms.ModelChoiceField(
        label=_("Voorzitter"),
        queryset=Person.objects.order_by("name"),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    secretary = forms.ModelChoiceField(
        label=_("Secretaris"),
        queryset=Person.objects.order_by("name"),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    documents_due_working_days = forms.IntegerField(
        label=_("Stukken aanleveren (werkdagen vóór de vergadering)"),
        min_value=0,
        max_value=30,
        widget=forms.NumberInput(attrs=TEXT),
    )
    default_duration_minutes = forms.IntegerField(
        label=_("Standaardduur van een vergadering (minuten)"),
        min_value=15,
        max_value=720,
        widget=forms.NumberInput(attrs=TEXT),
    )
    default_agenda = forms.CharField(
        label=_("Standaardagenda"),
        required=False,
        help_text=_("Eén vast agendapunt per regel, in volgorde (bijv. Opening, Rondvraag)."),
        widget=forms.Textarea(attrs={**AREA, "rows": 8}),
    )

    def clean_default_agenda(self) -> list[str]:
        raw = self.cleaned_data.get("default_agenda") or ""
        return [line.strip() for line in raw.splitlines() if line.strip()]


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Persoon"),
        queryset=Person.objects.select_related("organisation").order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[
            (BodyMembership.Role.MEMBER, BodyMembership.Role.MEMBER.label),
            (BodyMembership.Role.ADVISOR, BodyMembership.Role.ADVISOR.label),
        ],
        widget=forms.Select(attrs=SELECT),
    )


class ItemUploadForm(forms.Form):
    """A new stuk uploaded straight onto an agenda item."""

    title = forms.CharField(
        label=_("Titel van het stuk"), max_length=300, widget=forms.TextInput(attrs=TEXT)
    )
    kind = forms.ChoiceField(
        label=_("Soort stuk"), choices=Document.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    upload = forms.FileField(label=_("Bestand"), widget=forms.ClearableFileInput(attrs=FILE))
