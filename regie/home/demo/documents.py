"""Stukken: small real PDF and Word files, put on agenda items and proposals, with routes whose
steps are counted back from the meeting in working days (some of them late)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import timedelta
from html import escape

from django.core.files.base import ContentFile

from regie.home.demo.context import Demo, models, stamp
from regie.home.demo.meetings import NEXT, ItemPlan, MeetingPlan, plan_of_phase

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class DocSpec:
    key: str
    title: str
    kind: str
    body: str
    author: str
    fmt: str  # "pdf" or "docx"
    paragraphs: tuple[str, ...]
    item: str = ""  # put on the item with this title in the body's next meeting
    purpose: str = "discussion"
    presenter: str = ""
    confidential: bool = False
    # Review route: (step label, reviewer key, working days before the body's deadline).
    route: tuple[tuple[str, str, int], ...] = ()
    late_step: int = 0  # this step (1-based) is still open when its due date has passed
    versions: int = 1


LEAD = "auteur: concept gereed"
TL = "teamleider: akkoord"
DIR = "directeur: akkoord"
SEC = "secretariaat: stukken naar de vergadering"
HEAD = "afdelingshoofd: akkoord"

DOCS = [
    DocSpec(
        "ggu",
        "Rapportage Fonds GGU Q{q} {qyear}",
        "report",
        "MT-FL",
        "secretaris",
        "pdf",
        (
            "Deze rapportage geeft de uitputting van de middelen uit het Fonds Gezamenlijke "
            "Gemeentelijke Uitvoering per project van de directie Fysieke Leefomgeving.",
            "De uitputting ligt op 68 procent van het jaarbudget; de prognose blijft binnen de "
            "begroting. Twee projecten vragen om een verschuiving naar volgend jaar.",
            "Gevraagd besluit: de rapportage vaststellen en doorzenden naar de concernstaf.",
        ),
        item="Rapportage Fonds GGU Q{q} {qyear}",
        purpose="decision",
        presenter="secretaris",
        route=((LEAD, "secretaris", 6), (DIR, "directeur", 2), (SEC, "secretaris", 0)),
    ),
    DocSpec(
        "planningstool",
        "Notitie uitrol planningstool: ervaringen uit de pilot Landelijk gebied",
        "memo",
        "MT-FL",
        "medewerker",
        "docx",
        (
            "In het cluster Landelijk gebied is een half jaar gewerkt met de planningstool in "
            "Microsoft Teams als dashboard voor activiteiten, mijlpalen en beslismomenten.",
            "De coördinatoren waarderen het overzicht; de tool vraagt wel een vaste eigenaar "
            "per cluster en een wekelijkse actualisatie.",
            "Voorstel: de tool in alle clusters invoeren, met een instructiesessie per cluster.",
        ),
        item="Uitrol planningstool: evaluatie pilot Landelijk gebied",
        presenter="coord_landelijk",
        route=(
            (LEAD, "medewerker", 6),
            (TL, "teamleider", 4),
            (DIR, "directeur", 2),
            (SEC, "secretaris", 0),
        ),
        late_step=2,
    ),
    DocSpec(
        "inhuur",
        "Overzicht inhuur en verlengingen",
        "annex",
        "MT-FL",
        "teamleider2",
        "pdf",
        (
            "Overzicht van de lopende inhuuropdrachten per cluster met einddatum, "
            "verlengingsopties en de uitputting van het inhuurbudget.",
            "Drie opdrachten lopen binnen twee maanden af; voor twee daarvan wordt verlenging "
            "voorgesteld.",
        ),
        item="Inhuur en verlengingen: voorstel verlengingen",
        purpose="decision",
        presenter="teamleider2",
        confidential=True,
    ),
    DocSpec(
        "jaarplan",
        "Jaarplan {next_year} team Leefomgeving (concept)",
        "proposal",
        "MT-FL",
        "teamleider",
        "docx",
        (
            "Het jaarplan beschrijft per cluster de doelen, activiteiten, mijlpalen en "
            "beslismomenten voor {next_year}.",
            "Nieuw is de nadruk op uitvoeringsondersteuning aan gemeenten en een vaste "
            "monitoring via de planningstool.",
            "Gevraagd besluit: positief advies aan het DO.",
        ),
        route=((LEAD, "teamleider", 4), (DIR, "directeur", 2), (SEC, "secretaris", 0)),
        versions=2,
    ),
    DocSpec(
        "signalen_ow",
        "Notitie signalen uit gemeenten over de Omgevingswet",
        "memo",
        "DO",
        "mtlid",
        "pdf",
        (
            "Gemeenten melden knelpunten bij het omgevingsplan, de vergunningverlening binnen "
            "de wettelijke termijn en de aansluiting op het Digitaal Stelsel.",
            "Voorstel: de signalen bespreken met IPO en UvW en gezamenlijk inbrengen bij het "
            "Ministerie van VRO.",
        ),
        item="Signalen uit gemeenten over de uitvoering van de Omgevingswet",
        presenter="mtlid",
        route=((LEAD, "mtlid", 6), (DIR, "directeur", 2), (SEC, "secretaris", 0)),
        late_step=2,
    ),
    DocSpec(
        "nplg",
        "Voortgangsrapportage Nationaal Programma Landelijk Gebied",
        "report",
        "DO",
        "coord_landelijk",
        "pdf",
        (
            "De provincies hebben hun programma's landelijk gebied ingediend; in twaalf "
            "gebieden lopen gebiedsprocessen waarin gemeenten de regie voeren.",
            "Knelpunten zijn de beschikbare uitvoeringscapaciteit en de onzekerheid over de "
            "middelen na {next_year}.",
        ),
        item="Voortgang Nationaal Programma Landelijk Gebied",
        presenter="coord_landelijk",
    ),
    DocSpec(
        "uitvoeringsagenda",
        "Uitvoeringsagenda Landelijk Gebied {next_year}",
        "proposal",
        "BO-LG",
        "medewerker",
        "pdf",
        (
            "De uitvoeringsagenda bundelt de afspraken van Rijk, provincies, waterschappen en "
            "gemeenten over de gebiedsprocessen in {next_year}.",
            "Gemeenten voeren de regie in de gebieden; het Rijk stelt middelen beschikbaar voor "
            "procesregie en uitvoeringscapaciteit.",
            "Gevraagd besluit: instemmen met de uitvoeringsagenda.",
        ),
        route=(
            (LEAD, "medewerker", 6),
            (TL, "coord_landelijk", 4),
            (DIR, "directeur", 2),
            (SEC, "secretaris", 0),
        ),
        versions=2,
    ),
    DocSpec(
        "annotatie_bo",
        "Annotatie BO Landelijk gebied voor de VNG-bestuurder",
        "memo",
        "BO-LG",
        "secretaris",
        "docx",
        (
            "Deze annotatie geeft per agendapunt de inzet van de VNG en de gewenste uitkomst.",
            "Inzet bij de uitvoeringsagenda: vaste financiering van de procesregie door "
            "gemeenten en duidelijke afspraken over de capaciteit.",
        ),
        item="Rol van gemeenten in de gebiedsprocessen",
        presenter="vng_bestuurder",
    ),
    DocSpec(
        "brief_lvvn",
        "Brief Ministerie van LVVN over de middelen voor gebiedsprocessen",
        "letter",
        "BO-LG",
        "extern",
        "pdf",
        (
            "Het ministerie informeert de partners over de verdeling van de middelen voor de "
            "gebiedsprocessen en de voorwaarden voor de besteding.",
        ),
        item="Financiering gebiedsprocessen: verdeling middelen",
        presenter="extern",
        purpose="information",
    ),
    DocSpec(
        "ow_inzet",
        "Voorstel inzet Omgevingswet-ondersteuning gemeenten {next_year}",
        "proposal",
        "SG-OW",
        "mtlid",
        "pdf",
        (
            "Het programma Omgevingswet stelt voor de ondersteuningsteams in {next_year} vooral "
            "in te zetten bij kleine gemeenten en bij het omgevingsplan.",
            "De kosten passen binnen de begroting van het programma.",
        ),
        confidential=True,
    ),
    DocSpec(
        "fin_ow",
        "Financiële rapportage programma Omgevingswet",
        "report",
        "SG-OW",
        "pmo",
        "pdf",
        (
            "De rapportage toont per werkpakket de begroting, de verplichtingen en de "
            "realisatie tot en met het afgelopen kwartaal.",
            "De uitputting ligt op 74 procent; het werkpakket ondersteuningsteams loopt achter.",
        ),
        item="Financiële rapportage programma Omgevingswet",
        purpose="decision",
        presenter="pmo",
        confidential=True,
        route=((LEAD, "pmo", 6), (DIR, "mtlid", 2), (SEC, "secretaris", 0)),
    ),
    DocSpec(
        "subsidie_v1",
        "Voorstel subsidieregeling klimaatadaptatie: tweede tranche",
        "proposal",
        "DO",
        "coord_klimaat",
        "pdf",
        (
            "Voorstel om de tweede tranche van de subsidieregeling klimaatadaptatie open te "
            "stellen voor gemeenten.",
        ),
    ),
    DocSpec(
        "subsidie_v2",
        "Voorstel subsidieregeling klimaatadaptatie: tweede tranche (herzien)",
        "proposal",
        "DO",
        "coord_klimaat",
        "docx",
        (
            "Herzien voorstel met een financiële onderbouwing en een verdeling van de middelen "
            "over de regio's.",
            "Openstelling per 1 maart; aanvragen worden op volgorde van binnenkomst behandeld.",
        ),
    ),
    DocSpec(
        "armoede",
        "Collegevoorstel armoedeaanpak {next_year}",
        "proposal",
        "COLLEGE",
        "hoofd_werk",
        "docx",
        (
            "Het college wordt gevraagd in te stemmen met de armoedeaanpak {next_year} en deze "
            "ter besluitvorming aan de raad voor te leggen.",
            "De aanpak verbreedt de minimaregelingen en versterkt de vroegsignalering van "
            "schulden.",
        ),
        route=(
            (LEAD, "beleid_wmo", 6),
            (HEAD, "hoofd_werk", 4),
            ("concerndirecteur: akkoord", "concerndirecteur", 2),
            (SEC, "secretaris_gemeente", 0),
        ),
    ),
    DocSpec(
        "rib_jeugd",
        "Raadsinformatiebrief voortgang jeugdhulp",
        "letter",
        "COLLEGE",
        "beleid_jeugd",
        "docx",
        (
            "Met deze brief informeert het college de raad over de voortgang van de "
            "transformatie van de jeugdhulp en de financiële stand van zaken.",
        ),
        item="Raadsinformatiebrief voortgang jeugdhulp",
        purpose="decision",
        presenter="wethouder_sociaal",
        route=(
            (LEAD, "beleid_jeugd", 6),
            (HEAD, "hoofd_jeugd", 4),
            (SEC, "secretaris_gemeente", 0),
        ),
        late_step=2,
    ),
    DocSpec(
        "marap",
        "Managementrapportage domein Samenleving",
        "report",
        "MT-SAM",
        "bc_samenleving",
        "pdf",
        (
            "De managementrapportage geeft per team de stand van de budgetten, de formatie en "
            "de belangrijkste risico's.",
            "Het budget voor Wmo-begeleiding dreigt met 4 procent te worden overschreden.",
        ),
        item="Managementrapportage domein Samenleving",
        presenter="bc_samenleving",
    ),
]


def create_documents(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> list[str]:
    """Write the stukken with their files; returns the stored file names."""
    from weasyprint import HTML  # imported here: the renderer takes a moment to load

    m = models()
    values = {"next_year": str(demo.today.year + 1), **_quarter(demo)}
    names = []
    for spec in DOCS:
        title = spec.title.format(**values)
        author = demo.people[spec.author]
        user = author.user or demo.secretary_user(spec.body)
        created = demo.today - timedelta(days=12 + 3 * spec.versions)
        document = m.Document(
            title=title,
            kind=spec.kind,
            author=author,
            body=demo.bodies[spec.body],
            confidentiality="confidential" if spec.confidential else _level(spec.body),
            publication_ground=("Art. 5.2 Woo: intern beraad" if spec.body != "COLLEGE" else ""),
        )
        stamp(document, when=created, user=user, reason="Stuk aangemaakt met versie 1")
        document.save()
        paragraphs = [p.format(**values) for p in spec.paragraphs]
        for number in range(1, spec.versions + 1):
            text = paragraphs if number == spec.versions else paragraphs[:-1] or paragraphs
            if spec.fmt == "pdf":
                content = _pdf(HTML, title, spec, author, text, number)
                name, content_type = f"{_slug(title)}.pdf", PDF
            else:
                content = _docx(title, spec, author, text, number)
                name, content_type = f"{_slug(title)}.docx", DOCX
            names.append(
                _version(demo, document, number, name, content_type, content, text, created)
            )
            if number > 1:
                stamp(document, when=_uploaded(created, number), user=user)
                document._change_reason = f"Versie {number} toegevoegd"
                document.save()
        m.Document.objects.filter(pk=document.pk).update(created_at=demo.moment(created))
        demo.documents[spec.key] = document
    return names


def _level(code: str) -> str:
    return "public" if code == "COLLEGE" else "internal"


def _quarter(demo: Demo) -> dict[str, str]:
    quarter = (demo.today.month - 1) // 3
    return {
        "q": str(quarter or 4),
        "qyear": str(demo.today.year if quarter else demo.today.year - 1),
    }


def _slug(title: str) -> str:
    keep = "".join(c if c.isalnum() else "-" for c in title.lower())
    return "-".join(part for part in keep.split("-") if part)[:80]


def _version(demo, document, number, name, content_type, content, text, created):
    m = models()
    sha = hashlib.sha256(content).hexdigest()
    version = m.DocumentVersion(
        document=document,
        number=number,
        original_name=name,
        content_type=content_type,
        size=len(content),
        sha256=sha,
        extracted_text="\n\n".join([document.title, *text]),
        uploaded_by=document.author,
    )
    version.file.save(name, ContentFile(content), save=False)
    version.save()
    m.DocumentVersion.objects.filter(pk=version.pk).update(
        uploaded_at=demo.moment(_uploaded(created, number))
    )
    return version.file.name


def _uploaded(created, number: int):
    return created + timedelta(days=3 * (number - 1))


def _pdf(HTML, title: str, spec: DocSpec, author, paragraphs, number: int) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (
        "<html lang='nl'><head><meta charset='utf-8'><style>"
        "body{font-family:sans-serif;font-size:11pt;margin:2cm}"
        "h1{font-size:16pt} .meta{color:#555}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f"<p class='meta'>Auteur: {escape(author.name)} · versie {number}"
        f"{' · vertrouwelijk' if spec.confidential else ''}</p>{body}</body></html>"
    )
    return HTML(string=html).write_pdf()


def _docx(title: str, spec: DocSpec, author, paragraphs, number: int) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author.name
    document.add_heading(title, level=1)
    meta = f"Auteur: {author.name} · versie {number}"
    document.add_paragraph(meta + (" · vertrouwelijk" if spec.confidential else ""))
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def attach_documents(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> None:
    """Put each stuk on its item in the body's next meeting (adding the item when needed)."""
    values = {"next_year": str(demo.today.year + 1), **_quarter(demo)}
    for spec in DOCS:
        if not spec.item:
            continue
        plan = plan_of_phase(plans[spec.body], NEXT)
        if plan is None:
            continue
        title = spec.item.format(**values)
        item = next((i for i in plan.items if i.title == title), None)
        if item is None:
            item = plan.add(
                ItemPlan(
                    title=title,
                    purpose=spec.purpose,
                    presenter=spec.presenter or spec.author,
                    confidential=spec.confidential,
                    duration=20,
                )
            )
        item.documents.append(spec.key)


