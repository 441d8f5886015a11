"""`regie hiring parse FILE [--json]`: read a posting file and show what the parser finds."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regie.core.errors import DomainError
from regie.hiring.parsing import ParsedPosting, parse_posting
from regie.hiring.services import check_posting_text, posting_text_from_upload

MONTH_NAMES = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


def read_posting(path: Path) -> str:
    """The checked text of a posting file (.txt, .pdf or .docx); CommandError when it is bad."""
    if not path.exists():
        raise CommandError(_("Het bestand %(path)s bestaat niet.") % {"path": path})
    if not path.is_file():
        raise CommandError(_("%(path)s is geen bestand.") % {"path": path})
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise CommandError(
            _("Het bestand %(path)s kan niet worden gelezen.") % {"path": path}
        ) from exc
    try:
        text = posting_text_from_upload(SimpleUploadedFile(path.name, content))
        return check_posting_text(text)
    except DomainError as error:
        raise CommandError(f"{path.name}: {error.message}") from error


def _moment(value) -> str:
    if isinstance(value, datetime):
        return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}, {value:%H:%M} uur"
    if isinstance(value, date):
        return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    return str(value)


def _euro(value: Decimal) -> str:
    return "€ " + f"{value:,.2f}".replace(",", "x").replace(".", ",").replace("x", ".")


def summary(posting: ParsedPosting) -> str:
    """A readable Dutch summary of what was found; what is missing says so."""
    missing = _("niet gevonden")
    hours = posting.hours_per_week
    if isinstance(hours, list):
        hours_text = f"{hours[0]} tot {hours[-1]}"
    else:
        hours_text = str(hours) if hours is not None else missing
    rows = [
        (_("Titel"), posting.title),
        (_("Opdrachtgever"), posting.organisation),
        (_("Standplaats"), posting.location),
        (_("Uren per week"), hours_text),
        (_("Begindatum"), posting.start_date and _moment(posting.start_date)),
        (_("Einddatum"), posting.end_date and _moment(posting.end_date)),
        (_("Verlenging"), posting.extension_options),
        (_("Maximum uurtarief"), posting.max_rate and _euro(posting.max_rate)),
        (_("Sluitingsdatum"), posting.deadline and _moment(posting.deadline)),
    ]
    width = max(len(label) for label, _value in rows) + 1
    lines = [f"{label + ':':<{width}} {value or missing}" for label, value in rows]

    def block(title: str, items: list[str] | None) -> None:
        lines.append("")
        if not items:
            lines.append(f"{title}: {missing}")
            return
        lines.append(f"{title} ({len(items)}):")
        lines.extend(f"  {number}. {item}" for number, item in enumerate(items, start=1))

    block(_("Eisen (knock-out)"), posting.knockout_requirements)
    criteria = None
    if posting.award_criteria is not None:
        criteria = [
            f"{c.text} ({c.points} punten)" if c.points is not None else f"{c.text} (geen punten)"
            for c in posting.award_criteria
        ]
    block(_("Gunningscriteria / wensen"), criteria)
    block(_("Competenties"), posting.competencies)
    block(_("Procedure"), posting.procedure_steps)
    if posting.execution_conditions:
        block(_("Uitvoeringsvoorwaarden"), posting.execution_conditions)
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Werk met inhuuraanvragen vanaf de opdrachtregel: `hiring parse BESTAND [--json]`."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        parse = subcommands.add_parser(
            "parse", help="lees een uitvraag (.txt, .pdf of .docx) en toon wat erin staat"
        )
        parse.add_argument("file", help="het bestand met de uitvraag")
        parse.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="geef het resultaat als één JSON-object",
        )

    def handle(self, *args, subcommand=None, **options):
        if subcommand != "parse":  # pragma: no cover - argparse only lets known ones through
            raise CommandError(_("Onbekende opdracht."))
        text = read_posting(Path(options["file"]))
        posting = parse_posting(text)
        if options.get("as_json"):
            self.stdout.write(json.dumps(posting.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary(posting))
