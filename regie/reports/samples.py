"""A sample context per kind of Word document.

An uploaded template is test-rendered with it before it is stored, and the upload page and
docs/word-sjablonen.md show it, so an organisation sees every variable with a real value.
"""

from __future__ import annotations

_HEADER = {
    "organisation": "Gemeente Voorbeeld",
    "body": "Directeurenoverleg",
    "body_code": "DO",
    "generated_on": "20 november 2026",
    "meeting_title": "Directeurenoverleg november",
    "date": "23 november 2026",
    "weekday": "maandag",
    "start_time": "10:00",
    "end_time": "11:30",
    "time": "10:00–11:30 uur",
    "location": "Stadhuis, kamer 2.14",
    "status": "agenda verzonden",
}

_ITEMS = [
    {
        "number": "1",
        "title": "Opening en mededelingen",
        "purpose": "ter informatie",
        "presenter": "Anna de Vries",
        "time": "10:00",
        "end_time": "10:05",
        "duration": 5,
        "description": "",
        "documents": [],
        "stukken": "",
        "is_sub": False,
        "confidential": False,
    },
    {
        "number": "2",
        "title": "Jaarplan 2027",
        "purpose": "ter besluitvorming",
        "presenter": "Mark Jansen",
        "time": "10:05",
        "end_time": "10:35",
        "duration": 30,
        "description": "Vaststellen van het jaarplan.",
        "documents": ["Jaarplan 2027 (concept)", "Begroting 2027"],
        "stukken": "Jaarplan 2027 (concept); Begroting 2027",
        "is_sub": False,
        "confidential": False,
    },
]

_MINUTES_EXTRA = {
    "discussion": "Het DO bespreekt het concept.\nDe planning wordt aangescherpt.",
    "decisions": [
        {
            "number": "DO-2026-014",
            "text": "Het DO stelt het jaarplan 2027 vast.",
            "withdrawn": False,
        }
    ],
    "actions": [
        {
            "nr": "1",
            "title": "Jaarplan publiceren op intranet",
            "owner": "Mark Jansen",
            "due": "4 december 2026",
            "status": "open",
            "source": "DO 23-11-2026, punt 2",
            "overdue": False,
            "commitment": False,
        }
    ],
}


def sample_context(kind: str) -> dict:
    items = [dict(item) for item in _ITEMS]
    stukken = [{"number": i["number"], "title": t} for i in items for t in i["documents"]]
    if kind == "agenda":
        return {**_HEADER, "kind": "Agenda", "items": items, "stukken": stukken}
    for item in items:
        item.update(
            {
                "discussion": "",
                "decisions": [],
                "actions": [],
            }
        )
    items[1].update(_MINUTES_EXTRA)
    return {
        **_HEADER,
        "status": "conceptverslag",
        "kind": "Verslag",
        "items": items,
        "stukken": stukken,
        "present": ["Anna de Vries", "Mark Jansen"],
        "absent_notified": ["Sanne Bakker"],
        "absent": [],
        "summary": "",
        "action_list": list(_MINUTES_EXTRA["actions"]),
        "commitments": [],
    }


# Every variable a template can use, with its meaning (Dutch, for the upload page and
# docs/word-sjablonen.md). A test keeps this list, the sample context and the doc in step.
FIELDS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Vergadering (agenda en verslag)",
        [
            ("organisation", "naam van de organisatie"),
            ("body", "naam van het gremium"),
            ("body_code", "code van het gremium"),
            ("meeting_title", "titel van de vergadering (anders de naam van het gremium)"),
            ("kind", "soort stuk: Agenda of Verslag"),
            ("date", "datum van de vergadering"),
            ("weekday", "dag van de week"),
            ("start_time", "begintijd"),
            ("end_time", "eindtijd"),
            ("time", "begin- en eindtijd"),
            ("location", "locatie"),
            ("status", "status van de vergadering"),
            ("generated_on", "datum waarop het document is gemaakt"),
            ("items", "de agendapunten, in volgorde (zie item.…)"),
            ("stukken", "alle stukken: s.number (agendapunt) en s.title"),
        ],
    ),
    (
        "Per agendapunt (item.…)",
        [
            ("item.number", "nummer: 1, 2, 2.1"),
            ("item.title", "onderwerp"),
            ("item.purpose", "doel: ter besluitvorming, ter bespreking of ter informatie"),
            ("item.presenter", "inbreng (wie het punt inleidt)"),
            ("item.time", "begintijd van het punt"),
            ("item.end_time", "eindtijd van het punt"),
            ("item.duration", "duur in minuten"),
            ("item.description", "toelichting"),
            ("item.documents", "lijst van titels van de stukken"),
            ("item.stukken", "de titels van de stukken in één regel"),
            ("item.is_sub", "waar bij een subpunt (2.1)"),
            ("item.confidential", "waar bij een vertrouwelijk punt"),
        ],
    ),
    (
        "Alleen in het verslag",
        [
            ("present", "aanwezigen (lijst van namen)"),
            ("absent_notified", "afwezig met bericht (lijst van namen)"),
            ("absent", "afwezig zonder bericht (lijst van namen)"),
            ("summary", "algemene aantekeningen"),
            ("item.discussion", "bespreking van het punt"),
            ("item.decisions", "besluiten bij het punt: d.number, d.text, d.withdrawn"),
            ("item.actions", "acties bij het punt (velden als bij de actielijst)"),
            ("action_list", "de actielijst van het gremium op de vergaderdag (zie a.…)"),
            ("commitments", "de bestuurlijke afspraken, met dezelfde velden"),
        ],
    ),
    (
        "Per actie (a.…)",
        [
            ("a.nr", "volgnummer in de lijst"),
            ("a.title", "de actie"),
            ("a.owner", "eigenaar"),
            ("a.due", "uiterlijk (datum)"),
            ("a.status", "status"),
            ("a.source", "herkomst"),
            ("a.overdue", "waar als de actie te laat is"),
        ],
    ),
]


def _example(context: dict, name: str):
    prefix, _dot, key = name.partition(".")
    if not key:
        value = context.get(name, "")
    elif prefix == "item":
        value = next((i[key] for i in context["items"] if i.get(key)), "")
    else:  # a.…
        value = next((a[key] for a in context["action_list"] if a.get(key)), "")
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return f"{len(value)} ×"
        return ", ".join(str(v) for v in value)
    return value


def field_rows() -> list[tuple[str, list[tuple[str, str, object]]]]:
    """The documented fields with an example value each, for the upload page."""
    context = sample_context("minutes")
    return [
        (group, [(name, meaning, _example(context, name)) for name, meaning in fields])
        for group, fields in FIELDS
    ]
