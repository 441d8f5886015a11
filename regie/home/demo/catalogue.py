"""What the demo's bodies talk about: agenda topics with their decisions and actions, in Dutch.

Titles and texts may use {year}, {next_year}, {q} and {qyear} (the last finished quarter),
{month} and {cluster}; they are filled in for each meeting.
"""

from __future__ import annotations

from dataclasses import dataclass

D, B, INFO = "decision", "discussion", "information"

CLUSTERS = [
    "Landelijk gebied",
    "Bouwen en wonen",
    "Klimaatadaptatie en water",
    "Mobiliteit",
    "Milieu en circulaire economie",
    "Omgevingskwaliteit",
]


@dataclass(frozen=True)
class Topic:
    title: str
    purpose: str
    presenter: str
    decision: str = ""
    actions: tuple[tuple[str, str], ...] = ()
    confidential: bool = False
    commitment: bool = False
    months: tuple[int, ...] = ()
    description: str = ""


MT_FL = [
    Topic(
        "Voortgang jaarplan {year} team Leefomgeving",
        B,
        "teamleider",
        actions=(
            (
                "Bijgestelde planning jaarplan {year} delen met de clustercoördinatoren",
                "teamleider",
            ),
        ),
        description="Stand van zaken per cluster: doelen, activiteiten en beslismomenten.",
    ),
    Topic(
        "Rapportage Fonds GGU Q{q} {qyear}",
        D,
        "secretaris",
        decision="{Subject} stelt de rapportage Fonds GGU over Q{q} {qyear} vast en zendt haar "
        "door naar de concernstaf.",
        actions=(("Rapportage Fonds GGU Q{q} {qyear} indienen bij de concernstaf", "secretaris"),),
        description="Uitputting van de GGU-middelen per project en de prognose voor het jaar.",
    ),
    Topic(
        "Uitputting budgetten en verplichtingen per cluster",
        B,
        "controller",
        actions=(
            ("Overzicht openstaande verplichtingen cluster {cluster} actualiseren", "controller"),
        ),
    ),
    Topic(
        "Inhuur en verlengingen: overzicht {month}",
        D,
        "teamleider2",
        decision="{Subject} stemt in met de verlenging van twee inhuuropdrachten in het cluster "
        "{cluster} tot en met 31 december {year}.",
        actions=(
            ("Verlengingsverzoeken inhuur cluster {cluster} uitzetten bij inkoop", "secretaris"),
        ),
        confidential=True,
    ),
    Topic(
        "Personele bezetting clusters",
        B,
        "directeur",
        confidential=True,
        actions=(
            ("Vacatureprofiel beleidsadviseur cluster {cluster} opstellen", "teamleider"),
            ("Gesprek met HR over de formatie van de directie plannen", "directeur"),
        ),
    ),
    Topic(
        "Risicoparagraaf directie Fysieke Leefomgeving",
        B,
        "controller",
        actions=(("Risico's subsidieprojecten actualiseren in het risicoregister", "teamleider2"),),
    ),
    Topic(
        "Uitrol Teams Planningstool naar alle clusters",
        D,
        "coord_landelijk",
        decision="{Subject} besluit de planningstool uit de pilot Landelijk gebied in alle "
        "clusters in te voeren, te beginnen met het cluster {cluster}.",
        actions=(
            ("Instructiesessie planningstool organiseren voor cluster {cluster}", "medewerker"),
            ("Inzichten uit de pilot dashboard Landelijk gebied VNG-breed delen", "medewerker"),
        ),
    ),
    Topic(
        "Teamsessie team Leefomgeving: programma en opzet",
        D,
        "secretaris",
        decision="{Subject} stemt in met het programma van de teamsessie en de gekozen locatie.",
        actions=(("Uitnodiging teamsessie versturen aan het hele team", "secretaris"),),
    ),
    Topic(
        "Werkplan cluster {cluster}",
        D,
        "teamleider",
        decision="{Subject} stelt het werkplan van het cluster {cluster} vast, met de kanttekening "
        "dat de capaciteit in het tweede halfjaar opnieuw wordt bezien.",
        actions=(("Werkplan cluster {cluster} publiceren op het intranet", "teamleider"),),
    ),
    Topic(
        "Signalen uit gemeenten over de uitvoering van de Omgevingswet",
        B,
        "mtlid",
        actions=(("Signalenoverzicht Omgevingswet agenderen voor het DO", "mtlid"),),
    ),
    Topic(
        "Voortgang programma Energie: warmte en regionale energiestrategieën",
        INFO,
        "pm_energie",
    ),
    Topic(
        "Dossierbeheer en archivering directiestukken",
        D,
        "secretaris",
        decision="{Subject} stemt in met de nieuwe werkwijze voor dossierbeheer: alle stukken "
        "van BO, DO en stuurgroepen worden per vergadering in het dossier vastgelegd.",
        actions=(
            ("Werkwijze dossierbeheer toelichten in het clustercoördinatorenoverleg", "secretaris"),
        ),
    ),
    Topic(
        "Subsidieaanvraag uitvoeringsondersteuning klimaatadaptatie",
        D,
        "coord_klimaat",
        decision="{Subject} stemt in met het indienen van de subsidieaanvraag voor "
        "uitvoeringsondersteuning klimaatadaptatie bij het Ministerie van IenW.",
        actions=(
            (
                "Subsidieaanvraag klimaatadaptatie indienen en ontvangstbevestiging delen",
                "adviseur_klimaat",
            ),
        ),
    ),
    Topic(
        "Begroting {next_year} directie Fysieke Leefomgeving",
        D,
        "controller",
        decision="{Subject} stelt de conceptbegroting {next_year} van de directie vast voor "
        "bespreking met de concernstaf.",
        months=(9, 10, 11),
    ),
    Topic(
        "Jaarplan {next_year} team Leefomgeving: eerste opzet",
        B,
        "teamleider",
        months=(9, 10, 11, 12),
        actions=(("Input clusters voor jaarplan {next_year} verzamelen", "teamleider"),),
    ),
    Topic(
        "Evaluatie clustercoördinatorenoverleg",
        B,
        "teamleider2",
        actions=(("Voorstel nieuwe opzet clustercoördinatorenoverleg uitwerken", "teamleider2"),),
    ),
]

