"""The posting parser on the seed postings, the `hiring parse` command and the Dutch helpers.

EXPECTED holds, per seed, what a careful reader takes from the posting, written out in full.
Run this module as a script to print the field-level accuracy table used in
docs/hiring-parser.md: ``.venv/bin/python -m regie.hiring.tests.test_parsing``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest

from regie.hiring.parsing import (
    ParsedPosting,
    parse_amount,
    parse_date,
    parse_hours,
    parse_moment,
    parse_points,
    parse_posting,
    parse_rate,
)

HIRING = Path(__file__).resolve().parents[1]
POSTINGS = Path(__file__).resolve().parent / "postings"
DEMO = HIRING / "demo_postings" / "secretaris_fysieke_leefomgeving.txt"
KEYS = [
    "title",
    "organisation",
    "location",
    "hours_per_week",
    "start_date",
    "end_date",
    "extension_options",
    "max_rate",
    "deadline",
    "knockout_requirements",
    "competencies",
    "award_criteria",
    "procedure_steps",
]

EXPECTED = {
    "000_0387d164d6c20f84.txt": {
        "title": "Secretaris Fysieke Leefomgeving",
        "organisation": "Vereniging van Nederlandse Gemeenten (VNG)",
        "location": "Nassaulaan 12, 2514 JS Den Haag, Nederland",
        "hours_per_week": 32,
        "start_date": "2026-01-02",
        "end_date": "2026-12-31",
        "extension_options": "Daarna is in overleg verlenging mogelijk.",
        "max_rate": 114,
        "deadline": None,
        "knockout_requirements": [
            "Minimaal afgeronde HBO opleiding.",
            "Minimaal 8 jaar aantoonbare werkervaring in de rol van "
            "Programma-, project- of bestuurlijk secretaris als het gaat om "
            "het werken voor meerdere gemeenten en/of een regionaal "
            "samenwerkingsverband van gemeenten en/of de koepelorganisatie "
            "van gemeenten.",
            "Minimaal 8 jaar aantoonbare werkervaring met projectmatig "
            "werken in een bestuurlijk dynamische omgeving bij meerdere "
            "gemeenten en/of een regionaal samenwerkingsverband van "
            "gemeenten en/of de koepelorganisatie van gemeenten.",
        ],
        "competencies": [
            "Motiveren",
            "Plannen en organiseren",
            "Netwerken",
            "Resultaatgericht",
            "Organisatiesensitiviteit",
            "Zelfstandig adviserend",
            "Hands-on mentaliteit",
            "Cijfermatig inzicht",
        ],
        "award_criteria": [
            {
                "text": "Kandidaat heeft aantoonbare werkervaring in de rol van "
                "Programma-, project- of bestuurlijk secretaris binnen het "
                "fysiek domein als het gaat om het werken voor meerdere "
                "gemeenten en/of een regionaal samenwerkingsverband van "
                "gemeenten en/of de koepelorganisatie van gemeenten.",
                "points": None,
            },
            {
                "text": "Kandidaat heeft aantoonbare werkervaring in de rol van "
                "Programma-, project- of bestuurlijk secretaris op het gebied "
                "van bedrijfsvoering (beheer en initiëren van de personeel - "
                "en financiële administratie en verzorgen van rapportages) "
                "bij gemeenten en/of regionale samenwerkingsverbanden van "
                "gemeenten en/of de koepelorganisatie van gemeenten.",
                "points": None,
            },
            {
                "text": "De kandidaat heeft aantoonbare werkervaring met "
                "ondersteunende systemen voor administratieve processen; o.a "
                "-inkoop of verplichtingenadministratie -workflow management "
                "systeem -document- managementsystemen.",
                "points": None,
            },
            {
                "text": "Kandidaat heeft aantoonbare werkervaring met het zelfstandig "
                "adviseren van teamleiders en/of het Management Team en/of "
                "Directie van een publieke organisatie.",
                "points": None,
            },
        ],
        "procedure_steps": [
            "Geplande datum eerste gesprek: maandag 22 december 2025, van 12:00 tot 16:00 uur.",
            "De gesprekken zullen plaatsvinden via MS Teams.",
            "Na evaluatie (inschrijvingsvereisten/minimale eisen/wensen/prijs) "
            "worden aan de hand van de ranking in Mercell S2C één of meerdere (in "
            "de regel drie) kandidaten uitgenodigd voor het gesprek.",
            "Deze ranking wordt niet meegenomen in de beoordeling van het "
            "gesprek: het gesprek is uiteindelijk doorslaggevend.",
            "In dit gesprek wordt de kandidaat beoordeeld op werk- en "
            "opdrachtinhoudelijke aspecten, de match met de organisatie en de "
            "benodigde competenties.",
            "Op basis van de uitkomst van deze gesprekken vindt gunning van de "
            "opdracht plaats en/of wordt een kandidaat geselecteerd voor een "
            "eventueel tweede gesprek.",
        ],
    },
    "001_0636942649f72e44.txt": {
        "title": "Secretaris Domein Samenleving",
        "organisation": "Gemeente Zoetermeer",
        "location": "Zuid-Holland",
        "hours_per_week": 36,
        "start_date": "Z.s.m.",
        "end_date": None,
        "extension_options": "2 x 6 maand(en)",
        "max_rate": None,
        "deadline": "2026-06-29T09:00",
        "knockout_requirements": [
            "Inschrijver voldoet aan de gestelde uitvoeringsvoorwaarde "
            "zoals bovenaan benoemd in de uitvraag",
            "Indien opdrachtnemer personeel ter beschikking stelt, staat "
            "opdrachtnemer in het handelsregister geregistreerd als bedrijf "
            "dat personeel ter beschikking stelt (conform Waadi)",
            "De gemeente vraagt van de opdrachtnemer bij het contract onder "
            "leiding en toezicht dat ze gebruik maken van een G-rekening. "
            "Dit dient op het moment van inschrijving ingeregeld te staan "
            "in het leveranciersaccount of in het cv benoemd staan. Indien "
            "de inschrijver op grond van wet- of regelgeving of een geldige "
            "vrijstelling niet verplicht is gebruik te maken van een G "
            "rekening, volstaat de inschrijver met het overleggen van "
            "passende en verifieerbare documenten waaruit deze uitzondering "
            "blijkt",
            "De aangeboden kandidaat heeft in de afgelopen 6 maanden niet 3 "
            "overeenkomsten met een totale duur van 24 maanden gehad bij de "
            "opdrachtgever. (Dit criterium is niet van toepassing op "
            "kandidaten die een vast dienstverband hebben bij de uitlenende "
            "partij)",
            "Aantoonbaar afgeronde op minimaal hbo-bachelor niveau",
            "Per juli beschikbaar voor 36 uur per week.",
        ],
        "competencies": [
            "Politiek-bestuurlijke sensitiviteit",
            "Goede communicatieve vaardigheden, zowel mondeling als schriftelijk",
            "Resultaatgericht",
            "Uitstekende adviesvaardigheden op strategisch niveau",
            "Verbindend",
        ],
        "award_criteria": [
            {
                "text": "Minimaal 3 jaar aantoonbare werkervaring als secretaris "
                "binnen een gemeente",
                "points": 25,
            },
            {
                "text": "Aantoonbare werkervaring als secretaris binnen een 100.000+ gemeente",
                "points": 10,
            },
            {
                "text": "Aantoonbare werkervaring met het ondersteunen van de "
                "afdelingshoofden bij domeinbrede opgaven binnen het domein "
                "samenleving",
                "points": 25,
            },
            {
                "text": "Aantoonbare werkervaring met het voorbereiden, coördineren "
                "én bewaken van bestuurlijke besluitvorming richting college, "
                "raad en directie, duidelijk weergeven in het cv",
                "points": 20,
            },
            {
                "text": "Per 13 juli 2026 voor 36 uur per week beschikbaar, waaronder "
                "op de maandagen en donderdagen (i.v.m. vergaderingen OR)",
                "points": 15,
            },
            {
                "text": "Aantoonbare werkervaring met het notuleren van "
                "vergaderingen, opstellen en bijhouden van een actielijst, "
                "bewaken dat de acties worden uitgevoerd",
                "points": 5,
            },
        ],
        "procedure_steps": [
            "Stap 1: Beoordeling CV's op minimumeisen",
            "Stap 2: Selectie 10 CV's die aan de opdrachtgever worden voorgelegd",
            "Stap 3: Uitnodiging voor een selectiegesprek",
            "Stap 4: Selectiegesprek",
        ],
    },
    "002_d0edd3cdc14d1fff.txt": {
        "title": "Projectmanagement officer Naleving Sociaal Domein",
        "organisation": "Vereniging van Nederlandse Gemeenten",
        "location": "Flevoland",
        "hours_per_week": 32,
        "start_date": None,
        "end_date": None,
        "extension_options": None,
        "max_rate": 75,
        "deadline": "2025-09-04",
        "knockout_requirements": [
            "Minimaal HBO werk- en denkniveau, blijkend uit een afgeronde "
            "opleiding bijvoorbeeld in de richting van Bestuurskunde",
            "Minimaal 1 jaar werkervaring als projectsecretaris, PMO of een "
            "vergelijkbare rol blijkend uit het CV en/of motivatie",
            "Minimaal 1 jaar ervaring met project- en "
            "procesmanagementondersteuning en met het organiseren van "
            "bijeenkomsten, blijkend uit CV en/of motivatie",
            "Minimaal 1 jaar werkervaring bij een overheidsorganisatie "
            "blijkend uit CV en/of motivatie",
            "Uitstekende beheersing van de Nederlandse taal blijkend uit CV en/of motivatie",
            "Minimaal 1 jaar ervaring met het ondersteunen van de "
            "managementcylcus door bij te dragen in woord en geschrift aan "
            "rapportages, projecten etc",
        ],
        "competencies": None,
        "award_criteria": [
            {
                "text": "Kandidaat heeft ervaring met de ondersteuning van projecten "
                "in de rol van projectsecretaris of vergelijkbaar",
                "points": None,
            },
            {
                "text": "Kandidaat heeft werkervaring als projectsecretaris of PMO "
                "bij overheidsorganisaties",
                "points": None,
            },
            {
                "text": "Kandidaat heeft beleidsdocumenten, voortgangsverslagen of "
                "projectplannen geschreven",
                "points": None,
            },
        ],
        "procedure_steps": None,
    },
    "003_13540dd19751fcf7.txt": {
        "title": "Gemeente Secretaris / Algemeen Directeur",
        "organisation": "Gemeente Zoetermeer",
        "location": "Stadhuisplein 1, 2711 EC Zoetermeer, Nederland",
        "hours_per_week": 36,
        "start_date": "Z.S.M.",
        "end_date": "2026-02-01",
        "extension_options": None,
        "max_rate": None,
        "deadline": None,
        "knockout_requirements": [
            "Inschrijver voldoet aan de gestelde uitvoeringsvoorwaarde "
            "zoals bovenaan benoemd in de uitvraag",
            "Indien opdrachtnemer personeel ter beschikking stelt, staat "
            "opdrachtnemer in het handelsregister geregistreerd als bedrijf "
            "dat personeel ter beschikking stelt (conform Waadi)",
            "De aangeboden kandidaat heeft in de afgelopen 6 maanden geen 3 "
            "overeenkomsten met een totale duur van 24 maanden gehad bij de "
            "opdrachtgever. (Dit criterium is niet van toepassing op "
            "kandidaten die een vast dienstverband hebben bij de uitlenende "
            "instantie.)",
            "Minimaal een afgeronde WO-bachelor opleiding",
            "Uiterlijk per 28 juli 2025 beschikbaar voor de gehele duur van "
            "de opdracht inclusief verlengingsopties",
            "Minimaal 3 jaar aantoonbare werkervaring in de afgelopen 5 "
            "jaar als gemeentesecretaris/algemeen directeur bij een "
            "gemeente.",
        ],
        "competencies": [
            "Resultaatgericht",
            "Politiek-bestuurlijke sensitiviteit",
            "Organisatiesensitiviteit",
            "Strategisch en analytisch denkvermogen",
            "Leiderschap",
            "Communicatief en sociaal vaardig",
            "Goed moreel kompas",
            "Veranderkundig intervenieren (als eindverantwoordelijk leidinggevende)",
        ],
        "award_criteria": [
            {
                "text": "Minimaal 6 jaar aantoonbare werkervaring als "
                "gemeentesecretaris/algemeen directeur bij een gemeente of "
                "provincie",
                "points": 30,
            },
            {
                "text": "Minimaal 4 jaar aantoonbare werkervaring als veranderkundig "
                "interim gemeentesecretaris/algemeen directeur binnen een "
                "gemeente",
                "points": 35,
            },
            {
                "text": "Minimaal 3 jaar aantoonbare werkervaring als "
                "gemeentesecretaris/algemeen directeur met "
                "bezuinigingsopgaven op strategisch niveau binnen een "
                "gemeente, licht dit duidelijk toe in het cv",
                "points": 15,
            },
            {
                "text": "Een aantoonbaar afgeronde opleiding of cursus op het gebied "
                "van organisatieontwikkeling, veranderkunde en advies",
                "points": 10,
            },
            {
                "text": "Aantoonbare werkervaring in de afgelopen 3 jaar als interim "
                "gemeente secretaris/algemeen directeur bij een 100.000+ en "
                "New Town gemeente met een duidelijke veranderkundige en "
                "ontwikkelingsgerichte opdracht, duidelijk weergeven in het "
                "cv",
                "points": 10,
            },
        ],
        "procedure_steps": [
            "De gesprekken bij de gemeente zijn gepland op vrijdag 18 juli 2025 "
            "tussen 10:00 uur en 12:00 uur.",
            "De kandidaten die hiervoor uitgenodigd zijn, ontvangen donderdag 17 "
            "juli 2025 bericht.",
            "Overige kandidaten ontvangen na de gesprekken bericht over de "
            "voortgang van deze aanvraag.",
        ],
    },
    "004_0facd083de3f9a84.txt": {
        "title": None,
        "organisation": "Vereniging van Nederlandse Gemeenten",
        "location": "Nassaulaan 12, 2514 JS Den Haag, Nederland",
        "hours_per_week": None,
        "start_date": "2026-03-23",
        "end_date": "2026-06-30",
        "extension_options": "Daarna is in overleg per half jaar verlenging mogelijk. De "
        "uiteindelijke duur is afhankelijk van de specifieke opdracht en "
        "invulling daarvan, maar op basis van de condities in deze DAS "
        "uitvraag uiterlijk 36 maanden.",
        "max_rate": None,
        "deadline": None,
        "knockout_requirements": None,
        "competencies": None,
        "award_criteria": None,
        "procedure_steps": [
            "De geplande datum voor het eerste gesprek is dinsdag 17 maart 2026, "
            "van 14:00 tot 17:00.",
            "De gesprekken zullen plaatsvinden via MS Teams.",
        ],
    },
}


def field_accuracy(parsed: dict, expected: dict) -> tuple[int, int, list[str]]:
    """Fields right, fields in all, and the names of the wrong ones."""
    wrong = [key for key in KEYS if parsed.get(key) != expected[key]]
    return len(KEYS) - len(wrong), len(KEYS), wrong


def parsed_seed(name: str) -> dict:
    return parse_posting((POSTINGS / name).read_text(encoding="utf-8")).as_json()


def accuracy_table() -> list[tuple[str, int, int, list[str]]]:
    rows = [
        (name, *field_accuracy(parsed_seed(name), expected)) for name, expected in EXPECTED.items()
    ]
    demo = parse_posting(DEMO.read_text(encoding="utf-8")).as_json()
    rows.append((DEMO.name, *field_accuracy(demo, EXPECTED["000_0387d164d6c20f84.txt"])))
    return rows


# --- the seeds ----------------------------------------------------------------------------------


def test_every_seed_has_an_expectation_with_exactly_the_public_keys():
    assert sorted(p.name for p in POSTINGS.glob("*.txt")) == sorted(EXPECTED)
    for expected in EXPECTED.values():
        assert list(expected) == KEYS


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_seed_is_read_field_by_field(name):
    parsed = parsed_seed(name)
    assert list(parsed) == KEYS
    for key in KEYS:
        assert parsed[key] == EXPECTED[name][key], key


def test_the_demo_posting_reads_like_its_seed_copy():
    demo = parse_posting(DEMO.read_text(encoding="utf-8")).as_json()
    assert demo == EXPECTED["000_0387d164d6c20f84.txt"]


def test_field_accuracy_on_the_seeds_is_complete():
    for name, right, total, wrong in accuracy_table():
        assert (right, wrong) == (total, []), name


def test_the_parsed_posting_has_python_types_for_the_draft():
    posting = parse_posting((POSTINGS / "001_0636942649f72e44.txt").read_text(encoding="utf-8"))
    assert isinstance(posting.deadline, datetime) and posting.deadline.tzinfo is not None
    assert (posting.deadline.hour, posting.deadline.minute) == (9, 0)
    assert posting.start_date == posting.start_text == "Z.s.m."
    assert (posting.extension_count, posting.extension_months) == (2, 6)
    assert posting.duration_months == 6 and posting.max_total_months == 18
    assert posting.award_total_points == 100 and posting.candidates_to_select == 10
    assert posting.is_das is True and posting.waadi_required is True
    assert posting.uses_g_account is True
    assert (posting.g_account_share_sna, posting.g_account_share_other) == (25, 55)
    assert posting.platform_fee_per_hour == Decimal("2.25")
    assert posting.contract_forms == {"secondment", "agency"}  # no zzp under this condition
    assert len(posting.execution_conditions) == 2
    assert "ZZP-er" in posting.execution_conditions[0]

    first = parse_posting((POSTINGS / "000_0387d164d6c20f84.txt").read_text(encoding="utf-8"))
    assert first.start_date == date(2026, 1, 2) and first.end_date == date(2026, 12, 31)
    assert first.max_rate == Decimal("114") and first.deadline is None
    assert first.vog_moment == "before_start"

    bureau = parse_posting((POSTINGS / "002_d0edd3cdc14d1fff.txt").read_text(encoding="utf-8"))
    assert bureau.contract_forms == {"self_employed", "secondment"}
    assert bureau.supplier_margin_percent == Decimal("10")
    assert bureau.deadline == date(2025, 9, 4)

    das = parse_posting((POSTINGS / "004_0facd083de3f9a84.txt").read_text(encoding="utf-8"))
    assert das.is_das is True and das.extension_months == 6 and das.max_total_months == 36


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_seed_becomes_a_draft_request(name):
    from regie.hiring import services

    text = (POSTINGS / name).read_text(encoding="utf-8")
    draft = services.request_from_posting(actor=None, text=text)
    expected = EXPECTED[name]
    assert draft.data.title == (expected["title"] or "")
    assert draft.data.requirements == (expected["knockout_requirements"] or [])
    assert [c[0] for c in draft.data.criteria] == [
        c["text"] for c in expected["award_criteria"] or []
    ]
    hours = expected["hours_per_week"]
    if hours is not None:
        assert draft.data.hours_per_week_max == (hours[-1] if isinstance(hours, list) else hours)


# --- other layouts: no rule belongs to one seed -------------------------------------------------

STRIIVE_LIKE = """Beleidsadviseur Wonen
Opdrachtgever: Provincie Utrecht
Standplaats: Utrecht
Startdatum: 01-03-2026
Einddatum: 31-12-2026
Uren per week: 32 - 36
Uurtarief: max. € 95,00 per uur
Sluitingsdatum: 12 mei 2026 12:00 uur
Verlengingsopties: 2 keer 6 maanden

Omschrijving
De provincie zoekt een adviseur die het woonbeleid verder brengt, samen met gemeenten, corporaties
en ontwikkelaars in de regio, en die de woondeals bewaakt.

Knock-out criteria:
- Afgeronde WO-opleiding;
- Minimaal 5 jaar ervaring met woonbeleid.

Gunningscriteria
1. Ervaring met woondeals (max. 25 punten)
2. Kennis van de Woningwet - 20 pnt
3. Ervaring bij een provincie (weging 30%)
4. Netwerk in de regio

Competenties:
* Samenwerken
* Overtuigingskracht

Procedure
- Week 20: beoordeling cv's
- Week 22: gesprekken

Vragen kunnen tot 1 mei 2026 12:00 uur worden gesteld.
"""

PLAIN = """Functie: Projectleider Energie
Salaris: € 4.000 per maand
Tarief: Geen maximum
Inzet: 28 tot 36 uur
Periode: 1 februari 2026 t/m 31 juli 2026
Reageren kan t/m 3 juni 2026.
Harde eisen
Je hebt een hbo-diploma
Je hebt 3 jaar ervaring als projectleider
Wensen
Ervaring met Agile (20 punten)
Ervaring met subsidies (10 pnt)
"""


def test_a_striive_like_posting_with_labels_and_markers():
    parsed = parse_posting(STRIIVE_LIKE)
    assert parsed.as_json() == {
        "title": "Beleidsadviseur Wonen",
        "organisation": "Provincie Utrecht",
        "location": "Utrecht",
        "hours_per_week": [32, 36],
        "start_date": "2026-03-01",
        "end_date": "2026-12-31",
        "extension_options": "2 keer 6 maanden",
        "max_rate": 95,
        "deadline": "2026-05-12T12:00",
        "knockout_requirements": [
            "Afgeronde WO-opleiding",
            "Minimaal 5 jaar ervaring met woonbeleid.",
        ],
        "competencies": ["Samenwerken", "Overtuigingskracht"],
        "award_criteria": [
            {"text": "Ervaring met woondeals", "points": 25},
            {"text": "Kennis van de Woningwet", "points": 20},
            {"text": "Ervaring bij een provincie", "points": 30},
            {"text": "Netwerk in de regio", "points": None},
        ],
        "procedure_steps": ["Week 20: beoordeling cv's", "Week 22: gesprekken"],
    }
    assert (parsed.extension_count, parsed.extension_months) == (2, 6)


def test_a_plain_posting_without_markers_salary_is_no_rate():
    parsed = parse_posting(PLAIN).as_json()
    assert parsed["title"] == "Projectleider Energie"
    assert parsed["max_rate"] is None  # "Geen maximum", and a monthly salary is not a rate
    assert parsed["hours_per_week"] == [28, 36]
    assert (parsed["start_date"], parsed["end_date"]) == ("2026-02-01", "2026-07-31")
    assert parsed["deadline"] == "2026-06-03"
    assert parsed["knockout_requirements"] == [
        "Je hebt een hbo-diploma",
        "Je hebt 3 jaar ervaring als projectleider",
    ]
    assert parsed["award_criteria"] == [
        {"text": "Ervaring met Agile", "points": 20},
        {"text": "Ervaring met subsidies", "points": 10},
    ]
    assert parsed["competencies"] is None and parsed["procedure_steps"] is None
    assert parsed["organisation"] is None and parsed["location"] is None


NUMBERED = """Home
Adviseur Informatiebeveiliging

