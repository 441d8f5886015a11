"""Risk register (risico's) per unit, with measures (beheersmaatregelen).

A risk belongs to an organisation unit, optionally to an activity of a plan, to a programme or
project (free text) and to the body (gremium) where it is reported; the body decides who besides
internal staff may see it, as everywhere in Regie. A measure can become an action in the action
list; the action records the measure as its source.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regie.core.models import Body, Confidentiality, OrganisationUnit, Person

SCALE = range(1, 6)
SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CONTROLLED = "controlled", _("beheerst")
        OCCURRED = "occurred", _("opgetreden")
        CLOSED = "closed", _("gesloten")

    # Risks that still need attention and a next review; a closed risk needs neither.
    ACTIVE_STATUSES = (Status.OPEN, Status.CONTROLLED, Status.OCCURRED)

    title = models.CharField(_("risico"), max_length=300)
    cause = models.TextField(_("oorzaak"), blank=True)
    event = models.TextField(_("gebeurtenis"), blank=True)
    effect = models.TextField(_("gevolg"), blank=True)
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisatieonderdeel"),
        on_delete=models.PROTECT,
        related_name="risks",
    )
    programme = models.CharField(_("programma/project"), max_length=200, blank=True)
    activity = models.ForeignKey(
        "planning.Activity",
        verbose_name=_("activiteit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("gremium"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
    )
    probability = models.PositiveSmallIntegerField(_("kans"), validators=SCALE_VALIDATORS)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=SCALE_VALIDATORS)
    # Kept as probability x impact by the services (and a constraint), so lists sort on it.
    score = models.PositiveSmallIntegerField(_("score"), editable=False)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("risico-eigenaar"),
        on_delete=models.PROTECT,
        related_name="risks",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    review_date = models.DateField(_("volgende herbeoordeling"))
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    created_by = models.ForeignKey(
        Person,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risico")
        verbose_name_plural = _("risico's")
        ordering = ["-score", "review_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=5),
                name="risk_probability_1_5",
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5), name="risk_impact_1_5"
            ),
            models.CheckConstraint(
                condition=Q(score=F("probability") * F("impact")), name="risk_score_is_product"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-score", "id"], name="risk_status_score"),
            models.Index(fields=["unit", "status", "-score"], name="risk_unit_status_score"),
            models.Index(fields=["owner", "status"], name="risk_owner_status"),
            models.Index(fields=["review_date", "id"], name="risk_review"),
            # The register's order: its first page reads 50 rows instead of sorting them all.
            models.Index(fields=["-score", "review_date", "id"], name="risk_register_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class Measure(models.Model):
    """A beheersmaatregel: what is done to lower a risk's probability or impact."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        IN_PROGRESS = "in_progress", _("in uitvoering")
        DONE = "done", _("uitgevoerd")
        CANCELLED = "cancelled", _("vervallen")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="measures")
    text = models.CharField(_("maatregel"), max_length=500)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="risk_measures",
    )
    due_date = models.DateField(_("gereed op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    action = models.ForeignKey(
        "actions.Action",
        verbose_name=_("actie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beheersmaatregel")
        verbose_name_plural = _("beheersmaatregelen")
        ordering = ["risk", "due_date", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES
