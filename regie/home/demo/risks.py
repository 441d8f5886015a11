"""Risks of the directie Fysieke Leefomgeving and the domein Samenleving, some linked to the
year plan's activities, with measures of which one is on the action list.

Built through the risk services, so every row is checked as a user's input would be.
"""

from __future__ import annotations

from django.utils import timezone

from regie.home.demo.context import Demo, days
from regie.planning.models import Activity
from regie.risks import services
from regie.risks.models import Measure, Risk

# (unit, title, owner, probability, impact, review in days, activity title or "", cause, effect)
RISKS = [
    (
        "fl",
        "Onvoldoende capaciteit ondersteuningsteams",
        "mtlid",
        4,
        4,
        3,
        "Ondersteuningsteams Omgevingswet in de regio's",
        "Krappe arbeidsmarkt voor omgevingsjuristen",
        "Kleine gemeenten lopen achter met hun plan",
    ),
    (
        "fl",
        "Fonds GGU wordt niet volledig uitgeput",
        "controller",
        3,
        4,
        10,
        "Rapportage Fonds GGU: stand van zaken uitputting",
        "Gemeenten vragen middelen laat aan",
        "Terugbetaling aan het Rijk en imagoschade",
    ),
    (
        "fl",
        "Vertraging besluitvorming gebiedsprogramma's",
        "coord_landelijk",
        4,
        3,
        20,
        "Inbreng gemeenten in de gebiedsprogramma's",
        "Afstemming tussen Rijk, provincies en gemeenten loopt uit",
        "Inbreng gemeenten komt te laat",
    ),
    (
        "fl",
        "Pilot dashboard vindt geen navolging",
        "medewerker",
        2,
        3,
        30,
        "Pilot dashboard Landelijk gebied",
        "Teams blijven eigen lijstjes bijhouden",
        "Geen integraal beeld van de voortgang",
    ),
    (
        "leefomgeving",
        "Uitval secretariaat rond de jaarwisseling",
        "teamleider",
        2,
        4,
        4,
        "",
        "Contracten van ingehuurde medewerkers lopen af",
        "Stukken en verslagen blijven liggen",
    ),
    (
        "samenleving",
        "Tekort jeugdzorgbudget",
        "concerndirecteur",
        4,
        5,
        14,
        "",
        "Stijgende vraag naar specialistische jeugdzorg",
        "Overschrijding van de begroting",
    ),
]

MEASURES = {
    "Onvoldoende capaciteit ondersteuningsteams": [
        ("Tijdelijke inhuur van twee omgevingsjuristen", "mtlid", 21, True),
        ("Regionale pools van gemeenten opzetten", "pmo", 60, False),
    ],
    "Fonds GGU wordt niet volledig uitgeput": [
        ("Gemeenten per kwartaal wijzen op de aanvraagtermijn", "controller", 30, False),
    ],
    "Uitval secretariaat rond de jaarwisseling": [
        ("Verlenging contracten tijdig regelen", "teamleider", 10, True),
    ],
}


def create_risks(demo: Demo) -> int:
    actor = demo.users["secretaris"]
    # The services refuse review dates before the real today, also when the demo is built for
    # another day.
    start = max(demo.today, timezone.localdate())
    activities = {a.title: a for a in Activity.objects.filter(plan__year=demo.today.year)}
    count = 0
    for unit, title, owner, probability, impact, review, activity, cause, effect in RISKS:
        risk = services.risk_create(
            actor=actor,
            title=title,
            unit=demo.units[unit],
            owner=demo.people[owner],
            probability=probability,
            impact=impact,
            review_date=demo.working_day_on_or_after(start + days(review)),
            cause=cause,
            effect=effect,
            activity=activities.get(activity),
            status=Risk.Status.OPEN,
        )
        count += 1
        for text, who, due, as_action in MEASURES.get(title, []):
            measure = services.measure_create(
                actor=actor,
                risk=risk,
                text=text,
                owner=demo.people[who],
                due_date=demo.working_day_on_or_after(start + days(due)),
                status=Measure.Status.IN_PROGRESS,
            )
            if as_action:
                services.measure_to_action(
                    actor=actor, measure=measure, expected_version=measure.version
                )
    return count
