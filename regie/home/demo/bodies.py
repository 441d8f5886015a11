"""The demo's bodies (gremia), their members and their meeting rhythm."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from regie.home.demo.context import Demo, models

DEFAULT_AGENDA = [
    "Opening en mededelingen",
    "Verslag vorige vergadering",
    "Actielijst",
    "Rondvraag en sluiting",
]
CLOSING_ITEM = DEFAULT_AGENDA[-1]

# (person key, membership role)
Member = tuple[str, str]


@dataclass(frozen=True)
class BodySpec:
    code: str
    name: str
    kind: str
    unit: str
    chair: str
    secretary: str
    members: tuple[Member, ...]
    confidentiality: str
    retention: str
    due_working_days: int
    duration: int
    hour: tuple[int, int]
    locations: tuple[str, ...]
    subject: str  # how the minutes name the body: "het MT", "de stuurgroep"
    months_back: int
    schedule: Callable[[date, date], list[date]]
    items: tuple[int, int]  # substantive items per meeting (min, max)
    latest_status: str  # the status of the most recent past meeting


def every_n_weeks(weekday: int, weeks: int) -> Callable[[date, date], list[date]]:
    def dates(start: date, end: date) -> list[date]:
        day = start + timedelta(days=(weekday - start.weekday()) % 7)
        out = []
        while day <= end:
            out.append(day)
            day += timedelta(weeks=weeks)
        return out

    return dates


def nth_weekday_monthly(
    weekday: int, nth: int, months: tuple[int, ...] = tuple(range(1, 13))
) -> Callable[[date, date], list[date]]:
    def dates(start: date, end: date) -> list[date]:
        out = []
        year, month = start.year, start.month
        while date(year, month, 1) <= end:
            if month in months:
                first = date(year, month, 1)
                day = first + timedelta(days=(weekday - first.weekday()) % 7, weeks=nth - 1)
                if start <= day <= end:
                    out.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    return dates


MON, TUE, WED, THU = 0, 1, 2, 3
VNG = "Nassaulaan 12, Den Haag"

BODIES = [
    BodySpec(
        code="MT-FL",
        name="MT Fysieke Leefomgeving",
        kind="mt",
        unit="fl",
        chair="directeur",
        secretary="secretaris",
        members=(
            ("teamleider", "member"),
            ("teamleider2", "member"),
            ("mtlid", "member"),
            ("pm_energie", "member"),
            ("controller", "advisor"),
        ),
        confidentiality="internal",
        retention="19.1.8",
        due_working_days=3,
        duration=90,
        hour=(9, 30),
        locations=(f"{VNG}, kamer 4.12", "Microsoft Teams"),
        subject="het MT",
        months_back=24,
        schedule=every_n_weeks(TUE, 2),
        items=(3, 4),
        latest_status="minutes_draft",
    ),
    BodySpec(
        code="DO",
        name="Directeurenoverleg Fysieke Leefomgeving",
        kind="do",
        unit="fl",
        chair="directeur",
        secretary="secretaris",
        members=(
            ("mtlid", "member"),
            ("pm_energie", "member"),
            ("teamleider", "member"),
            ("lvvn_do", "member"),
            ("ipo_directeur", "member"),
            ("uvw_directeur", "member"),
        ),
        confidentiality="internal",
        retention="19.1.8",
        due_working_days=5,
        duration=120,
        hour=(14, 0),
        locations=(f"{VNG}, zaal Thorbecke",),
        subject="het DO",
        months_back=24,
        schedule=nth_weekday_monthly(THU, 2, (1, 2, 3, 4, 5, 6, 9, 10, 11, 12)),
        items=(3, 4),
        latest_status="held",
    ),
    BodySpec(
        code="BO-LG",
        name="BO Landelijk gebied",
        kind="bo",
        unit="landelijk",
        chair="dg_lvvn",
        secretary="secretaris",
        members=(
            ("extern", "member"),
            ("vng_bestuurder", "member"),
            ("ipo_bestuur", "member"),
            ("uvw_bestuur", "member"),
            ("directeur", "advisor"),
            ("coord_landelijk", "advisor"),
        ),
        confidentiality="internal",
        retention="19.1.6",
        due_working_days=10,
        duration=120,
        hour=(13, 0),
        locations=("Ministerie van LVVN, Bezuidenhoutseweg, Den Haag", f"{VNG}, zaal Thorbecke"),
        subject="het BO",
        months_back=24,
        schedule=every_n_weeks(WED, 6),
        items=(3, 3),
        latest_status="minutes_review",
    ),
    BodySpec(
        code="SG-OW",
        name="Stuurgroep Omgevingswet",
        kind="steering_group",
        unit="ow",
        chair="directeur",
        secretary="secretaris",
        members=(
            ("mtlid", "member"),
            ("pmo", "advisor"),
            ("vro", "member"),
            ("bzk", "member"),
            ("ipo_directeur", "member"),
            ("uvw_directeur", "member"),
        ),
        confidentiality="confidential",
        retention="19.1.8",
        due_working_days=7,
        duration=120,
        hour=(10, 0),
        locations=(f"{VNG}, zaal Thorbecke",),
        subject="de stuurgroep",
        months_back=24,
        schedule=nth_weekday_monthly(MON, 1, (3, 6, 9, 12)),
        items=(3, 4),
        latest_status="minutes_draft",
    ),
    BodySpec(
        code="COLLEGE",
        name="College van B&W Veenendam",
        kind="college",
        unit="veenendam",
        chair="burgemeester",
        secretary="secretaris_gemeente",
        members=(
            ("wethouder_sociaal", "member"),
            ("wethouder_financien", "member"),
            ("wethouder_ruimte", "member"),
            ("gemeentesecretaris", "advisor"),
        ),
        confidentiality="public",
        retention="19.1.6",
        due_working_days=8,
        duration=180,
        hour=(9, 0),
        locations=("Stadhuis Veenendam, collegekamer",),
        subject="het college",
        months_back=6,
        schedule=every_n_weeks(TUE, 1),
        items=(4, 5),
        latest_status="held",
    ),
    BodySpec(
        code="MT-SAM",
        name="MT Samenleving",
        kind="mt",
        unit="samenleving",
        chair="concerndirecteur",
        secretary="secretaris_gemeente",
        members=(
            ("hoofd_zorg", "member"),
            ("hoofd_werk", "member"),
            ("hoofd_jeugd", "member"),
            ("bc_samenleving", "advisor"),
        ),
        confidentiality="internal",
        retention="19.1.8",
        due_working_days=3,
        duration=90,
        hour=(13, 30),
        locations=("Stadhuis Veenendam, kamer 2.04",),
        subject="het MT",
        months_back=12,
        schedule=every_n_weeks(MON, 2),
        items=(3, 3),
        latest_status="minutes_draft",
    ),
]
SPECS = {spec.code: spec for spec in BODIES}


def create_bodies(demo: Demo) -> None:
    m = models()
    admin = demo.users["beheer"]
    memberships = []
    for spec in BODIES:
        body = m.Body(
            name=spec.name,
            code=spec.code,
            kind=spec.kind,
            unit=demo.units[spec.unit],
            chair=demo.people[spec.chair],
            secretary=demo.people[spec.secretary],
            confidentiality=spec.confidentiality,
            documents_due_working_days=spec.due_working_days,
            default_agenda=DEFAULT_AGENDA,
            default_duration_minutes=spec.duration,
            retention=spec.retention,
        )
        body._history_user = admin
        body.save()
        demo.bodies[spec.code] = body
        roles = [(spec.chair, "chair"), (spec.secretary, "secretary"), *spec.members]
        for key, role in roles:
            membership = m.BodyMembership(body=body, person=demo.people[key], role=role)
            membership._history_user = admin
            memberships.append(membership)
    m.BodyMembership.objects.bulk_create(memberships)
    m.BodyMembership.history.bulk_history_create(memberships, default_user=admin)


def member_keys(spec: BodySpec) -> list[str]:
    return [spec.chair, spec.secretary, *(key for key, _role in spec.members)]
