"""Stukken: documents with versions, checksums, extracted text and review routing."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regie.core.models import Body, Confidentiality, Person


def version_upload_to(instance: "DocumentVersion", filename: str) -> str:
    return f"documents/{instance.document_id}/{instance.sha256[:2]}/{instance.sha256}"


class Document(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("voorstel")
        MEMO = "memo", _("notitie")
        LETTER = "letter", _("brief")
        REPORT = "report", _("rapport")
        MINUTES = "minutes", _("verslag")
        ANNEX = "annex", _("bijlage")
        PRESENTATION = "presentation", _("presentatie")

    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.MEMO)
    author = models.ForeignKey(
        Person,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_documents",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("gremium"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    publication_ground = models.CharField(
        _("grond voor niet openbaar (Woo)"),
        max_length=200,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stuk")
        verbose_name_plural = _("stukken")
        ordering = ["-created_at"]
        # The list of stukken, newest first, reads one page without sorting them all.
        indexes = [models.Index(fields=["created_at", "id"], name="document_created")]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    file = models.FileField(upload_to=version_upload_to, max_length=300)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64, db_index=True)
    extracted_text = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class ReviewRoute(models.Model):
    """The approval path of a stuk before it goes to a meeting."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="route")
    target_date = models.DateField(_("datum vergadering"))
    target_label = models.CharField(_("doel"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("routering")
        verbose_name_plural = _("routeringen")

    def __str__(self) -> str:
        return f"{self.document} → {self.target_label}"


class ReviewStep(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("open")
        APPROVED = "approved", _("akkoord")
        RETURNED = "returned", _("teruggestuurd")

    route = models.ForeignKey(ReviewRoute, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(_("stap"), max_length=100)
    reviewer = models.ForeignKey(
        Person,
        verbose_name=_("beoordelaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_steps",
    )
    working_days_before = models.PositiveSmallIntegerField(_("werkdagen vóór vergadering"))
    due_date = models.DateField(_("uiterlijk"), db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    comment = models.TextField(_("opmerking"), blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Person,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("routeringsstap")
        verbose_name_plural = _("routeringsstappen")
        ordering = ["route", "position"]
        constraints = [
            models.UniqueConstraint(fields=["route", "position"], name="unique_review_step"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        """Still to be decided: pending, or returned and waiting to be reached again."""
        return self.status != self.Status.APPROVED
