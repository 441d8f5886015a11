from django import forms
from django.utils.translation import gettext_lazy as _

from regie.actions.models import Action
from regie.core.models import Body, Person

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=Action.Status.choices, widget=forms.Select(attrs=SELECT)
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Voortgang"), widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3})
    )


class ActionForm(forms.Form):
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
        label=_("Uiterlijk"), widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    is_commitment = forms.BooleanField(label=_("Bestuurlijke afspraak"), required=False)
    description = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
