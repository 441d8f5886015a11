"""The world every URL is checked against: three bodies, one at each confidentiality level,
each with a meeting, an agenda item, a stuk with a version and a review step, a decision, an
action and a proposal; and the people whose access differs.

Everything that belongs to the confidential body carries the word MARKER in its title, so a
response that shows any of it is easy to find.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from regie.core.models import Body, BodyMembership, Confidentiality, Person
from regie.documents.models import ReviewRoute, ReviewStep
from regie.meetings.models import Decision, Proposal, ProposalStep
from regie.planning.tests import access_matrix as planning_matrix
from regie.risks.tests import access_matrix as risks_matrix
from regie.testing import documents_factories, factories

MARKER = "ZETAGEHEIM"
WRONG_TOKEN = "geen-geldig-token-0000"


@dataclass
class World:
    bodies: dict[str, Body]
    secretary: Person
    member: Person
    outsider: Person
    external: Person
    superuser: Person
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def confidential(self) -> Body:
        return self.bodies[Confidentiality.CONFIDENTIAL]

    def users(self) -> dict[str, Any]:
        """Role name -> user (None for anonymous)."""
        return {
            "anonymous": None,
            "secretary": self.secretary.user,
            "superuser": self.superuser.user,
            "outsider": self.outsider.user,
            "external": self.external.user,
        }

    def confidential_object(self, kind: str) -> Any:
        """The object of this kind that belongs to the confidential body (made on first use)."""
        objects = self.objects[Confidentiality.CONFIDENTIAL]
        if kind not in objects:
            maker = LAZY.get(kind)
            if maker is None:
                raise KeyError(kind)
            objects[kind] = maker(self)
        return objects[kind]


def _level_objects(body: Body, *, secretary: Person, owner: Person, label: str) -> dict[str, Any]:
    start = timezone.now().replace(microsecond=0) + timedelta(days=14)
    meeting = factories.meeting(body=body, starts_at=start, title=f"Vergadering {label}")
    item = factories.agenda_item(
        meeting=meeting,
        title=f"Agendapunt {label}",
        confidentiality=body.confidentiality,
        presenter=owner,
    )
    document = documents_factories.document(
        body=body, author=secretary, title=f"Stuk {label}", confidentiality=body.confidentiality
    )
    item.documents.add(document)
    route = ReviewRoute.objects.create(
        document=document, target_date=start.date(), target_label=body.code
    )
    step = ReviewStep.objects.create(
        route=route,
        position=1,
        label="Teamleider",
        reviewer=secretary,
        working_days_before=5,
        due_date=start.date() - timedelta(days=7),
    )
    decision = Decision.objects.create(
        body=body,
        year=start.year,
        sequence=1,
        number=f"{body.code}-{start.year}-001",
        meeting=meeting,
        agenda_item=item,
        text=f"Besluit {label}",
        confidentiality=body.confidentiality,
        decided_on=start.date(),
    )
    action = factories.action(
        owner=owner, body=body, title=f"Actie {label}", confidentiality=body.confidentiality
    )
    proposal = Proposal.objects.create(
        title=f"Voorstel {label}", owner=owner, confidentiality=body.confidentiality
    )
    proposal_step = ProposalStep.objects.create(proposal=proposal, position=1, body=body)
    return {
        "body": body,
        "meeting": meeting,
        "agenda_item": item,
        "document": document,
        "document_version": document.versions.get(),
        "review_route": route,
        "review_step": step,
        "decision": decision,
        "action": action,
        "proposal": proposal,
        "proposal_step": proposal_step,
        "person": owner,
    }


def build_world() -> World:
    secretary = factories.person(
        role=Person.Role.SECRETARY, username="m-secretaris", name="Sanne Secretaris"
    )
    member = factories.person(username="m-lid", name="Lars Lid")
    outsider = factories.person(username="m-medewerker", name="Mila Medewerker")
    external = factories.person(
        role=Person.Role.EXTERNAL_MEMBER, username="m-extern", name="Eva Extern"
    )
    superuser = factories.person(username="m-beheerder", name="Bas Beheer")
    superuser.user.is_superuser = True
    superuser.user.is_staff = True
    superuser.user.save()

    bodies: dict[str, Body] = {}
    objects: dict[str, dict[str, Any]] = {}
    for level, label, code in (
        (Confidentiality.PUBLIC, "openbaar overleg", "OPEN"),
        (Confidentiality.INTERNAL, "intern overleg", "INTERN"),
        (Confidentiality.CONFIDENTIAL, f"{MARKER} overleg", "ZETA"),
    ):
        body = factories.body(
            name=f"Gremium {label}",
            code=code,
            kind=Body.Kind.BO,
            confidentiality=level,
            secretary=secretary if level == Confidentiality.CONFIDENTIAL else None,
            members=[member] if level == Confidentiality.CONFIDENTIAL else [external],
        )
        bodies[level] = body
        objects[level] = _level_objects(
            body,
            secretary=secretary,
            owner=member,
            label=MARKER if level == Confidentiality.CONFIDENTIAL else label,
        )
    assert not BodyMembership.objects.filter(person__in=[outsider]).exists()
    return World(bodies, secretary, member, outsider, external, superuser, objects)


# --- objects made only when a URL needs them -----------------------------------------------


def _hiring_request(world: World):
    from regie.testing import hiring_factories

    return hiring_factories.hiring_request(
        secretary=world.secretary,
        title=f"Inhuur {MARKER}",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )


def _candidate(world: World):
    from regie.testing import hiring_factories

    return hiring_factories.candidate(
        request=world.confidential_object("hiring_request"),
        name=f"Kandidaat {MARKER}",
        cv=documents_factories.upload("cv.pdf", documents_factories.pdf("Curriculum vitae")),
    )


def _contract(world: World):
    from regie.hiring.models import Contract

    candidate = world.confidential_object("candidate")
    start = date(2026, 7, 13)
    return Contract.objects.create(
        request=candidate.request,
        candidate=candidate,
        person_name=f"Kandidaat {MARKER}",
        supplier=candidate.supplier,
        start=start,
        original_end=start + timedelta(days=180),
        end=start + timedelta(days=180),
        hours_per_week=36,
        hourly_rate=Decimal("100.00"),
    )


def _word_template(world: World):
    from django.core.files.base import ContentFile

    from regie.reports.models import WordTemplate

    template = WordTemplate(kind=WordTemplate.Kind.AGENDA)
    template.file.save("agenda.docx", ContentFile(documents_factories.docx("Agenda")), save=True)
    return template


LAZY = {
    "word_template": _word_template,
    "hiring_request": _hiring_request,
    "candidate": _candidate,
    "contract": _contract,
}
LAZY |= planning_matrix.makers(MARKER) | risks_matrix.makers(MARKER)
