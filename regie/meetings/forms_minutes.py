from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.models import Confidentiality, Person
from regie.meetings.forms import AREA, SELECT, TEXT


class DiscussionForm(forms.Form):
    discussion = forms.CharField(
        label=_("Bespreking"), required=False, widget=forms.Textarea(attrs=AREA)
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
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


class ItemActionForm(forms.Form):
    title = forms.CharField(label=_("Actie"), max_length=500, widget=forms.TextInput(attrs=TEXT))
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Person.objects.order_by("name"),
        widget=forms.Select(attrs=SELECT),
    )
    due_date = forms.DateField(
        label=_("Uiterlijk"), required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    is_commitment = forms.BooleanField(
        label=_("Bestuurlijke afspraak"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
    )