DO = [
    Topic(
        "Voortgang Nationaal Programma Landelijk Gebied",
        B,
        "coord_landelijk",
        actions=(("Knelpunten gemeenten in de gebiedsprocessen inventariseren", "medewerker"),),
    ),
    Topic(
        "Subsidieregeling klimaatadaptatie: stand van zaken aanvragen",
        INFO,
        "coord_klimaat",
    ),
    Topic(
        "Inzet Omgevingswet-ondersteuning gemeenten",
        D,
        "mtlid",
        decision="{Subject} stemt in met de inzet van de ondersteuningsteams Omgevingswet, met "
        "voorrang voor kleine gemeenten.",
        actions=(("Verdeling ondersteuningsteams over de regio's uitwerken", "pmo"),),
    ),
    Topic(
        "Rapportage Fonds GGU: stand van zaken uitputting",
        INFO,
        "secretaris",
    ),
    Topic(
        "Woningbouwopgave: rol van gemeenten bij versnelling",
        B,
        "coord_bouwen",
        actions=(("Notitie knelpunten versnelling woningbouw opstellen", "adviseur_wonen"),),
    ),
    Topic(
        "Warmtetransitie: financiering van de wijkaanpak",
        B,
        "pm_energie",
        actions=(
            (
                "Gezamenlijke reactie op de financieringsregeling warmte voorbereiden",
                "adviseur_energie",
            ),
        ),
    ),
    Topic(
        "Regionale bereikbaarheidsagenda",
        INFO,
        "coord_mobiliteit",
    ),
    Topic(
        "Uitvoeringsprogramma circulaire economie: afval en grondstoffen",
        D,
        "coord_milieu",
        decision="{Subject} stemt in met de gezamenlijke inzet op het uitvoeringsprogramma "
        "circulaire economie en vraagt IPO en UvW om aansluiting.",
        actions=(("Afstemmen met IPO over de inzet op circulaire economie", "coord_milieu"),),
    ),
    Topic(
        "Stikstof en vergunningverlening: signalen uit gemeenten",
        B,
        "coord_landelijk",
        confidential=True,
        actions=(
            ("Vertrouwelijke signalen vergunningverlening bundelen voor het BO", "coord_landelijk"),
        ),
    ),
    Topic(
        "Voorbereiding BO Landelijk gebied",
        D,
        "directeur",
        decision="{Subject} stemt in met de agenda en de inbreng voor het volgende BO Landelijk "
        "gebied.",
        actions=(("Annotatie voor de VNG-bestuurder opstellen", "secretaris"),),
    ),
    Topic(
        "Ondersteuning gemeentelijke adviescommissies omgevingskwaliteit",
        INFO,
        "coord_kwaliteit",
    ),
    Topic(
        "Water en bodem sturend: gevolgen voor ruimtelijke plannen",
        B,
        "coord_klimaat",
        actions=(
            ("Handreiking water en bodem sturend voorleggen aan gemeenten", "adviseur_klimaat"),
        ),
    ),
    Topic(
        "Jaarplan {next_year} directie Fysieke Leefomgeving",
        D,
        "directeur",
        decision="{Subject} stelt het jaarplan {next_year} van de directie Fysieke Leefomgeving "
        "vast.",
        actions=(("Jaarplan {next_year} toelichten in de VNG-directieraad", "directeur"),),
        months=(10, 11, 12),
    ),
]

