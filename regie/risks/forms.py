"""Typed input parsing for the risk register, its filters and its measures."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlencode

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from regie.core.models import Body, Confidentiality, OrganisationUnit, Person
from regie.planning.models import Activity
from regie.risks.models import SCALE, Measure, Risk
from regie.risks.queries import RiskFilter

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
DATE = {**TEXT, "type": "date"}

PROBABILITY_CHOICES = [
    (1, _("1 – zeer klein")),
    (2, _("2 – klein")),
    (3, _("3 – gemiddeld")),
    (4, _("4 – groot")),
    (5, _("5 – zeer groot")),
]
IMPACT_CHOICES = [
    (1, _("1 – zeer gering")),
    (2, _("2 – gering")),
    (3, _("3 – gemiddeld")),
    (4, _("4 – groot")),
    (5, _("5 – zeer groot")),
]


class ScaleField(forms.TypedChoiceField):
    """A 1-5 choice; anything else gets the service's Dutch message, not a form error."""

    def validate(self, value):
        if value in self.empty_values and self.required:
            super().validate(value)

    def to_python(self, value):
        return value


class PlainSelect(forms.Select):
    """A select whose options are joined as plain strings (one escape per label), the same
    HTML as the action list's: the owner filter offers over a thousand people on a large
    register, and a template or format_html per option cost more than the rest of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            key = "" if option_value is None else str(option_value)
            selected = " selected" if key in chosen else ""
            options.append(f'<option value="{escape(key)}"{selected}>{escape(str(label))}</option>')
        final = self.build_attrs(self.attrs, attrs)
        opening = f'<select name="{escape(name)}"{flatatt(final)}>'
        return mark_safe("\n".join([opening, *options, "</select>"]))


class PlainChoiceIterator(forms.models.ModelChoiceIterator):
    """(id, name) pairs read in one plain values query: no model instance per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class PlainChoiceField(forms.ModelChoiceField):
    iterator = PlainChoiceIterator


class RiskFilterForm(forms.Form):
    """The filters above the register and the heat map; unknown values fall back to defaults.

    The selects are rendered in Python and the owners read in one plain query: with thousands
    of risks the owner list runs into the hundreds, and a template per option cost more than
    the rest of the page.
    """

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("lopend (niet gesloten)")), *Risk.Status.choices, ("all", _("alle"))],
        widget=PlainSelect(attrs=SELECT),
    )
    eenheid = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"),
        required=False,
        queryset=OrganisationUnit.objects.none(),
        empty_label=_("alle onderdelen"),
        widget=PlainSelect(attrs=SELECT),
    )
    eigenaar = PlainChoiceField(
        label=_("Eigenaar"),
        required=False,
        queryset=Person.objects.none(),
        empty_label=_("iedereen"),
        widget=PlainSelect(attrs=SELECT),
    )
    score = forms.TypedChoiceField(
        label=_("Score minimaal"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("elke score")), *[(n, str(n)) for n in (5, 10, 15, 20)]],
        widget=PlainSelect(attrs=SELECT),
    )
    te_laat = forms.BooleanField(
        label=_("Herbeoordeling te laat"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    kans = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(n, str(n)) for n in SCALE],
        widget=forms.HiddenInput,
    )
    impact = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(n, str(n)) for n in SCALE],
        widget=forms.HiddenInput,
    )

    def __init__(self, data, *, units, owners):
        """`units`: (unit, depth) pairs in tree order; the list offers them all, indented."""
        super().__init__(data)
        unit_field = cast(forms.ModelChoiceField, self.fields["eenheid"])
        unit_field.queryset = OrganisationUnit.objects.all()
        unit_field.choices = [("", unit_field.empty_label or "")] + [
            (unit.pk, "\u2003" * depth + unit.name) for unit, depth in units
        ]
        cast(forms.ModelChoiceField, self.fields["eigenaar"]).queryset = owners

    def to_filter(self) -> RiskFilter:
        if self.is_valid():
            data = self.cleaned_data
        else:
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        unit, owner = data.get("eenheid"), data.get("eigenaar")
        return RiskFilter(
            status=data.get("status") or "active",
            unit_id=unit.pk if unit else None,
            owner_id=owner.pk if owner else None,
            min_score=data.get("score"),
            review_overdue=bool(data.get("te_laat")),
            probability=data.get("kans"),
            impact=data.get("impact"),
        )


