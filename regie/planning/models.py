"""Year and work plans: goals, activities, milestones and decision moments, progress per period."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regie.core.models import Confidentiality, OrganisationUnit, Person
from regie.documents.models import Document
from regie.meetings.models import Decision, Meeting


class Plan(models.Model):
    class Kind(models.TextChoices):
        YEAR = "year", _("jaarplan")
        WORK = "work", _("werkplan")

    class Status(models.TextChoices):
        DRAFT = "concept", _("concept")
        APPROVED = "vastgesteld", _("vastgesteld")

    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisatieonderdeel"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.YEAR)
    title = models.CharField(_("titel"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    approved_by_decision = models.ForeignKey(
        Decision,
        verbose_name=_("vastgesteld bij besluit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_plans",
    )
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")
        ordering = ["-year", "unit__name", "kind", "id"]
        indexes = [models.Index(fields=["year", "unit"], name="plan_year_unit")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=models.Q(kind="year"),
                name="one_year_plan_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("doelstelling"), max_length=300)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doelstelling")
        verbose_name_plural = _("doelstellingen")
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        IN_PROGRESS = "in_progress", _("in uitvoering")
        DONE = "done", _("afgerond")
        CANCELLED = "cancelled", _("vervallen")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doelstelling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    title = models.CharField(_("activiteit"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)
    owner = models.ForeignKey(
        Person, verbose_name=_("eigenaar"), on_delete=models.PROTECT, related_name="activities"
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisatieonderdeel"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("einde"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    documents = models.ManyToManyField(
        Document, verbose_name=_("stukken"), blank=True, related_name="activities"
    )
    decisions = models.ManyToManyField(
        Decision, verbose_name=_("besluiten"), blank=True, related_name="activities"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["plan", "start", "id"]
        indexes = [models.Index(fields=["plan", "start"], name="activity_plan_start")]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    class Kind(models.TextChoices):
        MILESTONE = "milestone", _("mijlpaal")
        DECISION_MOMENT = "decision_moment", _("beslismoment")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activiteit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    title = models.CharField(_("titel"), max_length=300)
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.MILESTONE)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("vergadering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_milestones",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["date"], name="milestone_date")]

    def __str__(self) -> str:
        return self.title


class ReportingPeriod(models.Model):
    """A period progress is reported over; without a plan it holds for every plan of the year."""

    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="periods"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    name = models.CharField(_("naam"), max_length=50)
    start = models.DateField(_("start"))
    end = models.DateField(_("einde"))
    deadline = models.DateField(_("uiterlijk bijwerken op"))
    reminder_working_days = models.PositiveSmallIntegerField(
        _("herinnering (werkdagen vooraf)"), default=5
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapportageperiode")
        verbose_name_plural = _("rapportageperiodes")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return self.name


class ProgressUpdate(models.Model):
    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("op koers")
        AT_RISK = "at_risk", _("risico")
        OFF_TRACK = "off_track", _("niet op koers")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    percent = models.PositiveSmallIntegerField(
        _("percentage gereed"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("toelichting"), blank=True)
    author = models.ForeignKey(
        Person, null=True, on_delete=models.SET_NULL, related_name="progress_updates"
    )
    created = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voortgangsupdate")
        verbose_name_plural = _("voortgangsupdates")
        ordering = ["period__start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "period"], name="unique_progress_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.period}"


class ProgressChase(models.Model):
    """The reminder e-mail the secretary sent an owner to fill in their progress for a period;
    at most one per period, owner and day, so a double click sends one e-mail."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="chases")
    owner = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("verstuurd op"))
    sent_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering voortgang")
        verbose_name_plural = _("herinneringen voortgang")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "owner", "sent_on"], name="unique_progress_chase_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} – {self.owner_id} {self.sent_on}"