BO_LG = [
    Topic(
        "Voortgang Nationaal Programma Landelijk Gebied",
        B,
        "extern",
        actions=(("Voortgangsrapportage NPLG delen met de BO-leden", "extern"),),
    ),
    Topic(
        "Provinciale programma's landelijk gebied: stand van zaken",
        INFO,
        "ipo_bestuur",
    ),
    Topic(
        "Financiering gebiedsprocessen {year}–{next_year}",
        D,
        "dg_lvvn",
        decision="{Subject} stemt in met de verdeling van de middelen voor de gebiedsprocessen "
        "{year}–{next_year}, met een vaste bijdrage voor de procesregie van gemeenten.",
        actions=(("Verdeelsleutel middelen gebiedsprocessen vastleggen in een brief", "extern"),),
        commitment=True,
    ),
    Topic(
        "Rol van gemeenten in de gebiedsprocessen",
        B,
        "vng_bestuurder",
        actions=(
            ("Ervaringen van gemeenten in drie gebiedsprocessen ophalen", "medewerker"),
            ("Brief aan de minister over de rol van gemeenten voorbereiden", "directeur"),
        ),
    ),
    Topic(
        "Agrarisch natuurbeheer en extensivering",
        B,
        "ipo_bestuur",
    ),
    Topic(
        "Monitoring doelen water, natuur en klimaat",
        INFO,
        "uvw_bestuur",
        actions=(
            ("Monitoringsrapportage waterdoelen toelichten in het volgende BO", "uvw_bestuur"),
        ),
    ),
    Topic(
        "Bestuurlijke afspraken uitvoeringscapaciteit gemeenten en waterschappen",
        D,
        "vng_bestuurder",
        decision="{Subject} spreekt af dat het Rijk in {next_year} extra middelen beschikbaar "
        "stelt voor uitvoeringscapaciteit bij gemeenten en waterschappen.",
        actions=(
            ("Voorstel voor extra uitvoeringscapaciteit gemeenten uitwerken", "extern"),
            ("Behoefte aan uitvoeringscapaciteit bij gemeenten peilen", "coord_landelijk"),
        ),
        commitment=True,
    ),
    Topic(
        "Stikstof en vergunningverlening",
        B,
        "dg_lvvn",
        confidential=True,
    ),
]

SG_OW = [
    Topic(
        "Voortgang werkpakketten programma Omgevingswet",
        B,
        "mtlid",
        actions=(("Planning werkpakket implementatieondersteuning bijstellen", "pmo"),),
    ),
    Topic(
        "Financiële rapportage programma Omgevingswet Q{q} {qyear}",
        D,
        "pmo",
        decision="{Subject} stelt de financiële rapportage over Q{q} {qyear} vast.",
        actions=(("Financiële rapportage Q{q} {qyear} verwerken in de verantwoording", "pmo"),),
    ),
    Topic(
        "Digitaal Stelsel Omgevingswet: beheer en doorontwikkeling",
        B,
        "bzk",
        actions=(("Wensen gemeenten voor doorontwikkeling DSO bundelen", "mtlid"),),
    ),
    Topic(
        "Implementatiemonitor gemeenten",
        INFO,
        "vro",
    ),
    Topic(
        "Inzet Omgevingswet-ondersteuning gemeenten {next_year}",
        D,
        "mtlid",
        decision="{Subject} stemt in met de inzet van de ondersteuning in {next_year} en de "
        "verdeling over de werkpakketten.",
        months=(9, 10, 11, 12),
    ),
    Topic(
        "Risico's en beheersmaatregelen programma Omgevingswet",
        B,
        "pmo",
        confidential=True,
        actions=(("Beheersmaatregel aanbesteding ondersteuningsteam uitwerken", "pmo"),),
    ),
    Topic(
        "Opdrachtverlening ondersteuningsteam omgevingsplannen",
        D,
        "mtlid",
        decision="{Subject} stemt in met de opdrachtverlening voor het ondersteuningsteam "
        "omgevingsplannen tot een maximum van € 480.000.",
        confidential=True,
    ),
    Topic(
        "Evaluatie invoering Omgevingswet",
        B,
        "vro",
        actions=(("Reactie VNG op de evaluatieopzet voorbereiden", "mtlid"),),
    ),
]