def filter_query(flt: RiskFilter) -> str:
    """The query string of a filter, for links (heat map cells, export)."""
    params: dict[str, object] = {}
    if flt.status != "active":
        params["status"] = flt.status
    if flt.unit_id:
        params["eenheid"] = flt.unit_id
    if flt.owner_id:
        params["eigenaar"] = flt.owner_id
    if flt.min_score:
        params["score"] = flt.min_score
    if flt.review_overdue:
        params["te_laat"] = "on"
    if flt.probability:
        params["kans"] = flt.probability
    if flt.impact:
        params["impact"] = flt.impact
    return urlencode(params)


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.plan.title} – {obj.title}"


class RiskForm(forms.Form):
    # Empty required fields are not painted red before anyone typed; the server checks.
    use_required_attribute = False

    title = forms.CharField(
        label=_("Risico"),
        max_length=300,
        error_messages={"required": _("Geef het risico een titel.")},
        widget=forms.TextInput(attrs=TEXT),
    )
    cause = forms.CharField(label=_("Oorzaak"), required=False, widget=forms.Textarea(attrs=AREA))
    event = forms.CharField(
        label=_("Gebeurtenis"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    effect = forms.CharField(label=_("Gevolg"), required=False, widget=forms.Textarea(attrs=AREA))
    probability = ScaleField(
        label=_("Kans (1-5)"),
        choices=PROBABILITY_CHOICES,
        error_messages={"required": _("Geef de kans een waarde van 1 tot en met 5.")},
        widget=forms.Select(attrs=SELECT),
    )
    impact = ScaleField(
        label=_("Impact (1-5)"),
        choices=IMPACT_CHOICES,
        error_messages={"required": _("Geef de impact een waarde van 1 tot en met 5.")},
        widget=forms.Select(attrs=SELECT),
    )
    unit = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"),
        queryset=OrganisationUnit.objects.order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    programme = forms.CharField(
        label=_("Programma/project"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
    )
    activity = ActivityChoiceField(
        label=_("Activiteit uit een plan"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    body = forms.ModelChoiceField(
        label=_("Gremium waar het risico besproken wordt"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    owner = forms.ModelChoiceField(
        label=_("Risico-eigenaar"),
        queryset=Person.objects.order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Risk.Status.choices,
        initial=Risk.Status.OPEN,
        widget=forms.Select(attrs=SELECT),
    )
    review_date = forms.DateField(
        label=_("Volgende herbeoordeling"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, bodies, activities, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = bodies
        cast(forms.ModelChoiceField, self.fields["activity"]).queryset = activities


class RiskEditForm(RiskForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MeasureForm(forms.Form):
    use_required_attribute = False

    text = forms.CharField(
        label=_("Maatregel"),
        max_length=500,
        error_messages={"required": _("Omschrijf de maatregel.")},
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Person.objects.order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    due_date = forms.DateField(
        label=_("Gereed op"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Measure.Status.choices,
        initial=Measure.Status.PLANNED,
        widget=forms.Select(attrs=SELECT),
    )


class MeasureEditForm(MeasureForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MeasureActionForm(forms.Form):
    """'Maak er een actie van': owner and due date of the action, the measure's by default."""

    use_required_attribute = False

    owner = forms.ModelChoiceField(
        label=_("Eigenaar van de actie"),
        queryset=Person.objects.order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    due_date = forms.DateField(
        label=_("Uiterlijk"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
