"""Action items (actiepunten) and bestuurlijke afspraken, from any source, followed until done.

An action records where it came from through a generic relation, so this app imports none of
the apps that raise actions.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regie.core.models import Body, Confidentiality, Person


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in behandeling")
        DONE = "done", _("afgerond")
        CANCELLED = "cancelled", _("vervallen")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    title = models.CharField(_("actie"), max_length=500)
    description = models.TextField(_("toelichting"), blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("gremium"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.OPEN,
    )
    is_commitment = models.BooleanField(_("bestuurlijke afspraak"), default=False)
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    raised_on = models.DateField(_("vastgesteld op"))
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    due_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("gereed voor vergadering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_due",
    )
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    source_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("herkomst"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["body", "status", "due_date"], name="action_body_status_due"),
            models.Index(fields=["owner", "status", "due_date"], name="action_owner_status_due"),
            models.Index(fields=["source_type", "source_id"], name="action_source"),
            # The open actions in list order: "te laat", "deze week" and all open actions read
            # a page of these without sorting the whole table.
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(status__in=["open", "in_progress"]),
                name="action_open_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ProgressNote(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("voortgang"))
    status_after = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsnotitie")
        verbose_name_plural = _("voortgangsnotities")
        ordering = ["action", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]
