"""Interim hiring (inhuur): requests, their criteria, candidates, evaluation and contracts."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regie.core.models import Confidentiality, OrganisationUnit, Person

USER = settings.AUTH_USER_MODEL

kvk_validator = RegexValidator(
    r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."), code="kvk"
)


class ContractForm(models.TextChoices):
    SELF_EMPLOYED = "self_employed", _("zelfstandige (zzp)")
    SECONDMENT = "secondment", _("detachering")
    AGENCY = "agency", _("uitzendkracht / uitlening")


class HiringRequest(models.Model):
    """An inhuuraanvraag: what is asked, the conditions and how the procedure is run."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        OPEN = "open", _("open voor inschrijving")
        EVALUATING = "evaluating", _("in beoordeling")
        AWARDED = "awarded", _("gegund")
        CANCELLED = "cancelled", _("ingetrokken")

    class VogMoment(models.TextChoices):
        NONE = "none", _("geen VOG")
        AT_OFFER = "at_offer", _("bij de inschrijving")
        BEFORE_START = "before_start", _("vóór de start van de werkzaamheden")

    title = models.CharField(_("titel"), max_length=300)
    organisation = models.CharField(_("opdrachtgever"), max_length=200, blank=True)
    location = models.CharField(_("standplaats"), max_length=300, blank=True)
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hiring_requests",
    )
    hours_per_week_min = models.PositiveSmallIntegerField(
        _("uren per week (minimaal)"), null=True, blank=True
    )
    hours_per_week_max = models.PositiveSmallIntegerField(
        _("uren per week (maximaal)"), null=True, blank=True
    )
    start_date = models.DateField(_("begindatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    start_text = models.CharField(_("start (zoals gevraagd)"), max_length=100, blank=True)
    extension_options = models.CharField(_("verlengingsopties"), max_length=300, blank=True)
    extension_count = models.PositiveSmallIntegerField(_("aantal verlengingen"), default=0)
    extension_months = models.PositiveSmallIntegerField(_("maanden per verlenging"), default=0)
    max_total_months = models.PositiveSmallIntegerField(
        _("maximale totale duur (maanden)"), null=True, blank=True
    )
    max_rate = models.DecimalField(
        _("maximum uurtarief"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateTimeField(_("sluitingsdatum inschrijving"), null=True, blank=True)
    award_total_points = models.PositiveSmallIntegerField(
        _("totaal te behalen punten"), default=100
    )
    candidates_to_select = models.PositiveSmallIntegerField(
        _("aantal te selecteren kandidaten"), default=10, validators=[MinValueValidator(1)]
    )
    allows_self_employed = models.BooleanField(_("zzp toegestaan"), default=True)
    allows_secondment = models.BooleanField(_("detachering toegestaan"), default=True)
    allows_agency = models.BooleanField(_("uitzending/uitlening toegestaan"), default=True)
    is_das = models.BooleanField(_("opdracht in een DAS"), default=False)
    waadi_required = models.BooleanField(_("Waadi-registratie vereist"), default=False)
    sna_required = models.BooleanField(_("SNA-registratie vereist"), default=False)
    vog_moment = models.CharField(
        _("VOG"), max_length=20, choices=VogMoment.choices, default=VogMoment.NONE
    )
    uses_g_account = models.BooleanField(_("betaling deels op G-rekening"), default=False)
    g_account_share_sna = models.DecimalField(
        _("G-rekeningdeel SNA-gecertificeerd (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("25"),
    )
    g_account_share_other = models.DecimalField(
        _("G-rekeningdeel overige (%)"), max_digits=5, decimal_places=2, default=Decimal("55")
    )
    platform_fee_per_hour = models.DecimalField(
        _("platformfee per gewerkt uur"), max_digits=6, decimal_places=2, default=Decimal("0")
    )
    supplier_margin_percent = models.DecimalField(
        _("marge leverancier (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    posting_text = models.TextField(_("tekst van de uitvraag"), blank=True)
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("secretaris"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hiring_requests_as_secretary",
    )
    team_lead = models.ForeignKey(
        Person,
        verbose_name=_("teamleider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hiring_requests_as_team_lead",
    )
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inhuuraanvraag")
        verbose_name_plural = _("inhuuraanvragen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def allowed_contract_forms(self) -> list[str]:
        allowed = []
        if self.allows_self_employed:
            allowed.append(ContractForm.SELF_EMPLOYED)
        if self.allows_secondment:
            allowed.append(ContractForm.SECONDMENT)
        if self.allows_agency:
            allowed.append(ContractForm.AGENCY)
        return allowed

    @property
    def warnings(self) -> list[str]:
        """What a reader must know before going on: legal risks and inconsistencies."""
        found: list[str] = []
        if self.is_das and not self.allows_self_employed:
            found.append(
                str(
                    _(
                        "Deze opdracht valt onder een dynamisch aankoopsysteem (DAS) en sluit "
                        "zelfstandigen (zzp) per opdracht uit. De Commissie van "
                        "Aanbestedingsexperts oordeelde dat dit in strijd is met de "
                        "Aanbestedingswet (advies 615)."
                    )
                )
            )
        return found


class Requirement(models.Model):
    """An eis (knock-out): a candidate who does not meet it is out."""

    request = models.ForeignKey(
        HiringRequest, on_delete=models.CASCADE, related_name="requirements"
    )
    text = models.TextField(_("eis"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eis (knock-out)")
        verbose_name_plural = _("eisen (knock-out)")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class ExecutionCondition(models.Model):
    """An uitvoeringsvoorwaarde: a condition of execution, kept apart from the knock-outs."""

    request = models.ForeignKey(
        HiringRequest, on_delete=models.CASCADE, related_name="execution_conditions"
    )
    text = models.TextField(_("uitvoeringsvoorwaarde"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uitvoeringsvoorwaarde")
        verbose_name_plural = _("uitvoeringsvoorwaarden")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class AwardCriterion(models.Model):
    """A wens/gunningscriterium with the points it is worth."""

    request = models.ForeignKey(HiringRequest, on_delete=models.CASCADE, related_name="criteria")
    text = models.TextField(_("gunningscriterium"))
    points = models.PositiveSmallIntegerField(_("punten"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gunningscriterium")
        verbose_name_plural = _("gunningscriteria")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.text} ({self.points})"


class Competency(models.Model):
    request = models.ForeignKey(
        HiringRequest, on_delete=models.CASCADE, related_name="competencies"
    )
    name = models.CharField(_("competentie"), max_length=300)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competentie")
        verbose_name_plural = _("competenties")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class ProcedureStep(models.Model):
    request = models.ForeignKey(
        HiringRequest, on_delete=models.CASCADE, related_name="procedure_steps"
    )
    text = models.TextField(_("stap"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("procedurestap")
        verbose_name_plural = _("procedurestappen")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Supplier(models.Model):
    """A leverancier that offers candidates: checked in the KvK, Waadi and SNA registers."""

    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[kvk_validator]
    )
    waadi_registered = models.BooleanField(_("Waadi-geregistreerd"), default=False)
    waadi_checked_on = models.DateField(_("Waadi gecontroleerd op"), null=True, blank=True)
    sna_registered = models.BooleanField(_("SNA-gecertificeerd"), default=False)
    sna_checked_on = models.DateField(_("SNA gecontroleerd op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leverancier")
        verbose_name_plural = _("leveranciers")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.kvk_number})"


class SelectionRound(models.Model):
    """One selection of the best candidates for the interviews; a repeat makes the next one."""

    request = models.ForeignKey(
        HiringRequest, on_delete=models.CASCADE, related_name="selection_rounds"
    )
    number = models.PositiveSmallIntegerField(_("ronde"))
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("op"), auto_now_add=True)
    concluded_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("selectieronde")
        verbose_name_plural = _("selectierondes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="unique_selection_round")
        ]

    def __str__(self) -> str:
        return f"{self.request} ronde {self.number}"


def cv_upload_to(instance: Candidate, filename: str) -> str:
    return f"inhuur/{instance.request_id}/cv/{filename}"


class Candidate(models.Model):
    """An inschrijving: a professional offered by a supplier, or directly."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("ingeschreven")
        KNOCKED_OUT = "knocked_out", _("afgevallen op eis")
        SCORED = "scored", _("beoordeeld")
        SELECTED = "selected", _("geselecteerd voor gesprek")
        NOT_SELECTED = "not_selected", _("niet geselecteerd")
        INTERVIEWED = "interviewed", _("gesprek voldoende")
        AWARDED = "awarded", _("gegund")
        REJECTED = "rejected", _("afgewezen")

    request = models.ForeignKey(HiringRequest, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("naam kandidaat"), max_length=200)
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("leverancier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidates",
        help_text=_("Leeg bij een rechtstreekse inschrijving."),
    )
    contract_form = models.CharField(_("contractvorm"), max_length=20, choices=ContractForm.choices)
    hourly_rate = models.DecimalField(_("uurtarief"), max_digits=8, decimal_places=2)
    available_from = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    cv = models.FileField(_("cv"), upload_to=cv_upload_to, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFERED
    )
    knockout_reason = models.TextField(_("reden van afvallen"), blank=True)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)
    lot_number = models.PositiveIntegerField(_("lotnummer"), null=True, blank=True)
    selection_round = models.ForeignKey(
        SelectionRound,
        verbose_name=_("selectieronde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    permanently_employed_by_supplier = models.BooleanField(
        _("in vaste dienst bij de leverancier"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kandidaat")
        verbose_name_plural = _("kandidaten")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class RequirementCheck(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="checks")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="checks")
    met = models.BooleanField(_("voldaan"))
    evidence = models.TextField(_("onderbouwing"), blank=True)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toets op eis")
        verbose_name_plural = _("toetsen op eisen")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "requirement"], name="unique_requirement_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.requirement}: {'ja' if self.met else 'nee'}"


class CriterionScore(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.CASCADE, related_name="scores")
    points = models.DecimalField(_("punten"), max_digits=6, decimal_places=2)
    motivation = models.TextField(_("motivering"))
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "criterion"], name="unique_score")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.criterion}: {self.points}"


class InterviewScore(models.Model):
    class Rating(models.TextChoices):
        INSUFFICIENT = "onvoldoende", _("onvoldoende")
        SUFFICIENT = "voldoende", _("voldoende")
        GOOD = "goed", _("goed")
        EXCELLENT = "uitstekend", _("uitstekend")

    RATING_VALUE = {"onvoldoende": 0, "voldoende": 1, "goed": 2, "uitstekend": 3}

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="interview_scores"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="interview_scores"
    )
    assessor = models.ForeignKey(
        Person, verbose_name=_("beoordelaar"), on_delete=models.PROTECT, related_name="+"
    )
    rating = models.CharField(_("oordeel"), max_length=20, choices=Rating.choices)
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gespreksscore")
        verbose_name_plural = _("gespreksscores")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "competency", "assessor"], name="unique_interview_score"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.competency}: {self.rating}"


class EvaluationEvent(models.Model):
    """The traceable log of the procedure: every step, with who did it and when."""

    class Step(models.TextChoices):
        CREATED = "created", _("aanvraag vastgelegd")
        OFFERED = "offered", _("inschrijving")
        KNOCKOUT = "knockout", _("toets op eisen")
        SCORE = "score", _("beoordeling gunningscriteria")
        LOT = "lot", _("loting")
        SELECTION = "selection", _("selectie")
        INTERVIEW = "interview", _("selectiegesprek")
        REPEAT = "repeat", _("selectie herhaald")
        AWARD = "award", _("gunning")
        EXTENSION = "extension", _("verlenging")

    request = models.ForeignKey(HiringRequest, on_delete=models.CASCADE, related_name="events")
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    step = models.CharField(_("stap"), max_length=20, choices=Step.choices)
    text = models.TextField(_("omschrijving"))
    by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stap in de beoordeling")
        verbose_name_plural = _("stappen in de beoordeling")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Contract(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("lopend")
        ENDED = "ended", _("beëindigd")

    request = models.ForeignKey(HiringRequest, on_delete=models.PROTECT, related_name="contracts")
    candidate = models.OneToOneField(Candidate, on_delete=models.PROTECT, related_name="contract")
    person_name = models.CharField(_("naam"), max_length=200)
    supplier = models.ForeignKey(
        Supplier, null=True, blank=True, on_delete=models.PROTECT, related_name="contracts"
    )
    start = models.DateField(_("begindatum"))
    original_end = models.DateField(_("oorspronkelijke einddatum"))
    end = models.DateField(_("einddatum"))
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"))
    hourly_rate = models.DecimalField(_("uurtarief"), max_digits=8, decimal_places=2)
    extension_count = models.PositiveSmallIntegerField(_("aantal verlengingsopties"), default=0)
    extension_months = models.PositiveSmallIntegerField(_("maanden per verlenging"), default=0)
    max_total_months = models.PositiveSmallIntegerField(
        _("maximale totale duur (maanden)"), null=True, blank=True
    )
    alert_working_days = models.PositiveSmallIntegerField(
        _("signaal (werkdagen vóór einddatum)"), default=20
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["end", "id"]

    def __str__(self) -> str:
        return f"{self.person_name} – {self.request}"


class ContractExtension(models.Model):
    """A verlenging, recorded as a decision: who decided, when, and why."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField(_("maanden"))
    previous_end = models.DateField(_("vorige einddatum"))
    new_end = models.DateField(_("nieuwe einddatum"))
    decided_on = models.DateField(_("besloten op"))
    decided_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("besluit en toelichting"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verlenging")
        verbose_name_plural = _("verlengingen")
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.contract} tot {self.new_end:%d-%m-%Y}"


class PriorContract(models.Model):
    """An earlier contract of the candidate at a client, for the contract-history rule."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="prior_contracts"
    )
    client = models.CharField(_("opdrachtgever"), max_length=200)
    start = models.DateField(_("begindatum"))
    end = models.DateField(_("einddatum"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eerder contract")
        verbose_name_plural = _("eerdere contracten")
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.client} {self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"
