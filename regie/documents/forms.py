"""Input of the stukken pages, parsed into typed values."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.models import Body, Confidentiality, Person
from regie.documents.models import Document
from regie.documents.services import StepSpec

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
NUMBER = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt"
FILE = {"accept": ACCEPT, "class": "utrecht-textbox utrecht-textbox--html-input"}


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    kind = forms.ChoiceField(
        label=_("Soort"), choices=Document.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    body = forms.ModelChoiceField(
        label=_("Gremium"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("– geen –"),
        widget=forms.Select(attrs=SELECT),
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        widget=forms.Select(attrs=SELECT),
        help_text=_("Vertrouwelijke stukken zijn alleen zichtbaar voor de leden van het gremium."),
    )
    file = forms.FileField(
        label=_("Bestand"),
        widget=forms.ClearableFileInput(attrs=FILE),
        help_text=_("PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) of ODT."),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("Nieuwe versie (PDF, DOCX, XLSX, PPTX of ODT)"),
        widget=forms.ClearableFileInput(attrs=FILE),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Akkoord")), ("return", _("Terugsturen"))])
    comment = forms.CharField(
        label=_("Opmerking (verplicht bij terugsturen)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class RouteForm(forms.Form):
    """The meeting date and, per step, the reviewer and the working days before the meeting."""

    target_date = forms.DateField(
        label=_("Datum van de vergadering"),
        widget=forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d"),
    )
    target_label = forms.CharField(
        label=_("Vergadering"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Bijvoorbeeld: DO 12 maart."),
    )

    def __init__(self, *args, specs: list[StepSpec], people: list[Person], **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = specs
        self._people = {person.pk: person for person in people}
        choices = [("", "–")] + [(person.pk, person.name) for person in people]
        for index, spec in enumerate(specs):
            self.fields[f"reviewer_{index}"] = forms.TypedChoiceField(
                label=_("Beoordelaar bij: %(step)s") % {"step": spec.label},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=spec.reviewer.pk if spec.reviewer else "",
                widget=forms.Select(attrs=SELECT),
            )
            self.fields[f"days_{index}"] = forms.IntegerField(
                label=_("Werkdagen vóór de vergadering bij: %(step)s") % {"step": spec.label},
                min_value=0,
                max_value=250,
                initial=spec.working_days_before,
                widget=forms.NumberInput(attrs=NUMBER),
            )

    def rows(self):
        """(spec, reviewer field, days field) per step, for the table in the template."""
        return [
            (spec, self[f"reviewer_{index}"], self[f"days_{index}"])
            for index, spec in enumerate(self.specs)
        ]

    def steps(self) -> list[StepSpec]:
        data = self.cleaned_data
        return [
            StepSpec(
                spec.label,
                self._people.get(data[f"reviewer_{index}"]),
                data[f"days_{index}"],
            )
            for index, spec in enumerate(self.specs)
        ]
