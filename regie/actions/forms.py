"""Typed input parsing for action lists and action edits."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from regie.actions.models import Action
from regie.actions.queries import ActionFilter, UnitChoice, unit_and_below
from regie.core.models import Body, Confidentiality, Person

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}

# The due meeting is a meeting of the meetings app; this app reads it through the relation.
Meeting = Action._meta.get_field("due_meeting").related_model


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.body.name} – {date_format(timezone.localtime(obj.starts_at), 'j F Y')}"


def future_meetings(body_ids):
    """Meetings still to come of these bodies, for a 'gereed voor vergadering' choice."""
    return (
        Meeting.objects.filter(body_id__in=body_ids, starts_at__gte=timezone.now())
        .exclude(status="cancelled")
        .select_related("body")
        .order_by("starts_at")
    )


class StatusForm(forms.Form):
    # Empty required fields are not painted red before anyone typed; the server checks.
    use_required_attribute = False

    status = forms.ChoiceField(
        label=_("Status"), choices=Action.Status.choices, widget=forms.Select(attrs=SELECT)
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={**AREA, "rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    # Empty required fields are not painted red before anyone typed; the server checks.
    use_required_attribute = False

    text = forms.CharField(label=_("Voortgang"), widget=forms.Textarea(attrs=AREA))


class ListSelect(forms.Select):
    """A select rendered in Python rather than one template per option.

    The owner filter of a list across all bodies offers hundreds of people; rendering each
    option through the widget templates cost more than the rest of the page. Same HTML.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            key = "" if option_value is None else str(option_value)
            options.append(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    key,
                    mark_safe(" selected") if key in chosen else "",
                    label,
                )
            )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            _attributes(final),
            mark_safe("\n".join(options)),
        )


def _attributes(attrs: dict) -> str:
    """HTML attributes in their given order, as Django's widget template writes them."""
    parts = []
    for key, value in attrs.items():
        if value is True:
            parts.append(format_html(" {}", key))
        elif value is not False and value is not None:
            parts.append(format_html(' {}="{}"', key, value))
    return mark_safe("".join(parts))


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices read in one plain query (no server-side cursor, no fast-start plan)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator


class ActionFilterForm(forms.Form):
    """The filters above every action list; unknown values fall back to the defaults."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("open")), ("done", _("afgerond")), ("all", _("alle"))],
        widget=ListSelect(attrs=SELECT),
    )
    termijn = forms.ChoiceField(
        label=_("Termijn"),
        required=False,
        choices=[("", _("alle termijnen")), ("overdue", _("te laat")), ("week", _("deze week"))],
        widget=ListSelect(attrs=SELECT),
    )
    eigenaar = ListedChoiceField(
        label=_("Eigenaar"),
        required=False,
        queryset=Person.objects.none(),
        empty_label=_("iedereen"),
        widget=ListSelect(attrs=SELECT),
    )
    gremium = ListedChoiceField(
        label=_("Gremium"),
        required=False,
        queryset=Body.objects.none(),
        empty_label=_("alle gremia"),
        widget=ListSelect(attrs=SELECT),
    )
    eenheid = forms.TypedChoiceField(
        label=_("Organisatieonderdeel"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
        error_messages={"invalid_choice": _("Kies een organisatieonderdeel uit de lijst.")},
        widget=ListSelect(attrs=SELECT),
    )
    afspraken = forms.BooleanField(
        label=_("Alleen bestuurlijke afspraken"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )

    def __init__(self, data, *, owners=None, bodies=None, units: list[UnitChoice] | None = None):
        super().__init__(data)
        self.units = units or []
        if units is None:
            del self.fields["eenheid"]
        else:
            self.fields["eenheid"].choices = [("", _("alle onderdelen"))] + [
                (str(u.pk), u.label) for u in units
            ]
        if owners is None:
            del self.fields["eigenaar"]
        else:
            self.fields["eigenaar"].queryset = owners
        if bodies is None:
            del self.fields["gremium"]
        else:
            self.fields["gremium"].queryset = bodies

    def to_filter(self) -> ActionFilter:
        """The valid filters; a field with an unknown value falls back to its default."""
        self.is_valid()
        data = self.cleaned_data
        owner = data.get("eigenaar")
        body = data.get("gremium")
        unit_id = data.get("eenheid")
        return ActionFilter(
            status=data.get("status") or "open",
            term=data.get("termijn") or "",
            owner_id=owner.pk if owner else None,
            body_id=body.pk if body else None,
            commitments_only=bool(data.get("afspraken")),
            unit_ids=unit_and_below(self.units, unit_id) if unit_id else (),
        )


class ActionForm(forms.Form):
    """A stand-alone action: a due date or a meeting of one's bodies."""

    title = forms.CharField(label=_("Actie"), max_length=500, widget=forms.TextInput(attrs=TEXT))
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Person.objects.order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    body = forms.ModelChoiceField(
        label=_("Gremium"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    due_date = forms.DateField(
        label=_("Uiterlijk"),
        required=False,
        widget=forms.DateInput(attrs={**TEXT, "type": "date"}),
    )
    due_meeting = MeetingChoiceField(
        label=_("Of: gereed voor vergadering"),
        queryset=Meeting.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    is_commitment = forms.BooleanField(
        label=_("Bestuurlijke afspraak"), required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        required=False,
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        widget=forms.Select(attrs=SELECT),
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs=AREA)
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["due_meeting"].queryset = future_meetings(bodies.values("pk"))

    def clean(self):
        data = super().clean()
        meeting, body = data.get("due_meeting"), data.get("body")
        if meeting is not None and body is not None and meeting.body_id != body.pk:
            self.add_error("due_meeting", _("Kies een vergadering van het gekozen gremium."))
        if meeting is not None and body is None:
            data["body"] = meeting.body
        data["confidentiality"] = data.get("confidentiality") or Confidentiality.INTERNAL
        return data


class ActionEditForm(ActionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
