"""Typed input parsing for the minutes: discussion, decisions, actions raised on an item."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from regie.core.models import Confidentiality, Person
from regie.meetings.forms import AREA, SELECT, TEXT
from regie.meetings.models import Meeting

CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class DiscussionForm(forms.Form):
    discussion = forms.CharField(
        label=_("Bespreking"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class SummaryForm(forms.Form):
    text = forms.CharField(
        label=_("Algemene aantekeningen"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    # Empty required fields are not painted red before anyone typed; the server checks.
    use_required_attribute = False

    text = forms.CharField(label=_("Besluit"), widget=forms.Textarea(attrs={**AREA, "rows": 2}))
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        widget=forms.Select(attrs=SELECT),
    )
    publication_ground = forms.CharField(
        label=_("Grond voor niet openbaar (Woo)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
    )


class DecisionTextForm(forms.Form):
    # Empty required fields are not painted red before anyone typed; the server checks.
    use_required_attribute = False

    text = forms.CharField(label=_("Tekst van het besluit"), widget=forms.Textarea(attrs=AREA))
    version = forms.IntegerField(widget=forms.HiddenInput)


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return date_format(timezone.localtime(obj.starts_at), "j F Y")


class ItemActionForm(forms.Form):
    """An action agreed on an agenda item: due on a date or at a later meeting of the body."""

    # Empty required fields are not painted red before anyone typed; the server checks.
    use_required_attribute = False

    title = forms.CharField(label=_("Actie"), max_length=500, widget=forms.TextInput(attrs=TEXT))
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Person.objects.order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    due_date = forms.DateField(
        label=_("Uiterlijk"), required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    due_meeting = MeetingChoiceField(
        label=_("Of: gereed voor de vergadering van"),
        queryset=Meeting.objects.all(),
        required=False,
        empty_label=_("geen vergadering gekozen"),
        widget=forms.Select(attrs=SELECT),
    )
    is_commitment = forms.BooleanField(
        label=_("Bestuurlijke afspraak"), required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("due_date") and not data.get("due_meeting"):
            self.add_error("due_date", _("Geef een uiterste datum of een vergadering op."))
        return data