Organisatie: Gemeente Utrecht
Locatie: Utrecht
Uren: 36
Startdatum: 1-2-2026
Tarief: € 80,- tot € 95,- per uur (excl. BTW)
Deadline: 12 januari 2026 om 12:00

Wat vragen wij?
• HBO werk- en denkniveau
Wat bieden wij:
• Een mooie opdracht

Eisen
E1. Minimaal 3 jaar ervaring als CISO
E2 Kennis van ISO 27001
Wensen
W1: Ervaring bij een gemeente (weging 40%)
W2: Certificering CISSP – 20 punten
"""


def test_numbered_requirements_a_rate_range_and_a_deadline_with_om():
    parsed = parse_posting(NUMBERED).as_json()
    assert parsed["title"] == "Adviseur Informatiebeveiliging"
    assert (parsed["organisation"], parsed["location"]) == ("Gemeente Utrecht", "Utrecht")
    assert parsed["max_rate"] == 95 and parsed["deadline"] == "2026-01-12T12:00"
    assert parsed["start_date"] == "2026-02-01" and parsed["end_date"] is None
    assert parsed["knockout_requirements"] == [
        "Minimaal 3 jaar ervaring als CISO",
        "Kennis van ISO 27001",
    ]
    assert parsed["award_criteria"] == [
        {"text": "Ervaring bij een gemeente", "points": 40},
        {"text": "Certificering CISSP", "points": 20},
    ]


def test_nothing_found_stays_null():
    parsed = parse_posting("Een korte tekst zonder gegevens over een opdracht.").as_json()
    assert list(parsed) == KEYS
    assert all(value is None for value in parsed.values())


def test_a_question_deadline_is_not_the_closing_moment():
    text = "Vragen kunnen tot 1 mei 2026 worden gesteld.\nSluitingsdatum: 8 mei 2026, 12.00 uur"
    assert parse_posting(text).as_json()["deadline"] == "2026-05-08T12:00"
    assert parse_posting("Vragen stellen kan tot 1 mei 2026.").deadline is None


# --- helpers ------------------------------------------------------------------------------------


def test_dutch_dates():
    assert parse_date("2 jan 2026") == date(2026, 1, 2)
    assert parse_date("31 december 2026") == date(2026, 12, 31)
    assert parse_date("23 mrt 2026") == date(2026, 3, 23)
    assert parse_date("25ste augustus, 2025") == date(2025, 8, 25)
    assert parse_date("04-09-2025") == date(2025, 9, 4)
    assert parse_date("2026-06-29") == date(2026, 6, 29)
    assert parse_date("Z.s.m.") is None
    assert parse_date("31 februari 2026") is None
    moment = parse_moment("maandag 29 juni 2026, 09:00 uur")
    assert isinstance(moment, datetime) and moment.tzinfo is not None
    assert moment.strftime("%Y-%m-%dT%H:%M") == "2026-06-29T09:00"
    assert parse_moment("di 23 jun. 2026 9.30u").strftime("%H:%M") == "09:30"
    assert parse_moment("Sluit over 9 dagen") is None


def test_start_as_soon_as_possible_stays_text():
    parsed = parse_posting("Begindatum:\n\nZ.s.m.\n\nEinddatum:\n\n1 feb 2026\n")
    assert parsed.start_date == parsed.start_text == "Z.s.m."
    assert parsed.as_json()["start_date"] == "Z.s.m."
    assert parsed.as_json()["end_date"] == "2026-02-01"


def test_amounts_and_rates():
    assert parse_amount("€ 2,25") == Decimal("2.25")
    assert parse_amount("€ 1.250,50") == Decimal("1250.50")
    assert parse_amount("€ 95,-") == Decimal("95")
    assert parse_rate("Max 75 p/u") == Decimal("75")
    assert parse_rate("max. € 110,00 per uur") == Decimal("110")
    assert parse_rate("Geen maximum") is None
    assert parse_rate("€ 4.000 per maand") is None
    assert parse_rate("€ 2,25") is None  # a fee, not an hourly rate
    assert parse_posting("Salaris: € 4.000 per maand").max_rate is None
    assert parse_posting("Max 75 p/u").max_rate == Decimal("75")
    fee = "Flextender brengt € 2,25 per gewerkt uur in rekening bij de winnende leverancier."
    assert parse_posting(fee).max_rate is None
    assert parse_posting(fee).platform_fee_per_hour == Decimal("2.25")


def test_hours():
    assert parse_hours("32") == 32
    assert parse_hours("36 uur") == 36
    assert parse_hours("32 - 36") == [32, 36]
    assert parse_hours("28 tot 36") == [28, 36]
    assert parse_hours("32-36 uur per week") == [32, 36]
    assert parse_hours("nog niet bekend") is None
    assert parse_posting("Inzet: 32-36 uur per week").hours_per_week == [32, 36]
    assert parse_posting("Wij zoeken iemand voor 24 uur per week.").hours_per_week == 24


def test_points():
    assert parse_points("Ervaring als secretaris (20 punten);") == ("Ervaring als secretaris", 20)
    assert parse_points("Kennis van Zaakgericht werken 20 pnt") == (
        "Kennis van Zaakgericht werken",
        20,
    )
    assert parse_points("Ervaring bij een provincie (weging 30%)") == (
        "Ervaring bij een provincie",
        30,
    )
    assert parse_points("Netwerk, max. 25 punten") == ("Netwerk", 25)
    assert parse_points("Netwerk in de regio.") == ("Netwerk in de regio.", None)


def test_relative_closing_is_no_deadline():
    assert parse_posting("Sluit over 9 dagen").deadline is None
    assert parse_posting("Je hebt nog 10 dagen om te reageren.").deadline is None


# --- the command --------------------------------------------------------------------------------


def run(*args) -> str:
    from django.core.management import call_command

    out = StringIO()
    call_command("hiring", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_command_prints_exactly_one_json_object(name):
    output = run("parse", str(POSTINGS / name), "--json")
    data = json.loads(output)
    assert list(data) == KEYS
    assert data == EXPECTED[name]


def test_the_command_prints_a_dutch_summary():
    output = run("parse", str(POSTINGS / "001_0636942649f72e44.txt"))
    assert "Titel:" in output and "Secretaris Domein Samenleving" in output
    assert "29 juni 2026, 09:00 uur" in output
    assert "Einddatum:" in output and "niet gevonden" in output
    assert "Minimaal 3 jaar aantoonbare werkervaring" in output and "(25 punten)" in output


def test_the_command_reads_word_and_pdf_files(tmp_path):
    from regie.testing import files

    word = tmp_path / "uitvraag.docx"
    word.write_bytes(files.docx("Uren per week: 32"))
    assert json.loads(run("parse", str(word), "--json"))["hours_per_week"] == 32
    pdf = tmp_path / "uitvraag.pdf"
    pdf.write_bytes(files.pdf("Sluitingsdatum: 12 mei 2026"))
    assert json.loads(run("parse", str(pdf), "--json"))["deadline"] == "2026-05-12"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (None, None, "bestaat niet"),
        ("leeg.txt", b"", "leeg"),
        ("spaties.txt", b"   \n  ", "leeg"),
        ("binair.txt", b"\x00\xff\x10" * 200, "binair"),
        ("uitvraag.exe", b"MZ\x90\x00", ".txt, .pdf, .docx"),
        ("kapot.pdf", b"niet echt een pdf", "PDF"),
    ],
)
def test_bad_files_give_a_command_error(tmp_path, name, content, message):
    from django.core.management.base import CommandError

    path = tmp_path / (name or "ontbreekt.txt")
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run("parse", str(path), "--json")
    assert message in str(error.value)


def test_a_directory_is_not_a_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="geen bestand"):
        run("parse", str(tmp_path))


def test_parsed_posting_json_has_only_the_public_keys():
    assert list(ParsedPosting().as_json()) == KEYS


if __name__ == "__main__":  # the accuracy table in docs/hiring-parser.md
    print("| Seed | Velden goed / totaal | Fout |")
    print("|---|---|---|")
    for seed, right, total, wrong in accuracy_table():
        print(f"| `{seed}` | {right} / {total} | {', '.join(wrong) or '-'} |")
