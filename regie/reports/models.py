"""Word templates an organisation uploads for its own agenda and minutes layout."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class WordTemplate(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("agenda")
        MINUTES = "minutes", _("verslag")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, unique=True)
    file = models.FileField(_("Word-sjabloon (.docx)"), upload_to="templates/")
    uploaded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Word-sjabloon")
        verbose_name_plural = _("Word-sjablonen")

    def __str__(self) -> str:
        return self.get_kind_display()


class DigestLog(models.Model):
    """The day a person's digest was sent, so that a day never gets two."""

    person = models.ForeignKey("core.Person", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "sent_on"], name="unique_digest_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.sent_on}"