def create_routes(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> int:
    """Routes for the stukken of the next meetings; steps due by now are approved, except the
    stuk's `late_step`, which stays open (and so do the steps after it)."""
    m = models()
    count = 0
    for spec in DOCS:
        if not spec.route:
            continue
        plan = plan_of_phase(plans[spec.body], NEXT)
        if plan is None:
            continue
        document = demo.documents[spec.key]
        user = demo.secretary_user(spec.body)
        route = m.ReviewRoute(
            document=document,
            target_date=plan.day,
            target_label=f"{plan.spec.name} {demo.long_date(plan.day)}",
        )
        stamp(route, when=demo.today - timedelta(days=10), user=user)
        route.save()
        steps = []
        blocked = False
        for position, (label, reviewer, extra) in enumerate(spec.route, start=1):
            before = plan.spec.due_working_days + extra
            due = demo.due_before(plan.day, before)
            step = m.ReviewStep(
                route=route,
                position=position,
                label=label,
                reviewer=demo.people[reviewer],
                working_days_before=before,
                due_date=due,
            )
            passed = due < demo.today
            if passed and not blocked and position != spec.late_step:
                step.status = "approved"
                step.decided_at = demo.at(due, 16)
                step.decided_by = step.reviewer
                step.comment = "Akkoord." if position > 1 else ""
            else:
                blocked = True
            steps.append(stamp(step, when=demo.today - timedelta(days=10), user=user))
            count += 1
        m.ReviewStep.objects.bulk_create(steps)
        m.ReviewStep.history.bulk_history_create(steps)
    return count