COLLEGE = [
    Topic(
        "Raadsinformatiebrief voortgang jeugdhulp",
        D,
        "wethouder_sociaal",
        decision="{Subject} stelt de raadsinformatiebrief over de voortgang van de jeugdhulp "
        "vast en zendt deze aan de raad.",
        actions=(("Raadsinformatiebrief jeugdhulp aanbieden aan de griffie", "beleid_jeugd"),),
    ),
    Topic(
        "Subsidieverlening welzijnsorganisatie Samen Veenendam {next_year}",
        D,
        "wethouder_sociaal",
        decision="{Subject} verleent de welzijnsorganisatie Samen Veenendam een subsidie voor "
        "{next_year} conform het voorstel.",
        actions=(("Subsidiebeschikking Samen Veenendam versturen", "beleid_wmo"),),
    ),
    Topic(
        "Beantwoording schriftelijke vragen over schuldhulpverlening",
        D,
        "wethouder_sociaal",
        decision="{Subject} stelt de beantwoording van de schriftelijke vragen over "
        "schuldhulpverlening vast.",
    ),
    Topic(
        "Beleidsregels bijzondere bijstand {next_year}",
        D,
        "wethouder_sociaal",
        decision="{Subject} stelt de beleidsregels bijzondere bijstand {next_year} vast.",
        actions=(
            ("Beleidsregels bijzondere bijstand publiceren in het Gemeenteblad", "hoofd_werk"),
        ),
    ),
    Topic(
        "Inkoop Wmo-begeleiding: gunningsvoorstel",
        D,
        "wethouder_financien",
        decision="{Subject} besluit de opdracht voor Wmo-begeleiding te gunnen conform het "
        "vertrouwelijke gunningsadvies.",
        confidential=True,
    ),
    Topic(
        "Regiovisie beschermd wonen",
        B,
        "wethouder_sociaal",
        actions=(("Inbreng Veenendam voor de regiovisie beschermd wonen afstemmen", "hoofd_zorg"),),
    ),
    Topic(
        "Zienswijze ontwerpbegroting GGD regio",
        D,
        "wethouder_financien",
        decision="{Subject} stemt in met het voorstel aan de raad om een zienswijze in te dienen "
        "op de ontwerpbegroting van de GGD.",
        actions=(("Raadsvoorstel zienswijze GGD aanbieden aan de griffie", "bc_samenleving"),),
        commitment=True,
    ),
    Topic(
        "Verantwoording lokaal sportakkoord",
        INFO,
        "wethouder_ruimte",
    ),
    Topic(
        "Uitvoering Wet inburgering: stand van zaken",
        INFO,
        "wethouder_sociaal",
    ),
    Topic(
        "Collegevoorstel armoedeaanpak {next_year}",
        D,
        "wethouder_sociaal",
        decision="{Subject} stemt in met de armoedeaanpak {next_year} en legt deze ter "
        "besluitvorming voor aan de raad.",
        actions=(("Toezegging aan de raad over bereik minimaregelingen uitwerken", "hoofd_werk"),),
        commitment=True,
    ),
]

