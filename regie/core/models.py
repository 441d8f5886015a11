"""Organisation: units, people, roles, bodies and their members, closing days."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("openbaar")
    INTERNAL = "internal", _("intern")
    CONFIDENTIAL = "confidential", _("vertrouwelijk")


CONFIDENTIALITY_RANK = {
    Confidentiality.PUBLIC: 0,
    Confidentiality.INTERNAL: 1,
    Confidentiality.CONFIDENTIAL: 2,
}


class OrganisationUnit(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisatie")
        DIRECTORATE = "directorate", _("directie")
        DOMAIN = "domain", _("domein")
        TEAM = "team", _("team")
        CLUSTER = "cluster", _("cluster")
        PROGRAMME = "programme", _("programma")

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatieonderdeel")
        verbose_name_plural = _("organisatieonderdelen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ExternalOrganisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("externe organisatie")
        verbose_name_plural = _("externe organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    class Role(models.TextChoices):
        SECRETARY = "secretary", _("secretaris")
        TEAM_LEAD = "team_lead", _("teamleider/projectleider")
        DIRECTOR = "director", _("directeur")
        MT_MEMBER = "mt_member", _("MT-lid")
        EMPLOYEE = "employee", _("medewerker")
        EXTERNAL_MEMBER = "external_member", _("extern lid")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.EMPLOYEE)
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    organisation = models.ForeignKey(
        ExternalOrganisation,
        verbose_name=_("externe organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_external(self) -> bool:
        return self.role == self.Role.EXTERNAL_MEMBER


class Body(models.Model):
    """A gremium: any body that meets (BO, DO, stuurgroep, MT, college, ...)."""

    class Kind(models.TextChoices):
        BO = "bo", _("bestuurlijk overleg")
        DO = "do", _("directeurenoverleg")
        STEERING_GROUP = "steering_group", _("stuurgroep")
        MT = "mt", _("MT-overleg")
        TEAM = "team", _("teamoverleg")
        COLLEGE = "college", _("college van B&W")
        COUNCIL = "council", _("gemeenteraad")
        WORKS_COUNCIL = "works_council", _("OR-overleg")

    class Retention(models.TextChoices):
        PERMANENT = "19.1.6", _("19.1.6 bestuursorgaan: blijvend bewaren")
        OFFICIALS = "19.1.8", _("19.1.8 ambtelijk besluitvormend: vernietigen na 20 jaar")
        INTERNAL = "19.1.9", _("19.1.9 intern zonder beleidsbesluiten: vernietigen na 1 jaar")

    name = models.CharField(_("naam"), max_length=200)
    code = models.SlugField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("Korte code voor besluitnummers, bijvoorbeeld DO of BO-LG."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisatieonderdeel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
    )
    chair = models.ForeignKey(
        Person,
        verbose_name=_("voorzitter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_bodies",
    )
    secretary = models.ForeignKey(
        Person,
        verbose_name=_("secretaris"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secretary_of_bodies",
    )
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.INTERNAL,
    )
    documents_due_working_days = models.PositiveSmallIntegerField(
        _("stukken aanleveren (werkdagen vóór de vergadering)"),
        default=5,
    )
    default_agenda = models.JSONField(
        _("standaardagenda"),
        default=list,
        blank=True,
        help_text=_("Vaste agendapunten, in volgorde."),
    )
    default_duration_minutes = models.PositiveSmallIntegerField(
        _("standaardduur (minuten)"), default=90
    )
    retention = models.CharField(
        _("selectielijstcategorie"),
        max_length=10,
        choices=Retention.choices,
        default=Retention.OFFICIALS,
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gremium")
        verbose_name_plural = _("gremia")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BodyMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("voorzitter")
        SECRETARY = "secretary", _("secretaris")
        MEMBER = "member", _("lid")
        ADVISOR = "advisor", _("adviseur")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["body", "person"], name="unique_body_member"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.body})"


class ClosingDay(models.Model):
    """A day the organisation is closed besides the public holidays (e.g. a bridge day)."""

    date = models.DateField(_("datum"), unique=True)
    name = models.CharField(_("omschrijving"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sluitingsdag")
        verbose_name_plural = _("sluitingsdagen")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class AuditEvent(models.Model):
    """A security-relevant event (BIO): action, object, result, origin, actor, time."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=200)
    action = models.CharField(max_length=100)
    object_repr = models.CharField(max_length=300, blank=True)
    result = models.CharField(max_length=50)
    origin = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.result}"
