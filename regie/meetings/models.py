"""Meetings, agendas, attendance, minutes, decisions and proposals that travel between bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regie.core.models import Body, Confidentiality, Person
from regie.documents.models import Document


class Meeting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        AGENDA_SENT = "agenda_sent", _("agenda verzonden")
        HELD = "held", _("gehouden")
        MINUTES_DRAFT = "minutes_draft", _("conceptverslag")
        MINUTES_REVIEW = "minutes_review", _("verslag ter review bij leden")
        MINUTES_APPROVED = "minutes_approved", _("verslag vastgesteld")
        ARCHIVED = "archived", _("gearchiveerd")
        CANCELLED = "cancelled", _("geannuleerd")

    CLOSED_STATUSES = (Status.MINUTES_APPROVED, Status.ARCHIVED, Status.CANCELLED)

    body = models.ForeignKey(
        Body, verbose_name=_("gremium"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    minutes_approved_in = models.ForeignKey(
        "self",
        verbose_name=_("verslag vastgesteld in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes_of",
    )
    minutes_summary = models.TextField(_("algemene aantekeningen"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"], name="meeting_body_start")]

    def __str__(self) -> str:
        return self.title or f"{self.body.name} {self.starts_at:%d-%m-%Y}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES


class Proposal(models.Model):
    """A voorstel that travels through several bodies in turn (MT -> DO -> BO -> stuurgroep)."""

    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    documents = models.ManyToManyField(Document, blank=True, related_name="proposals")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ProposalStep(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("nog te behandelen")
        ADVICE = "advice", _("advies")
        DECISION = "decision", _("besluit")
        HELD_OVER = "held_over", _("aangehouden")
        RETURNED = "returned", _("teruggestuurd")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    body = models.ForeignKey(
        Body, verbose_name=_("gremium"), on_delete=models.PROTECT, related_name="proposal_steps"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("vergadering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal_steps",
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_note = models.TextField(_("toelichting uitkomst"), blank=True)
    decided_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stap van voorstel")
        verbose_name_plural = _("stappen van voorstel")
        ordering = ["proposal", "position"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "position"], name="unique_proposal_step"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} – {self.body}"


class AgendaItem(models.Model):
    class Purpose(models.TextChoices):
        DECISION = "decision", _("ter besluitvorming")
        DISCUSSION = "discussion", _("ter bespreking")
        INFORMATION = "information", _("ter informatie")

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        HANDLED = "handled", _("behandeld")
        HELD_OVER = "held_over", _("aangehouden")
        WITHDRAWN = "withdrawn", _("vervallen")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    purpose = models.CharField(
        _("doel"), max_length=20, choices=Purpose.choices, default=Purpose.DISCUSSION
    )
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("inbreng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_items",
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=10)
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    is_standing = models.BooleanField(_("vast agendapunt"), default=False)
    documents = models.ManyToManyField(Document, blank=True, related_name="agenda_items")
    proposal_step = models.ForeignKey(
        ProposalStep,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    held_over_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="held_over_to",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    discussion = models.TextField(_("bespreking"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position", "id"]
        indexes = [models.Index(fields=["meeting", "parent", "position"], name="item_meeting_pos")]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("aanwezig")
        ABSENT_NOTIFIED = "absent_notified", _("afwezig met bericht")
        ABSENT = "absent", _("afwezig zonder bericht")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRESENT)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class DecisionCounter(models.Model):
    """The last decision number handed out per body and year; locked while numbering."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="unique_decision_counter"),
        ]

    def __str__(self) -> str:
        return f"{self.body_id}/{self.year}: {self.last_number}"


class Decision(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("gremium"), on_delete=models.PROTECT, related_name="decisions"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    sequence = models.PositiveIntegerField(_("volgnummer"))
    number = models.CharField(_("besluitnummer"), max_length=40, unique=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    text = models.TextField(_("besluit"))
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    publication_ground = models.CharField(
        _("grond voor niet openbaar (Woo)"), max_length=200, blank=True
    )
    documents = models.ManyToManyField(Document, blank=True, related_name="decisions")
    decided_on = models.DateField(_("datum"))
    is_withdrawn = models.BooleanField(_("ingetrokken"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "sequence"], name="unique_decision_sequence"
            ),
        ]
        indexes = [models.Index(fields=["body", "decided_on"], name="decision_body_date")]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"