MT_SAM = [
    Topic(
        "Managementrapportage domein Samenleving Q{q} {qyear}",
        B,
        "bc_samenleving",
        actions=(("Bijsturingsmaatregelen Wmo-budget uitwerken", "hoofd_zorg"),),
    ),
    Topic(
        "Planning bestuurlijke stukken komende maand",
        INFO,
        "secretaris_gemeente",
    ),
    Topic(
        "Formatie en inhuur domein Samenleving",
        D,
        "concerndirecteur",
        decision="{Subject} stemt in met de verlenging van de inhuur van een beleidsadviseur "
        "jeugd tot het einde van het jaar.",
        confidential=True,
    ),
    Topic(
        "Ontwikkelagenda domein Samenleving",
        B,
        "concerndirecteur",
        actions=(("Bouwstenen ontwikkelagenda ophalen bij de teams", "secretaris_gemeente"),),
    ),
    Topic(
        "Risico's budget Jeugd en Wmo",
        B,
        "bc_samenleving",
        actions=(("Risicoanalyse jeugdhulp actualiseren voor de kadernota", "hoofd_jeugd"),),
    ),
    Topic(
        "Samenwerking met het fysiek domein: wijkaanpak",
        B,
        "hoofd_werk",
    ),
    Topic(
        "Verbeterplan collegevoorstellen: kwaliteit en doorlooptijd",
        D,
        "secretaris_gemeente",
        decision="{Subject} stelt het verbeterplan voor de kwaliteit en doorlooptijd van "
        "collegevoorstellen vast.",
        actions=(
            (
                "Checklist collegevoorstellen verspreiden onder de beleidsadviseurs",
                "secretaris_gemeente",
            ),
        ),
    ),
]

CATALOGUE = {
    "MT-FL": MT_FL,
    "DO": DO,
    "BO-LG": BO_LG,
    "SG-OW": SG_OW,
    "COLLEGE": COLLEGE,
    "MT-SAM": MT_SAM,
}

# Sentences the minutes are written from.
OPENINGS = {
    "Opening en mededelingen": [
        "De voorzitter opent de vergadering en heet iedereen welkom.",
        "De voorzitter opent de vergadering. Er zijn geen mededelingen.",
        "De voorzitter opent de vergadering en meldt dat de planning van de "
        "kadernota is verschoven.",
    ],
    "Verslag vorige vergadering": [
        "Het verslag van de vergadering van {previous} wordt ongewijzigd vastgesteld.",
        "Het verslag van de vergadering van {previous} wordt met een tekstuele aanpassing "
        "vastgesteld.",
    ],
    "Actielijst": [
        "De actielijst is doorgelopen. Afgeronde acties zijn afgevoerd; de overige blijven staan.",
        "De actielijst is doorgelopen. Bij twee acties wordt de termijn verlengd.",
    ],
    "Rondvraag en sluiting": [
        "Er zijn geen punten voor de rondvraag. De voorzitter sluit de vergadering.",
        "In de rondvraag wordt gevraagd naar de planning van de teamsessie. De voorzitter "
        "sluit de vergadering.",
    ],
}
REMARKS = [
    "Er wordt gevraagd naar de gevolgen voor de capaciteit in de clusters.",
    "Aandachtspunt is de samenhang met de andere programma's binnen de directie.",
    "De planning is krap; de leden vragen tijdig te signaleren als een termijn niet wordt gehaald.",
    "Afgesproken wordt de signalen uit gemeenten mee te nemen in de volgende rapportage.",
    "De financiële onderbouwing wordt helder gevonden.",
    "Er is behoefte aan een korte toelichting voor de bestuurders.",
    "De leden vragen om de communicatie richting gemeenten vooraf af te stemmen.",
    "Gevraagd wordt de risico's explicieter te benoemen in het vervolgstuk.",
]
CLOSINGS = {
    D: [
        "{Subject} stemt in met het voorstel.",
        "{Subject} stemt in met het voorstel, met inachtneming van de gemaakte opmerkingen.",
    ],
    B: [
        "{Subject} geeft de genoemde aandachtspunten mee voor de verdere uitwerking.",
        "Het punt komt terug zodra de uitwerking gereed is.",
    ],
    INFO: [
        "{Subject} neemt kennis van de stand van zaken.",
        "{Subject} neemt kennis van de informatie en heeft geen aanvullende vragen.",
    ],
}
NOTES_IN_PROGRESS = [
    "Eerste concept gedeeld met de betrokken collega's.",
    "Afgestemd met de partners; uitwerking loopt.",
    "Wacht op input van het cluster; verwacht binnen twee weken.",
    "Loopt volgens planning.",
]
NOTES_DONE = [
    "Afgerond en gedeeld met de leden.",
    "Gereed; stuk staat in het dossier.",
    "Afgehandeld in het overleg met de partners.",
]
NOTES_LATE = [
    "Vertraagd door capaciteitsgebrek; nieuwe datum wordt voorgesteld.",
    "Nog geen reactie ontvangen van de partners; rappel verstuurd.",
]
