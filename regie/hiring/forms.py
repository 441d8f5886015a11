"""Forms of the hiring pages: typed input parsers that hand clean values to the services."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.models import Confidentiality, OrganisationUnit, Person
from regie.hiring.models import ContractForm, HiringRequest, InterviewScore
from regie.hiring.services import PriorContractData, RequestData

TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}
AREA = {"class": "utrecht-textarea"}
DATE = {**TEXT, "type": "date"}
CHECK = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


def _area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={**AREA, "rows": rows})


def _lines(value: str) -> list[str]:
    return [line.strip(" \t•-") for line in (value or "").splitlines() if line.strip(" \t•-")]


_POINTS_TAIL = re.compile(r"\(?\s*(\d{1,3})\s*punten?\s*\)?[;.,]?\s*$", re.IGNORECASE)


def parse_criteria(value: str) -> list[tuple[str, int | None]]:
    """One criterion per line: "text | points" (or "text (25 punten)")."""
    criteria: list[tuple[str, int | None]] = []
    for line in _lines(value):
        text, points = line, None
        if "|" in line:
            text, raw = line.rsplit("|", 1)
            raw = raw.strip()
            if raw:
                if not raw.isdigit():
                    raise forms.ValidationError(
                        _("Zet na de | alleen het aantal punten (een heel getal): %(line)s"),
                        params={"line": line[:80]},
                    )
                points = int(raw)
        else:
            match = _POINTS_TAIL.search(line)
            if match:
                points = int(match.group(1))
                text = line[: match.start()]
        criteria.append((text.strip(" ;,"), points))
    return criteria


def criteria_text(criteria: list[tuple[str, int | None]]) -> str:
    return "\n".join(f"{text} | {'' if points is None else points}" for text, points in criteria)


class PostingForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst van de uitvraag"),
        required=False,
        widget=_area(12),
        help_text=_("Plak de volledige tekst, of lever hieronder een bestand aan."),
    )
    file = forms.FileField(
        label=_("Of een bestand (.txt, .pdf of .docx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.pdf,.docx"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("file"):
            raise forms.ValidationError(
                _("Plak de tekst van de uitvraag of kies een bestand; de tekst is nu leeg.")
            )
        return cleaned


class RequestForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=TEXT))
    organisation = forms.CharField(
        label=_("Opdrachtgever"), max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    location = forms.CharField(
        label=_("Standplaats"), max_length=300, required=False, widget=forms.TextInput(attrs=TEXT)
    )
    unit = forms.ModelChoiceField(
        label=_("Organisatieonderdeel"),
        queryset=OrganisationUnit.objects.order_by("name"),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    hours_per_week_min = forms.IntegerField(
        label=_("Uren per week (minimaal)"),
        required=False,
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs=TEXT),
    )
    hours_per_week_max = forms.IntegerField(
        label=_("Uren per week (maximaal)"),
        required=False,
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs=TEXT),
    )
    start_date = forms.DateField(
        label=_("Begindatum"), required=False, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    start_text = forms.CharField(
        label=_("Start (zoals gevraagd, bijvoorbeeld ‘Z.s.m.’)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    end_date = forms.DateField(
        label=_("Einddatum"), required=False, widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    extension_options = forms.CharField(
        label=_("Verlengingsopties (tekst)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
    extension_count = forms.IntegerField(
        label=_("Aantal verlengingen"),
        min_value=0,
        max_value=20,
        initial=0,
        widget=forms.NumberInput(attrs=TEXT),
    )
    extension_months = forms.IntegerField(
        label=_("Maanden per verlenging"),
        min_value=0,
        max_value=60,
        initial=0,
        widget=forms.NumberInput(attrs=TEXT),
    )
    max_total_months = forms.IntegerField(
        label=_("Maximale totale duur in maanden (met verlengingen)"),
        required=False,
        min_value=1,
        max_value=120,
        widget=forms.NumberInput(attrs=TEXT),
    )
    max_rate = forms.DecimalField(
        label=_("Maximum uurtarief (€, leeg = geen maximum)"),
        required=False,
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    deadline = forms.DateTimeField(
        label=_("Sluitingsdatum inschrijving"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={**TEXT, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    award_total_points = forms.IntegerField(
        label=_("Totaal te behalen punten"),
        min_value=1,
        max_value=1000,
        initial=100,
        widget=forms.NumberInput(attrs=TEXT),
    )
    candidates_to_select = forms.IntegerField(
        label=_("Aantal kandidaten voor het gesprek (de beste N)"),
        min_value=1,
        max_value=50,
        initial=10,
        widget=forms.NumberInput(attrs=TEXT),
    )
    allows_self_employed = forms.BooleanField(
        label=_("Zzp toegestaan"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    allows_secondment = forms.BooleanField(
        label=_("Detachering toegestaan"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    allows_agency = forms.BooleanField(
        label=_("Uitzending/uitlening toegestaan"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )
    is_das = forms.BooleanField(
        label=_("Opdracht in een dynamisch aankoopsysteem (DAS)"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )
    waadi_required = forms.BooleanField(
        label=_("Waadi-registratie vereist"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )
    sna_required = forms.BooleanField(
        label=_("SNA-registratie vereist"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    vog_moment = forms.ChoiceField(
        label=_("VOG"), choices=HiringRequest.VogMoment.choices, widget=forms.Select(attrs=SELECT)
    )
    uses_g_account = forms.BooleanField(
        label=_("Betaling deels op G-rekening"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )
    g_account_share_sna = forms.DecimalField(
        label=_("G-rekeningdeel bij SNA-gecertificeerde leverancier (%)"),
        initial=Decimal("25"),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    g_account_share_other = forms.DecimalField(
        label=_("G-rekeningdeel bij overige leveranciers (%)"),
        initial=Decimal("55"),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    platform_fee_per_hour = forms.DecimalField(
        label=_("Platformfee per gewerkt uur (€)"),
        initial=Decimal("0"),
        max_digits=6,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    supplier_margin_percent = forms.DecimalField(
        label=_("Marge leverancier (%)"),
        initial=Decimal("0"),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    secretary = forms.ModelChoiceField(
        label=_("Secretaris"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    team_lead = forms.ModelChoiceField(
        label=_("Teamleider"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertrouwelijkheid"),
        choices=[
            (Confidentiality.INTERNAL, _("intern")),
            (Confidentiality.CONFIDENTIAL, _("vertrouwelijk (alleen secretaris en teamleider)")),
        ],
        widget=forms.Select(attrs=SELECT),
    )
    requirements = forms.CharField(
        label=_("Eisen (knock-out), één per regel"), required=False, widget=_area(6)
    )
    execution_conditions = forms.CharField(
        label=_("Uitvoeringsvoorwaarden, één per regel (geen knock-out)"),
        required=False,
        widget=_area(3),
    )
    criteria = forms.CharField(
        label=_("Gunningscriteria, één per regel: tekst | punten"), required=False, widget=_area(6)
    )
    competencies = forms.CharField(
        label=_("Competenties (gesprek), één per regel"), required=False, widget=_area(4)
    )
    procedure_steps = forms.CharField(
        label=_("Stappen van de procedure, één per regel"), required=False, widget=_area(4)
    )
    posting_text = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = Person.objects.exclude(role=Person.Role.EXTERNAL_MEMBER).order_by("name")
        self.fields["secretary"].queryset = staff
        self.fields["team_lead"].queryset = staff

    def clean_criteria(self):
        return parse_criteria(self.cleaned_data.get("criteria", ""))

    def to_data(self) -> RequestData:
        c = self.cleaned_data
        data = RequestData()
        for name in (
            "title",
            "organisation",
            "location",
            "unit",
            "hours_per_week_min",
            "hours_per_week_max",
            "start_date",
            "start_text",
            "end_date",
            "extension_options",
            "extension_count",
            "extension_months",
            "max_total_months",
            "max_rate",
            "deadline",
            "award_total_points",
            "candidates_to_select",
            "allows_self_employed",
            "allows_secondment",
            "allows_agency",
            "is_das",
            "waadi_required",
            "sna_required",
            "vog_moment",
            "uses_g_account",
            "g_account_share_sna",
            "g_account_share_other",
            "platform_fee_per_hour",
            "supplier_margin_percent",
            "secretary",
            "team_lead",
            "confidentiality",
            "posting_text",
        ):
            value = c.get(name)
            if value is not None:
                setattr(data, name, value)
        data.requirements = _lines(c.get("requirements", ""))
        data.execution_conditions = _lines(c.get("execution_conditions", ""))
        data.criteria = c.get("criteria", [])
        data.competencies = _lines(c.get("competencies", ""))
        data.procedure_steps = _lines(c.get("procedure_steps", ""))
        return data

    @classmethod
    def initial_from(cls, data: RequestData) -> dict:
        initial = {name: getattr(data, name) for name in cls.base_fields if hasattr(data, name)}
        for name in ("requirements", "execution_conditions", "competencies", "procedure_steps"):
            initial[name] = "\n".join(getattr(data, name))
        initial["criteria"] = criteria_text(data.criteria)
        for name in ("unit", "secretary", "team_lead"):
            value = getattr(data, name)
            initial[name] = value.pk if value is not None else None
        return initial


class SupplierForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    kvk_number = forms.CharField(
        label=_("KvK-nummer (8 cijfers)"), max_length=12, widget=forms.TextInput(attrs=TEXT)
    )
    waadi_registered = forms.BooleanField(
        label=_("Waadi-geregistreerd"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    waadi_checked_on = forms.DateField(
        label=_("Waadi gecontroleerd op"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    sna_registered = forms.BooleanField(
        label=_("SNA-gecertificeerd"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    sna_checked_on = forms.DateField(
        label=_("SNA gecontroleerd op"), required=False, widget=forms.DateInput(attrs=DATE)
    )


def _parse_date(raw: str) -> date:
    raw = raw.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise forms.ValidationError(
        _("Onbekende datum ‘%(d)s’; schrijf 31-12-2025."), params={"d": raw[:20]}
    )


class CandidateForm(forms.Form):
    name = forms.CharField(
        label=_("Naam kandidaat"), max_length=200, widget=forms.TextInput(attrs=TEXT)
    )
    contract_form = forms.ChoiceField(
        label=_("Contractvorm"), choices=ContractForm.choices, widget=forms.Select(attrs=SELECT)
    )
    supplier_kvk = forms.CharField(
        label=_("KvK-nummer van de leverancier"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Leeg bij een zzp'er die rechtstreeks inschrijft."),
    )
    hourly_rate = forms.DecimalField(
        label=_("Uurtarief (€)"),
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    available_from = forms.DateField(
        label=_("Beschikbaar vanaf"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"),
        required=False,
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs=TEXT),
    )
    cv = forms.FileField(
        label=_("Cv (PDF of Word)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )
    permanently_employed_by_supplier = forms.BooleanField(
        label=_("In vaste dienst bij de leverancier"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )
    prior_contracts = forms.CharField(
        label=_(
            "Eerdere contracten bij de opdrachtgever, één per regel: opdrachtgever; begin; eind"
        ),
        required=False,
        widget=_area(3),
        help_text=_("Bijvoorbeeld: Gemeente Zoetermeer; 01-01-2025; 30-06-2025"),
    )

    def clean_prior_contracts(self) -> list[PriorContractData]:
        result = []
        for line in _lines(self.cleaned_data.get("prior_contracts", "")):
            parts = [p.strip() for p in line.split(";")]
            if len(parts) != 3:
                raise forms.ValidationError(
                    _("Schrijf per regel: opdrachtgever; begindatum; einddatum.")
                )
            result.append(PriorContractData(parts[0], _parse_date(parts[1]), _parse_date(parts[2])))
        return result


class RequirementChecksForm(forms.Form):
    """Per eis: voldaan ja/nee and the evidence."""

    def __init__(self, *args, requirements, initial_checks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = requirements
        initial_checks = initial_checks or {}
        for requirement in requirements:
            check = initial_checks.get(requirement.pk)
            self.fields[f"met_{requirement.pk}"] = forms.TypedChoiceField(
                label=requirement.text,
                choices=[("ja", _("voldaan")), ("nee", _("niet voldaan"))],
                coerce=lambda v: v == "ja",
                widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
                initial=None if check is None else ("ja" if check.met else "nee"),
            )
            self.fields[f"evidence_{requirement.pk}"] = forms.CharField(
                label=_("Onderbouwing bij eis %(n)s") % {"n": requirement.position},
                required=False,
                widget=_area(2),
                initial=check.evidence if check else "",
            )

    def results(self) -> dict[int, tuple[bool, str]]:
        return {
            r.pk: (self.cleaned_data[f"met_{r.pk}"], self.cleaned_data[f"evidence_{r.pk}"])
            for r in self.requirements
        }

    def pairs(self):
        return [(self[f"met_{r.pk}"], self[f"evidence_{r.pk}"]) for r in self.requirements]


class ScoresForm(forms.Form):
    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        initial_scores = initial_scores or {}
        for criterion in criteria:
            score = initial_scores.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = forms.DecimalField(
                label=_("Punten (0 tot en met %(max)s) voor: %(c)s")
                % {"max": criterion.points, "c": criterion.text},
                min_value=0,
                max_value=criterion.points,
                max_digits=6,
                decimal_places=2,
                widget=forms.NumberInput(attrs={**TEXT, "step": "0.5"}),
                initial=score.points if score else None,
            )
            self.fields[f"motivation_{criterion.pk}"] = forms.CharField(
                label=_("Motivering bij criterium %(n)s") % {"n": criterion.position},
                widget=_area(2),
                initial=score.motivation if score else "",
            )

    def scores(self) -> dict[int, tuple[Decimal, str]]:
        return {
            c.pk: (self.cleaned_data[f"points_{c.pk}"], self.cleaned_data[f"motivation_{c.pk}"])
            for c in self.criteria
        }

    def pairs(self):
        return [(self[f"points_{c.pk}"], self[f"motivation_{c.pk}"]) for c in self.criteria]


class InterviewForm(forms.Form):
    assessor = forms.ModelChoiceField(
        label=_("Beoordelaar"), queryset=Person.objects.none(), widget=forms.Select(attrs=SELECT)
    )

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        self.fields["assessor"].queryset = Person.objects.exclude(
            role=Person.Role.EXTERNAL_MEMBER
        ).order_by("name")
        for competency in competencies:
            self.fields[f"rating_{competency.pk}"] = forms.ChoiceField(
                label=competency.name,
                choices=[("", "–"), *InterviewScore.Rating.choices],
                widget=forms.Select(attrs=SELECT),
            )

    def ratings(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"rating_{c.pk}"] for c in self.competencies}


class AwardForm(forms.Form):
    start = forms.DateField(
        label=_("Begindatum contract"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Einddatum contract"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"), min_value=1, max_value=60, widget=forms.NumberInput(attrs=TEXT)
    )


class ExtendForm(forms.Form):
    months = forms.IntegerField(
        label=_("Verlengen met (maanden)"),
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs=TEXT),
    )
    decided_on = forms.DateField(
        label=_("Besloten op"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Besluit en toelichting"), widget=_area(3))
    version = forms.IntegerField(widget=forms.HiddenInput)
