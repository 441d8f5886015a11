from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.models import Body, Confidentiality
from regie.documents.models import Document

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt"


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    kind = forms.ChoiceField(
        label=_("Soort"), choices=Document.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    body = forms.ModelChoiceField(
        label=_("Gremium"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=Confidentiality.choices,
        initial=Confidentiality.INTERNAL,
        widget=forms.Select(attrs=SELECT),
    )
    file = forms.FileField(
        label=_("Bestand (PDF, DOCX, XLSX, PPTX of ODT)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("Nieuwe versie"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )


class RouteForm(forms.Form):
    target_date = forms.DateField(
        label=_("Datum van de vergadering"), widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    target_label = forms.CharField(
        label=_("Vergadering"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
