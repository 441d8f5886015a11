"""Realistic, consistent bulk data for benchmarks: `regie seed --scale small|medium|large`.

Deterministic for a given seed. Rows are written with bulk inserts, so the seeded rows have
no history records; everything else (numbering, the action lists, visibility) is consistent.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from regie.actions.models import Action, ProgressNote
from regie.core.models import (
    Body,
    BodyMembership,
    Confidentiality,
    ExternalOrganisation,
    OrganisationUnit,
    Person,
)
from regie.core.workdays import WorkingCalendar
from regie.documents.models import Document, DocumentVersion
from regie.hiring.models import Candidate, Contract, HiringRequest
from regie.home.seeding_later import LaterScale, LaterSeeder
from regie.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionCounter,
    Meeting,
    Proposal,
    ProposalStep,
)
from regie.planning.models import Activity, Milestone, Plan, ProgressUpdate
from regie.risks.models import Measure, Risk

BATCH = 2000


@dataclass(frozen=True)
class Scale:
    people: int
    units: int
    bodies: int
    years: int
    meetings_per_body_year: int
    items_per_meeting: int
    decisions_per_meeting: int
    actions_per_meeting: int
    documents_per_meeting: int
    real_files: int
    later: LaterScale


SCALES = {
    # large: 40 bodies x 10 years x 30 = 12,000 meetings; 156,000 items; 60,000 decisions;
    # 300,000 actions with as many progress notes; 96,000 stukken.
    # Later modules (LaterScale): activities per year plan (one plan per unit and year),
    # risks per unit, hiring requests, and one programme plan's activities and milestones.
    # large: 600 year plans with ~47,000 activities and ~140,000 progress updates, 3,000
    # risks, 200 hiring requests, a programme of 3,000 activities and 300 milestones.
    "small": Scale(120, 10, 4, 2, 20, 13, 5, 25, 8, 20, LaterScale(20, 20, 20, 300, 30)),
    "medium": Scale(600, 30, 12, 5, 24, 13, 5, 25, 8, 50, LaterScale(40, 30, 60, 1000, 100)),
    "large": Scale(2000, 60, 40, 10, 30, 13, 5, 25, 8, 200, LaterScale(78, 50, 200, 3000, 300)),
}

FIRST = [
    "Anna",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Femke",
    "Gert",
    "Hanneke",
    "Ilse",
    "Joost",
    "Karin",
    "Lars",
    "Marieke",
    "Nadia",
    "Olaf",
    "Petra",
    "Ruud",
    "Sanne",
    "Tom",
    "Wouter",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
]
TOPICS = [
    "Nationaal Programma Landelijk Gebied",
    "Omgevingswet",
    "klimaatadaptatie",
    "woningbouwopgave",
    "energietransitie",
    "stikstof",
    "circulaire economie",
    "mobiliteit",
    "Fonds GGU",
    "jaarplan",
    "subsidieregeling",
    "bodem en water",
]
VERBS = ["Voortgang", "Besluit over", "Bespreking", "Rapportage", "Aanpak", "Evaluatie"]
ACTIONS = [
    "Notitie opstellen over",
    "Afstemmen met IPO over",
    "Planning aanpassen voor",
    "Brief aan ministerie over",
    "Reactie verzamelen op",
    "Voorstel uitwerken voor",
]
BODY_KINDS = [
    Body.Kind.MT,
    Body.Kind.DO,
    Body.Kind.BO,
    Body.Kind.STEERING_GROUP,
    Body.Kind.TEAM,
    Body.Kind.COLLEGE,
    Body.Kind.WORKS_COUNCIL,
]
PROPOSALS_PER_BODY = 5
DEFAULT_AGENDA = ["Opening en mededelingen", "Verslag vorige vergadering", "Actielijst"]


def _batched(rows: list[Any], create: Callable[[list[Any]], list[Any]]) -> list[Any]:
    out: list[Any] = []
    for start in range(0, len(rows), BATCH):
        out.extend(create(rows[start : start + BATCH]))
    return out


def _bulk(model, rows: list[Any]) -> list[Any]:
    return _batched(rows, lambda chunk: model.objects.bulk_create(chunk, batch_size=BATCH))


class Seeder:
    def __init__(self, scale: Scale, seed: int, today: date, log: Callable[[str], None]):
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.log = log
        self.calendar = WorkingCalendar()

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            units = self.units()
            people = self.people(units)
            bodies = self.bodies(units, people)
            meetings = self.meetings(bodies)
            items = self.agenda_items(meetings)
            self.attendance(meetings, bodies)
            self.decisions(items)
            self.actions(items, bodies)
            self.documents(items)
            self.proposals(bodies, people)
            LaterSeeder(self, self.scale.later).run(units, people)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return {
            "units": OrganisationUnit.objects.count(),
            "people": Person.objects.count(),
            "bodies": Body.objects.count(),
            "meetings": Meeting.objects.count(),
            "agenda_items": AgendaItem.objects.count(),
            "decisions": Decision.objects.count(),
            "actions": Action.objects.count(),
            "progress_notes": ProgressNote.objects.count(),
            "documents": Document.objects.count(),
            "proposals": Proposal.objects.count(),
            "plans": Plan.objects.count(),
            "activities": Activity.objects.count(),
            "milestones": Milestone.objects.count(),
            "progress_updates": ProgressUpdate.objects.count(),
            "risks": Risk.objects.count(),
            "measures": Measure.objects.count(),
            "hiring_requests": HiringRequest.objects.count(),
            "candidates": Candidate.objects.count(),
            "contracts": Contract.objects.count(),
        }

    def units(self) -> list[OrganisationUnit]:
        root = OrganisationUnit.objects.create(name="Organisatie", kind="organisation")
        directorates = _bulk(
            OrganisationUnit,
            [
                OrganisationUnit(name=f"Directie {i + 1}", kind="directorate", parent=root)
                for i in range(max(1, self.scale.units // 10))
            ],
        )
        teams = _bulk(
            OrganisationUnit,
            [
                OrganisationUnit(
                    name=f"Team {i + 1}", kind="team", parent=self.rng.choice(directorates)
                )
                for i in range(self.scale.units - len(directorates) - 1)
            ],
        )
        self.log(f"units: {1 + len(directorates) + len(teams)}")
        return [root, *directorates, *teams]

    def people(self, units: list[OrganisationUnit]) -> list[Person]:
        User = get_user_model()
        users = _bulk(
            User,
            [
                User(username=f"seed{i:05d}", password="!", first_name=FIRST[i % len(FIRST)])
                for i in range(self.scale.people)
            ],
        )
        ministry = ExternalOrganisation.objects.create(name="Ministerie (seed)")
        roles = [Person.Role.EMPLOYEE] * 6 + [
            Person.Role.TEAM_LEAD,
            Person.Role.SECRETARY,
            Person.Role.MT_MEMBER,
            Person.Role.EXTERNAL_MEMBER,
        ]
        people = []
        for i, user in enumerate(users):
            role = Person.Role.SECRETARY if i < 4 else self.rng.choice(roles)
            people.append(
                Person(
                    user=user,
                    name=f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)} ({i})",
                    email=f"seed{i:05d}@example.org",
                    role=role,
                    unit=self.rng.choice(units),
                    organisation=ministry if role == Person.Role.EXTERNAL_MEMBER else None,
                    calendar_token=f"seed-person-{i}",
                )
            )
        people = _bulk(Person, people)
        self.log(f"people: {len(people)}")
        return people

    def bodies(self, units, people) -> list[Body]:
        secretaries = [p for p in people if p.role == Person.Role.SECRETARY]
        levels = [Confidentiality.INTERNAL] * 3 + [
            Confidentiality.CONFIDENTIAL,
            Confidentiality.PUBLIC,
        ]
        bodies = _bulk(
            Body,
            [
                Body(
                    name=f"{BODY_KINDS[i % len(BODY_KINDS)].label.capitalize()} {i + 1}",
                    code=f"G{i + 1:02d}",
                    kind=BODY_KINDS[i % len(BODY_KINDS)],
                    unit=self.rng.choice(units),
                    chair=self.rng.choice(people),
                    secretary=secretaries[i % len(secretaries)],
                    confidentiality=levels[i % len(levels)],
                    documents_due_working_days=5,
                    default_agenda=DEFAULT_AGENDA,
                    calendar_token=f"seed-body-{i}",
                )
                for i in range(self.scale.bodies)
            ],
        )
        memberships = []
        for body in bodies:
            # In order, not a set: a set of ids iterates by id value, which differs per database.
            sample = [p.pk for p in self.rng.sample(people, 10)]
            members = list(dict.fromkeys([body.secretary_id, body.chair_id, *sample]))
            for person_id in members:
                role = (
                    BodyMembership.Role.SECRETARY
                    if person_id == body.secretary_id
                    else BodyMembership.Role.CHAIR
                    if person_id == body.chair_id
                    else BodyMembership.Role.MEMBER
                )
                memberships.append(BodyMembership(body=body, person_id=person_id, role=role))
        _bulk(BodyMembership, memberships)
        self.log(f"bodies: {len(bodies)}, memberships: {len(memberships)}")
        return bodies

    def meeting_days(self) -> Iterator[date]:
        start = self.today - timedelta(days=365 * self.scale.years - 60)
        step = max(
            1, (365 * self.scale.years) // (self.scale.meetings_per_body_year * self.scale.years)
        )
        count = self.scale.meetings_per_body_year * self.scale.years
        for n in range(count):
            yield self.calendar.next_working_day(start + timedelta(days=n * step))

    def meetings(self, bodies: list[Body]) -> list[Meeting]:
        rows = []
        tz = timezone.get_current_timezone()
        for body in bodies:
            for day in self.meeting_days():
                starts = datetime.combine(day, time(10 + self.rng.randint(0, 4), 0), tzinfo=tz)
                rows.append(
                    Meeting(
                        body=body,
                        starts_at=starts,
                        ends_at=starts + timedelta(minutes=120),
                        location="Vergaderzaal",
                        status=self._status_for(day),
                    )
                )
        meetings = _bulk(Meeting, rows)
        self.log(f"meetings: {len(meetings)}")
        return meetings

    def _status_for(self, day: date) -> str:
        age = (self.today - day).days
        if age < 0:
            return Meeting.Status.DRAFT if age < -14 else Meeting.Status.AGENDA_SENT
        if age < 14:
            return Meeting.Status.MINUTES_DRAFT
        return Meeting.Status.ARCHIVED

    def agenda_items(self, meetings: list[Meeting]) -> list[AgendaItem]:
        rows = []
        purposes = list(AgendaItem.Purpose.values)
        for meeting in meetings:
            for position in range(1, self.scale.items_per_meeting + 1):
                standing = position <= len(DEFAULT_AGENDA)
                title = (
                    DEFAULT_AGENDA[position - 1]
                    if standing
                    else f"{self.rng.choice(VERBS)} {self.rng.choice(TOPICS)}"
                )
                rows.append(
                    AgendaItem(
                        meeting=meeting,
                        position=position,
                        title=title,
                        purpose=self.rng.choice(purposes),
                        duration_minutes=10,
                        is_standing=standing,
                        confidentiality=(
                            Confidentiality.CONFIDENTIAL
                            if self.rng.random() < 0.05
                            else Confidentiality.INTERNAL
                        ),
                        status=AgendaItem.Status.HANDLED
                        if meeting.status == "archived"
                        else AgendaItem.Status.PLANNED,
                        discussion="Het overleg bespreekt het punt en stemt in."
                        if meeting.status == "archived"
                        else "",
                    )
                )
        items = _bulk(AgendaItem, rows)
        self.log(f"agenda items: {len(items)}")
        return items

    def attendance(self, meetings: list[Meeting], bodies: list[Body]) -> None:
        members: dict[int, list[int]] = {}
        for body_id, person_id in BodyMembership.objects.order_by("id").values_list(
            "body_id", "person_id"
        ):
            members.setdefault(body_id, []).append(person_id)
        statuses = ["present"] * 8 + ["absent_notified", "absent"]
        rows = [
            Attendance(meeting=m, person_id=pid, status=self.rng.choice(statuses))
            for m in meetings
            if m.status == Meeting.Status.ARCHIVED
            for pid in members[m.body_id]
        ]
        _bulk(Attendance, rows)
        self.log(f"attendance: {len(rows)}")

    def _substantive(self, items: list[AgendaItem]) -> dict[int, list[AgendaItem]]:
        per_meeting: dict[int, list[AgendaItem]] = {}
        for item in items:
            if not item.is_standing:
                per_meeting.setdefault(item.meeting_id, []).append(item)
        return per_meeting

    def decisions(self, items: list[AgendaItem]) -> None:
        meetings = {m.pk: m for m in Meeting.objects.filter(status="archived")}
        counters: dict[tuple[int, int], int] = {}
        codes = dict(Body.objects.values_list("id", "code"))
        rows = []
        for meeting_id, meeting_items in sorted(self._substantive(items).items()):
            meeting = meetings.get(meeting_id)
            if meeting is None:
                continue
            day = timezone.localdate(meeting.starts_at)
            for item in meeting_items[: self.scale.decisions_per_meeting]:
                key = (meeting.body_id, day.year)
                counters[key] = counters.get(key, 0) + 1
                seq = counters[key]
                rows.append(
                    Decision(
                        body_id=meeting.body_id,
                        year=day.year,
                        sequence=seq,
                        number=f"{codes[meeting.body_id]}-{day.year}-{seq:03d}",
                        meeting_id=meeting_id,
                        agenda_item=item,
                        decided_on=day,
                        text=f"Het overleg stemt in met: {item.title.lower()}.",
                        confidentiality=item.confidentiality,
                    )
                )
        _bulk(Decision, rows)
        _bulk(
            DecisionCounter,
            [DecisionCounter(body_id=b, year=y, last_number=n) for (b, y), n in counters.items()],
        )
        self.log(f"decisions: {len(rows)}")

    def actions(self, items: list[AgendaItem], bodies: list[Body]) -> None:
        meetings = {m.pk: m for m in Meeting.objects.filter(status="archived")}
        member_ids: dict[int, list[int]] = {}
        for body_id, person_id in BodyMembership.objects.order_by("id").values_list(
            "body_id", "person_id"
        ):
            member_ids.setdefault(body_id, []).append(person_id)
        codes = dict(Body.objects.values_list("id", "code"))
        item_type = ContentType.objects.get_for_model(AgendaItem)
        rows = []
        for meeting_id, meeting_items in sorted(self._substantive(items).items()):
            meeting = meetings.get(meeting_id)
            if meeting is None:
                continue
            day = timezone.localdate(meeting.starts_at)
            for n in range(self.scale.actions_per_meeting):
                item = meeting_items[n % len(meeting_items)]
                due = day + timedelta(days=self.rng.randint(7, 90))
                done = due < self.today and self.rng.random() < 0.93
                rows.append(
                    Action(
                        title=f"{self.rng.choice(ACTIONS)} {self.rng.choice(TOPICS)}",
                        owner_id=self.rng.choice(member_ids[meeting.body_id]),
                        body_id=meeting.body_id,
                        status=Action.Status.DONE if done else Action.Status.OPEN,
                        is_commitment=self.rng.random() < 0.05,
                        confidentiality=item.confidentiality,
                        raised_on=day,
                        due_date=due,
                        closed_on=min(due, self.today) if done else None,
                        source_type=item_type,
                        source_id=item.pk,
                        source_label=(
                            f"{codes[meeting.body_id]} {day:%d-%m-%Y}, punt {item.position}"
                        ),
                    )
                )
        actions = _bulk(Action, rows)
        notes = [
            ProgressNote(
                action=a,
                author_id=a.owner_id,
                text="Loopt volgens planning.",
                status_after=a.status,
            )
            for a in actions
        ]
        _bulk(ProgressNote, notes)
        self.log(f"actions: {len(actions)}, progress notes: {len(notes)}")

    def documents(self, items: list[AgendaItem]) -> None:
        blobs = [self._real_file(n) for n in range(self.scale.real_files)]
        meetings = {m.pk: m for m in Meeting.objects.all()}
        per_meeting = self._substantive(items)
        docs, links = [], []
        for meeting_id, meeting_items in sorted(per_meeting.items()):
            meeting = meetings[meeting_id]
            for n in range(self.scale.documents_per_meeting):
                item = meeting_items[n % len(meeting_items)]
                docs.append(
                    Document(
                        title=f"Stuk {n + 1}: {item.title}",
                        kind=Document.Kind.MEMO,
                        body_id=meeting.body_id,
                        confidentiality=item.confidentiality,
                    )
                )
                links.append(item.pk)
        docs = _bulk(Document, docs)
        versions = []
        for n, doc in enumerate(docs):
            name, sha, size = blobs[n % len(blobs)]
            versions.append(
                DocumentVersion(
                    document=doc,
                    number=1,
                    file=name,
                    original_name=f"stuk-{doc.pk}.pdf",
                    content_type="application/pdf",
                    size=size,
                    sha256=sha,
                )
            )
        _bulk(DocumentVersion, versions)
        through = AgendaItem.documents.through
        _bulk(
            through,
            [
                through(agendaitem_id=item_id, document_id=doc.pk)
                for item_id, doc in zip(links, docs, strict=True)
            ],
        )
        self.log(f"documents: {len(docs)} ({len(blobs)} real files)")

    def proposals(self, bodies: list[Body], people: list[Person]) -> None:
        """Voorstellen on their way: first to a body's next meeting, then to the next body."""
        now = timezone.now()
        upcoming: dict[int, int] = {}
        for pk, body_id in (
            Meeting.objects.filter(starts_at__gte=now)
            .order_by("starts_at", "id")
            .values_list("id", "body_id")
        ):
            upcoming.setdefault(body_id, pk)
        internal = [p for p in people if p.role != Person.Role.EXTERNAL_MEMBER]
        proposals = _bulk(
            Proposal,
            [
                Proposal(
                    title=f"Voorstel {self.rng.choice(TOPICS)} ({body.code}-{n + 1})",
                    summary="Het voorstel vraagt om een besluit over de aanpak.",
                    owner=self.rng.choice(internal),
                    confidentiality=body.confidentiality,
                )
                for body in bodies
                for n in range(PROPOSALS_PER_BODY)
            ],
        )
        steps = []
        for n, proposal in enumerate(proposals):
            first = bodies[n // PROPOSALS_PER_BODY]
            following = bodies[(n // PROPOSALS_PER_BODY + 1) % len(bodies)]
            steps.append(
                ProposalStep(
                    proposal=proposal, position=1, body=first, meeting_id=upcoming.get(first.pk)
                )
            )
            if following.pk != first.pk:
                steps.append(ProposalStep(proposal=proposal, position=2, body=following))
        _bulk(ProposalStep, steps)
        self.log(f"proposals: {len(proposals)}, steps: {len(steps)}")

    def _real_file(self, n: int) -> tuple[str, str, int]:
        content = _tiny_pdf(f"Regie testbestand {n}")
        sha = hashlib.sha256(content).hexdigest()
        name = f"documents/seed/{sha[:2]}/{sha}"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))
        return name, sha, len(content)


def _tiny_pdf(text: str) -> bytes:
    """A minimal valid one-page PDF with a line of text (no renderer needed)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
