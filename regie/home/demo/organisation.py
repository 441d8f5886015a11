"""The organisations of the demo: a VNG directorate and a municipality's domain, their people,
the external partners and the demo accounts. Every name of a person is invented."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from regie.home.demo.context import Demo, models

DEMO_PASSWORD = "regie-demo"

# (key, parent key, name, kind)
UNITS = [
    ("vng", None, "VNG", "organisation"),
    ("fl", "vng", "Directie Fysieke Leefomgeving", "directorate"),
    ("leefomgeving", "fl", "Team Leefomgeving", "team"),
    ("landelijk", "leefomgeving", "Cluster Landelijk gebied", "cluster"),
    ("bouwen", "leefomgeving", "Cluster Bouwen en wonen", "cluster"),
    ("klimaat", "leefomgeving", "Cluster Klimaatadaptatie en water", "cluster"),
    ("mobiliteit", "leefomgeving", "Cluster Mobiliteit", "cluster"),
    ("milieu", "leefomgeving", "Cluster Milieu en circulaire economie", "cluster"),
    ("kwaliteit", "leefomgeving", "Cluster Omgevingskwaliteit", "cluster"),
    ("ow", "fl", "Programma Omgevingswet", "programme"),
    ("energie", "fl", "Programma Energie", "programme"),
    ("veenendam", None, "Gemeente Veenendam", "organisation"),
    ("samenleving", "veenendam", "Domein Samenleving", "domain"),
    ("zorg", "samenleving", "Team Zorg en Welzijn", "team"),
    ("werk", "samenleving", "Team Werk en Inkomen", "team"),
    ("jeugd", "samenleving", "Team Jeugd en Onderwijs", "team"),
    ("bestuur", "veenendam", "Team Bestuursondersteuning", "team"),
]

EXTERNAL_ORGANISATIONS = {
    "lvvn": "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur (LVVN)",
    "bzk": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BZK)",
    "vro": "Ministerie van Volkshuisvesting en Ruimtelijke Ordening (VRO)",
    "ienw": "Ministerie van Infrastructuur en Waterstaat (IenW)",
    "ipo": "Interprovinciaal Overleg (IPO)",
    "uvw": "Unie van Waterschappen",
    "lindeveld": "Gemeente Lindeveld",
}


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    role: str
    unit: str | None = None
    organisation: str | None = None
    username: str | None = None


S, TL, DIR, MT, EMP, EXT = (
    "secretary",
    "team_lead",
    "director",
    "mt_member",
    "employee",
    "external_member",
)

PEOPLE = [
    # Directie Fysieke Leefomgeving (VNG)
    PersonSpec("directeur", "Hester Wijnands", DIR, "fl", username="directeur"),
    PersonSpec("secretaris", "Marloes Verbeek", S, "leefomgeving", username="secretaris"),
    PersonSpec("teamleider", "Jeroen Hoekstra", TL, "leefomgeving", username="teamleider"),
    PersonSpec("teamleider2", "Annelies Brink", TL, "leefomgeving"),
    PersonSpec("mtlid", "Sander Koopmans", MT, "ow", username="mtlid"),
    PersonSpec("pm_energie", "Ingrid Molenaar", MT, "energie"),
    PersonSpec("medewerker", "Fleur Dijkstra", EMP, "landelijk", username="medewerker"),
    PersonSpec("coord_landelijk", "Pieter Schouten", TL, "landelijk"),
    PersonSpec("coord_bouwen", "Rianne Vermeulen", TL, "bouwen"),
    PersonSpec("coord_klimaat", "Bas Timmermans", TL, "klimaat"),
    PersonSpec("coord_mobiliteit", "Noor El Amrani", TL, "mobiliteit"),
    PersonSpec("coord_milieu", "Gijs van der Linden", TL, "milieu"),
    PersonSpec("coord_kwaliteit", "Esther Wouters", TL, "kwaliteit"),
    PersonSpec("pmo", "Karin Postma", EMP, "ow"),
    PersonSpec("controller", "Thijs Kramer", EMP, "fl"),
    PersonSpec("adviseur_klimaat", "Laura Hofman", EMP, "klimaat"),
    PersonSpec("adviseur_mobiliteit", "Mehmet Yilmaz", EMP, "mobiliteit"),
    PersonSpec("adviseur_wonen", "Sophie van Rooij", EMP, "bouwen"),
    PersonSpec("adviseur_energie", "Daan Brouwer", EMP, "energie"),
    # Partners (external members)
    PersonSpec("extern", "Rob Verhagen", EXT, organisation="lvvn", username="extern"),
    PersonSpec("dg_lvvn", "Margriet Hendriksen", EXT, organisation="lvvn"),
    PersonSpec("lvvn_do", "Anouk Vink", EXT, organisation="lvvn"),
    PersonSpec("ipo_bestuur", "Wim Zandstra", EXT, organisation="ipo"),
    PersonSpec("ipo_directeur", "Yvette Bosman", EXT, organisation="ipo"),
    PersonSpec("uvw_bestuur", "Kees Roelofs", EXT, organisation="uvw"),
    PersonSpec("uvw_directeur", "Petra Lammers", EXT, organisation="uvw"),
    PersonSpec("vro", "Olaf Dekkers", EXT, organisation="vro"),
    PersonSpec("bzk", "Ellen de Graaf", EXT, organisation="bzk"),
    PersonSpec("vng_bestuurder", "Harm Nijboer", EXT, organisation="lindeveld"),
    # Gemeente Veenendam, domein Samenleving
    PersonSpec(
        "secretaris_gemeente", "Yvonne Kuipers", S, "samenleving", username="secretaris-gemeente"
    ),
    PersonSpec("concerndirecteur", "Frank Mulder", DIR, "samenleving"),
    PersonSpec("hoofd_zorg", "Ilse Verstegen", MT, "zorg"),
    PersonSpec("hoofd_werk", "Ruben de Haan", MT, "werk"),
    PersonSpec("hoofd_jeugd", "Nadia Bouzid", MT, "jeugd"),
    PersonSpec("bc_samenleving", "Erik Scholten", EMP, "samenleving"),
    PersonSpec("beleid_jeugd", "Lotte Janssen", EMP, "jeugd"),
    PersonSpec("beleid_wmo", "Hidde Smeets", EMP, "zorg"),
    PersonSpec("gemeentesecretaris", "Paul Wensink", DIR, "veenendam"),
    PersonSpec("burgemeester", "Janneke Oudeman", EMP, "veenendam"),
    PersonSpec("wethouder_sociaal", "Martijn Hazelaar", EMP, "veenendam"),
    PersonSpec("wethouder_financien", "Saskia Rijnders", EMP, "veenendam"),
    PersonSpec("wethouder_ruimte", "Tom Veldkamp", EMP, "veenendam"),
]

# The accounts of the demo, in the order the README lists them.
ACCOUNTS = [
    "secretaris",
    "directeur",
    "teamleider",
    "mtlid",
    "medewerker",
    "extern",
    "secretaris-gemeente",
]


def create_closing_days(demo: Demo) -> int:
    """The Friday after Ascension Day and the working days between Christmas and New Year."""
    ClosingDay = models().ClosingDay
    rows = []
    for year in range(demo.today.year - 2, demo.today.year + 2):
        ascension = easter(year) + timedelta(days=39)
        rows.append(ClosingDay(date=ascension + timedelta(days=1), name="Vrijdag na Hemelvaart"))
        for day in range(27, 32):
            d = date(year, 12, day)
            if d.weekday() < 5:
                rows.append(ClosingDay(date=d, name="Collectieve vrije dag tussen de feestdagen"))
    ClosingDay.objects.bulk_create(rows)
    demo.refresh_calendar()
    return len(rows)


def create_units(demo: Demo) -> None:
    OrganisationUnit = models().OrganisationUnit
    for key, parent, name, kind in UNITS:
        demo.units[key] = OrganisationUnit.objects.create(
            name=name, kind=kind, parent=demo.units.get(parent) if parent else None
        )


def create_accounts(demo: Demo) -> None:
    """The demo accounts (and `beheer`), all with DEMO_PASSWORD; hashed once for speed."""
    User = get_user_model()
    hashed = make_password(DEMO_PASSWORD)
    admin, _ = User.objects.get_or_create(username="beheer")
    admin.is_staff = admin.is_superuser = admin.is_active = True
    admin.password = hashed
    admin.first_name, admin.last_name = "Functioneel", "beheer"
    admin.save()
    demo.users["beheer"] = admin
    for spec in PEOPLE:
        if spec.username is None:
            continue
        first, _, last = spec.name.partition(" ")
        user, _ = User.objects.get_or_create(username=spec.username)
        user.password = hashed
        user.first_name, user.last_name = first, last
        user.email = _email(spec)
        user.is_active, user.is_staff, user.is_superuser = True, False, False
        user.save()
        demo.users[spec.username] = user


def create_people(demo: Demo) -> None:
    m = models()
    orgs = {
        key: m.ExternalOrganisation.objects.create(name=name)
        for key, name in EXTERNAL_ORGANISATIONS.items()
    }
    admin = demo.users["beheer"]
    for spec in PEOPLE:
        person = m.Person(
            name=spec.name,
            email=_email(spec),
            role=spec.role,
            unit=demo.units.get(spec.unit) if spec.unit else None,
            organisation=orgs.get(spec.organisation) if spec.organisation else None,
            user=demo.users.get(spec.username) if spec.username else None,
        )
        person._history_user = admin
        person.save()
        demo.people[spec.key] = person


def _email(spec: PersonSpec) -> str:
    local = spec.name.lower().replace(" ", ".")
    if spec.organisation:
        domain = {
            "lvvn": "minlvvn.example.nl",
            "bzk": "minbzk.example.nl",
            "vro": "minvro.example.nl",
            "ienw": "minienw.example.nl",
            "ipo": "ipo.example.nl",
            "uvw": "uvw.example.nl",
            "lindeveld": "lindeveld.example.nl",
        }[spec.organisation]
    elif spec.unit in {u[0] for u in UNITS[11:]}:
        domain = "veenendam.example.nl"
    else:
        domain = "vng.example.nl"
    return f"{local}@{domain}"
