"""Read a posting (inhuuruitvraag) from plain text into typed fields; no database, no guessing.

`parse_posting(text)` works on the text of postings from any platform (Flextender, Striive,
Negometrix, TenderNed, Opdracht Overheid, gemeente sites, ...). It looks for:

* label/value pairs in any of the usual layouts: ``Label: value``, ``Label:`` with the value
  on the next line, tab- or pipe-separated table rows, and a known label followed by its value;
* sections under headings (markdown, bold, or a short line on its own) whose name is one of
  the general synonyms for requirements, wishes/award criteria, competencies, procedure,
  execution conditions and extensions;
* Dutch dates ("2 jan 2026", "maandag 29 juni 2026, 09:00 uur", "04-09-2025"), amounts
  ("€ 1.250,50", "Max 75 p/u"), hour ranges ("32 - 36", "28 tot 36") and points
  ("(20 punten)", "20 pnt", "weging 30%").

What is not found stays None. `ParsedPosting.as_json()` gives the public JSON.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# --- small helpers: dates, amounts, hours, points -------------------------------------------

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "maart": 3, "mrt": 3, "maa": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = (
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    r"|ma|di|wo|do|vr|za|zo)\.?,?\s+"
)
# "2 jan 2026", "25ste augustus, 2025", "1e mei 2026", "2 jan. '26" is not accepted (no year).
_TEXT_DATE = re.compile(
    rf"(?<![\w])(?:{_WEEKDAY_RE})?(\d{{1,2}})(?:ste|de|e|st|nd|rd|th)?\.?\s+({_MONTH_RE})\.?,?"
    r"\s+(\d{4})(?!\d)",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?<![\d.\-/])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?![\d])")
_ISO_DATE = re.compile(r"(?<![\d])(\d{4})-(\d{2})-(\d{2})(?![\d])")
_TIME = re.compile(r"(?<![\d.:,])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d])\s*(?:uur|u\b|h\b)?")


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> tuple[date, int, int] | None:
    """The first full date in the text with its span, or None."""
    found: list[tuple[int, int, date]] = []
    for match in _TEXT_DATE.finditer(text):
        value = _make_date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        if value:
            found.append((match.start(), match.end(), value))
    for match in _NUMERIC_DATE.finditer(text):
        value = _make_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if value:
            found.append((match.start(), match.end(), value))
    for match in _ISO_DATE.finditer(text):
        value = _make_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if value:
            found.append((match.start(), match.end(), value))
    if not found:
        return None
    start, end, value = min(found, key=lambda item: item[0])
    return value, start, end


def parse_date(text: str | None) -> date | None:
    """A full Dutch (or numeric/ISO) date in the text: "2 jan 2026" -> date(2026, 1, 2)."""
    if not text:
        return None
    found = find_date(text)
    return found[0] if found else None


def parse_time(text: str | None) -> tuple[int, int] | None:
    """The first clock time: "09:00 uur", "9.00u", "12:00" -> (hour, minute)."""
    if not text:
        return None
    match = _TIME.search(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def parse_moment(text: str | None) -> datetime | date | None:
    """A date with, when given right after it, a time: an aware datetime in Europe/Amsterdam.

    "maandag 29 juni 2026, 09:00 uur" -> 2026-06-29 09:00; "2 jan 2026" -> date(2026, 1, 2).
    Relative moments ("Sluit over 9 dagen") give None.
    """
    if not text:
        return None
    found = find_date(text)
    if not found:
        return None
    day, _start, end = found
    rest = text[end : end + 40]
    time = parse_time(re.split(r"[;\n]", rest)[0])
    if time is None:
        return day
    return datetime(day.year, day.month, day.day, time[0], time[1], tzinfo=AMSTERDAM)


def parse_amount(text: str | None) -> Decimal | None:
    """A euro amount in Dutch notation: "€ 2,25" -> 2.25, "€ 1.250,50" -> 1250.50, "95,-" -> 95."""
    if not text:
        return None
    match = re.search(
        r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}|-{1,2}))?(?:\.(\d{1,2}))?(?!\d)", text
    )
    if not match:
        return None
    whole = match.group(1).replace(".", "")
    cents = match.group(2) if match.group(2) and "-" not in match.group(2) else match.group(3)
    try:
        return Decimal(f"{whole}.{cents}") if cents else Decimal(whole)
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return None


_NO_MAXIMUM = re.compile(r"\bgeen\s+max(?:imum|imaal)?\b|\bn\.?v\.?t\.?\b|\bnvt\b", re.IGNORECASE)
_NOT_HOURLY = re.compile(
    r"per\s+(?:maand|jaar|week|dag|kwartaal)|p/m\b|p\.m\.|/\s*(?:maand|jaar|dag)|"
    r"maandsalaris|jaarsalaris|salaris|bruto|dagtarief|fulltime|schaal",
    re.IGNORECASE,
)
MIN_HOURLY_RATE = Decimal("15")
MAX_HOURLY_RATE = Decimal("500")


def parse_rate(text: str | None) -> Decimal | None:
    """A maximum hourly rate from a rate value: "Max 75 p/u" -> 75, "€ 95,- per uur" -> 95.

    "Geen maximum" is None, and so is a monthly salary or a day rate ("€ 4.000 per maand").
    """
    if not text or _NO_MAXIMUM.search(text) or _NOT_HOURLY.search(text):
        return None
    amount = parse_amount(text)
    upper = re.search(r"(?:-|–|\btot\b|\bt/m\b)\s*(?:max(?:imaal)?\.?\s*)?€?\s*(\d[\d.,\-]*)", text)
    if amount is not None and upper:  # a range "€ 80,- tot € 95,-": the maximum is the top
        top = parse_amount(upper.group(1))
        amount = max(amount, top) if top is not None else amount
    if amount is None or not MIN_HOURLY_RATE <= amount <= MAX_HOURLY_RATE:
        return None
    return amount


def _number(value: str) -> int | float:
    number = float(value.replace(",", "."))
    return int(number) if number.is_integer() else number


_HOURS_RANGE = re.compile(
    r"(\d{1,2}(?:[,.]\d)?)\s*(?:-|–|—|tot(?:\s+en\s+met)?|t/m|à|a|of)\s*(\d{1,2}(?:[,.]\d)?)(?!\d)"
)


def parse_hours(text: str | None) -> int | float | list[int | float] | None:
    """Hours per week: "32" -> 32, "32 - 36" / "28 tot 36" / "32-36 uur per week" -> [min, max]."""
    if not text:
        return None
    match = _HOURS_RANGE.search(text)
    if match:
        low, high = _number(match.group(1)), _number(match.group(2))
        if 0 < low <= high <= 80:
            return low if low == high else [low, high]
    match = re.search(r"(?<![\d,.])(\d{1,2}(?:[,.]\d)?)(?![\d])", text)
    if match:
        value = _number(match.group(1))
        if 0 < value <= 80:
            return value
    return None


_POINTS = [
    re.compile(
        r"[\(\[]\s*(?:max(?:imaal|imum)?\.?\s*)?(\d{1,3})\s*(?:punten|punt|pnt|ptn|pt)\.?\s*[\)\]]",
        re.IGNORECASE,
    ),
    re.compile(r"[\(\[]\s*weging\s*:?\s*(\d{1,3})\s*%?\s*[\)\]]", re.IGNORECASE),
    re.compile(
        r"(?:[-–:]\s*)?\b(?:max(?:imaal|imum)?\.?\s*)?(\d{1,3})\s*(?:punten|punt|pnt|ptn|pt)\b\.?",
        re.IGNORECASE,
    ),
    re.compile(r"(?:[-–:]\s*)?\bweging\s*:?\s*(\d{1,3})\s*(?:%|procent|punten)?", re.IGNORECASE),
]


def parse_points(text: str) -> tuple[str, int | None]:
    """Split a criterion into its text and points: "Ervaring (20 punten);" -> ("Ervaring", 20)."""
    for pattern in _POINTS:
        match = pattern.search(text)
        if match:
            rest = (text[: match.start()] + text[match.end() :]).strip()
            return _trim_item(rest, strip_period=match.end() >= len(text.rstrip(" ;,.")) - 1), int(
                match.group(1)
            )
    return _trim_item(text), None


# --- text into lines, pairs and sections ---------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□►▶✓✔\-–—*+>]|o(?=\s))\s+")
_NUMBER = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\d{1,2}\s*[-–:]"
    r"|(?:KO|[EKW]|Eis|Wens|Criterium)\s?\d{1,2}[.:)]?)\s+(?=\S)"
)
_SUBSECTION_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\s+")


def _strip_emphasis(text: str) -> str:
    text = re.sub(r"^#{1,6}\s*", "", text.strip())
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"^(\*{1,3}|_{1,3})(.+?)\1$", r"\2", text.strip())
    return text.replace("**", "").strip()


@dataclass
class Line:
    raw: str
    text: str  # without marker and emphasis
    blank: bool
    marker: bool
    markdown_heading: bool
    emphasised: bool


def _lines(text: str) -> list[Line]:
    lines = []
    for raw in text.split("\n"):
        stripped = raw.strip()
        markdown = bool(re.match(r"^#{1,6}\s", stripped))
        emphasised = (
            bool(re.match(r"^(\*{1,3}|_{1,3})[^*_].*\1$", stripped)) and len(stripped) < 120
        )
        marker = False
        content = stripped
        listed = _BULLET.match(content) or _NUMBER.match(content)
        if not markdown and listed and not _SUBSECTION_NUMBER.match(content):
            marker = True
            content = _NUMBER.sub("", _BULLET.sub("", content, count=1), count=1)
        content = _strip_emphasis(content)
        lines.append(Line(raw, content, not stripped, marker, markdown, emphasised))
    return lines


_GLUED_LABELS = (
    "Begindatum|Startdatum|Einddatum|Publicatiedatum|Sluitingsdatum|Uren per week|Opdracht uren"
    "|Opdracht tarief|Uurtarief|Standplaats|Werklocatie|Locatie|Reageren voor|Deadline"
)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    # A label glued to the value before it ("23 mrt 2026Einddatum:") starts its own line.
    text = re.sub(rf"(?<=[a-z0-9.)])(?=(?:{_GLUED_LABELS})\b)", "\n", text)
    return text


def _key(text: str) -> str:
    """A label or heading as bare lower-case letters: "Knock-out criteria:" -> knockoutcriteria."""
    return re.sub(r"[^a-zà-ÿ]", "", text.lower())


def _pairs(lines: list[Line]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    count = len(lines)
    for index, line in enumerate(lines):
        raw = line.raw.strip()
        if not raw:
            continue
        if "\t" in raw or raw.startswith("|"):
            cells = [c.strip() for c in re.split(r"\t+|\s*\|\s*", raw.strip("| ")) if c.strip()]
            if len(cells) >= 2 and len(cells) % 2 == 0:
                pairs.extend((cells[i], cells[i + 1]) for i in range(0, len(cells), 2))
                continue
        text = line.text
        match = re.match(r"^([^:]{2,45}):\s*(.*)$", text)
        if match and len(match.group(1).split()) <= 6:
            label, value = match.group(1).strip(), match.group(2).strip()
            if not value:
                for follow in lines[index + 1 : min(count, index + 4)]:
                    if follow.blank:
                        continue
                    if not re.match(r"^[^:]{2,45}:\s*$", follow.text):
                        value = follow.text
                    break
            if value:
                pairs.append((label, value))
            continue
        match = KNOWN_LABEL.match(text)
        if match and len(text) <= 80:
            pairs.append((match.group(1), match.group(2).strip()))
    return pairs


LABELS = {
    "title": ["functie", "functietitel", "titel", "opdrachtnaam", "rol", "functienaam"],
    "organisation": [
        "opdrachtgever", "organisatie", "klant", "aanbestedendedienst", "werkgever",
        "instantie", "inkopendeorganisatie", "eindklant",
    ],
    "location": [
        "standplaats", "locatie", "werklocatie", "plaats", "regio", "vestiging", "werkplek",
        "plaatsvanuitvoering", "werkplaats", "stad", "standplaats(en)",
    ],
    "hours": [
        "urenperweek", "uren", "aantaluren", "aantaluurperweek", "aantalurenperweek",
        "uurperweek", "urenpw", "urenpweek", "inzet", "inzetperweek", "omvang", "opdrachturen",
        "werkuren", "urenweek", "hoursperweek", "uren(perweek)",
    ],
    "start": [
        "start", "startdatum", "begindatum", "aanvang", "ingangsdatum", "gewenstestartdatum",
        "startopdracht", "aanvangsdatum", "ingang", "beoogdestartdatum", "datumstart",
    ],
    "end": ["einddatum", "eindeopdracht", "einddatumopdracht", "datumeinde", "tot"],
    "duration": ["duur", "looptijd", "duuropdracht", "looptijdopdracht", "periode"],
    "extension": [
        "optiesverlenging", "verlenging", "verlengingen", "verlengingsopties",
        "verlengingsoptie", "optietotverlenging", "mogelijkheidtotverlenging",
        "verlengingsmogelijkheden", "verlengingsmogelijkheid", "optieverlenging",
    ],
    "rate": [
        "uurtarief", "tarief", "maximaaluurtarief", "maxuurtarief", "maximumuurtarief",
        "opdrachttarief", "maximumtarief", "maxtarief", "maximaaltarief", "tariefmax",
        "budget", "uurtariefmax", "tariefindicatie",
    ],
    "deadline": [
        "eindeinschrijfdatum", "sluitingsdatum", "deadline", "uiterstereactiedatum",
        "reactiedatum", "sluitdatum", "inschrijventot", "reagerentot", "reagerenvoor",
        "sluitingstermijn", "einddatuminschrijving", "deadlineinschrijving", "sluitop",
        "sluiting", "sluitingsdatumentijd", "inschrijfdeadline", "deadlinereageren",
        "uiterlijkreagerenop", "reagerenuiterlijk", "indienenvoor", "indienentot",
        "einddatumaanbieden", "uiterstedatum", "sluitingsmoment", "einddatumreactie",
    ],
    "deadline_time": ["eindtijd", "sluitingstijd", "uiterstetijd", "sluitingstijdstip"],
    "das": ["dasopdracht", "das", "dynamischaankoopsysteem"],
}  # fmt: skip
_LABEL_OF = {key: name for name, keys in LABELS.items() for key in keys}
KNOWN_LABEL = re.compile(
    r"^(uren per week|aantal uren per week|opdracht uren|opdracht tarief|max(?:imaal|imum)?\.? "
    r"uurtarief|uurtarief|standplaats|werklocatie|einde inschrijfdatum|sluitingsdatum|"
    r"begindatum|startdatum|einddatum|opties verlenging|das opdracht)\s+(\S.*)$",
    re.IGNORECASE,
)

HEADINGS = {
    "requirements": [
        "eisen", "hardeeisen", "minimaleeisen", "minimumeisen", "knockoutcriteria",
        "knockouteisen", "knockout", "knockouts", "kocriteria", "koeisen", "vereisten",
        "functieeisen", "eisenaandekandidaat", "kandidaateisen", "musthaves", "musthave",
        "geschiktheidseisen", "selectieeisen", "harde(knockout)eisen", "minimumvereisten",
        "eisenkandidaat", "eisenaanprofessional", "eisenaandeprofessional", "knockoutcriterium",
        "minimaleeisenkandidaat", "kwalificatieeisen", "opdrachteisen",
    ],
    "wishes": [
        "wensen", "gunningscriteria", "gunningscriterium", "selectiecriteria",
        "beoordelingscriteria", "wenseisen", "wensenkandidaat", "nicetohaves", "nicetohave",
        "kwaliteitscriteria", "wensenaandekandidaat", "wensenengunningscriteria",
        "gunningscriteriawensen", "pluspunten", "wensencriteria",
    ],
    "competencies": [
        "competenties", "competentie", "kerncompetenties", "gewenstecompetenties",
        "gevraagdecompetenties", "persoonlijkecompetenties", "gedragscompetenties",
        "competentiesenvaardigheden",
    ],
    "procedure": [
        "procedure", "selectieprocedure", "aanbestedingsprocedure", "sollicitatieprocedure",
        "planning", "tijdpad", "tijdlijn", "beoordeling", "beoordelingsprocedure",
        "selectieproces", "selectie", "gespreksinformatie", "gesprekken", "selectiegesprek",
        "selectiegesprekken", "verloopprocedure", "verloopvandeprocedure", "procedureplanning",
        "gunning", "gunningsprocedure", "gespreksdata", "gespreksdatum", "datagesprekken",
        "planningprocedure", "werkwijzeselectie", "selectieengunning", "proces",
    ],
    "conditions": [
        "uitvoeringsvoorwaarde", "uitvoeringsvoorwaarden", "bijzondereuitvoeringsvoorwaarden",
        "uitvoeringseisen", "contractvoorwaarden",
    ],
    "extension": LABELS["extension"],
}  # fmt: skip
_HEADING_OF = {key: name for name, keys in HEADINGS.items() for key in keys}
_WEAK_REQUIREMENTS = {"watvragenwij", "watvragenwe", "watbrengjemee", "watbrenjijmee", "profiel"}


def heading_kinds(text: str) -> list[str]:
    """The kinds of section a heading names, in order: "Wensen en competenties" -> two kinds."""
    text = re.sub(r"\([^)]*\)", " ", _strip_emphasis(text)).strip().rstrip(":").strip()
    text = re.sub(r"^(?:de|het)\s+", "", text, flags=re.IGNORECASE)
    whole = _key(text)
    if whole in _HEADING_OF:
        return [_HEADING_OF[whole]]
    kinds: list[str] = []
    for part in re.split(r"\s*(?:/|&|\+|,|\ben\b|\bof\b)\s*", text, flags=re.IGNORECASE):
        part = re.sub(r"^(?:de|het)\s+", "", part.strip(), flags=re.IGNORECASE)
        kind = _HEADING_OF.get(_key(part))
        if kind is None and part.strip():
            return kinds
        if kind and kind not in kinds:
            kinds.append(kind)
    return kinds


@dataclass
class Section:
    title: str
    kinds: list[str]
    body: list[Line]
    weak: bool = False


def _is_heading(lines: list[Line], index: int) -> bool:
    line = lines[index]
    if line.blank or line.marker:
        return False
    text = line.text
    if not text or len(text) > 90:
        return False
    if line.markdown_heading or line.emphasised:
        return True
    if heading_kinds(text) and len(text.split()) <= 10:
        return True
    if _key(text) in _WEAK_REQUIREMENTS:
        return True
    if len(text) > 60 or len(text.split()) > 8 or text[-1] in ".;,:" or not text[0].isalpha():
        return False
    before = index == 0 or lines[index - 1].blank
    after = index + 1 >= len(lines) or lines[index + 1].blank
    return before and after


def _sections(lines: list[Line]) -> list[Section]:
    sections: list[Section] = []
    current: Section | None = None
    for index, line in enumerate(lines):
        if _is_heading(lines, index):
            kinds = heading_kinds(line.text)
            weak = not kinds and _key(line.text.rstrip(":?")) in _WEAK_REQUIREMENTS
            current = Section(line.text, ["requirements"] if weak else kinds, [], weak)
            sections.append(current)
        elif current is not None:
            current.body.append(line)
    return sections


def _trim_item(text: str, *, strip_period: bool = False) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*[;,]+$", "", text).strip()
    if strip_period:
        text = re.sub(r"(?<![A-Z.])\.$", "", text).strip()
    return text


def _unglue(items: list[str]) -> list[str]:
    """Split items that a web page glued together ("...etcMinimaal HBO ...") and drop repeats."""
    starts = {item[:20] for item in items if len(item) >= 20}
    result: list[str] = []
    for item in items:
        cuts = [
            m.start()
            for m in re.finditer(r"(?<=[a-zà-ÿ0-9.)])(?=[A-Z][a-zà-ÿ])", item)
            if item[m.start() : m.start() + 20] in starts
        ]
        pieces = [item[a:b] for a, b in zip([0, *cuts], [*cuts, len(item)], strict=True)]
        result.extend(piece.strip() for piece in pieces if piece.strip())
    seen: set[str] = set()
    unique = []
    for item in result:
        if item.lower() not in seen:
            seen.add(item.lower())
            unique.append(item)
    return unique


def _items(body: list[Line]) -> list[str]:
    """The list items of a section body: marked items (with wrapped lines), else its lines."""
    items: list[str] = []
    seen_item = False
    for index, line in enumerate(body):
        if line.blank:
            continue
        # A question ("Interesse in deze opdracht?") ends the list, and so does a new lead-in
        # ("Wat bieden wij:") once items have been seen.
        if not line.marker and (line.text.endswith("?") or (seen_item and line.text.endswith(":"))):
            body = body[:index]
            break
        seen_item = True
    if any(line.marker for line in body):
        current: list[str] | None = None
        for line in body:
            if line.blank:
                if current is not None:
                    items.append(" ".join(current))
                current = None
            elif line.marker:
                if current is not None:
                    items.append(" ".join(current))
                current = [line.text]
            elif current is not None and (
                line.text[:1].islower() or not current[-1].rstrip().endswith((".", ";", ":", "!"))
            ):
                current.append(line.text)
            elif current is not None:
                items.append(" ".join(current))
                current = None
        if current is not None:
            items.append(" ".join(current))
        return _unglue([item for item in items if item.strip()])
    current = None
    for line in body:
        text = line.text
        if line.blank:
            if current is not None:
                items.append(" ".join(current))
                current = None
            continue
        if current is not None and text[:1].islower() and not current[-1].endswith((".", ";")):
            current.append(text)
            continue
        if current is not None:
            items.append(" ".join(current))
        current = [text]
    if current is not None:
        items.append(" ".join(current))
    return _unglue([item for item in items if item.strip()])


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý\"'“(])")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(re.sub(r"\s+", " ", text)) if s.strip()]


def _paragraphs(body: list[Line]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body:
        if line.blank:
            if current:
                paragraphs.append(" ".join(current))
            current = []
        else:
            current.append(line.text)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


# --- the result ------------------------------------------------------------------------------


@dataclass
class AwardCriterion:
    text: str
    points: int | None = None


@dataclass
class ParsedPosting:
    """What a posting says, in Python types; `as_json()` gives the public JSON."""

    title: str | None = None
    organisation: str | None = None
    location: str | None = None
    hours_per_week: int | float | list[int | float] | None = None
    start_date: date | str | None = None
    end_date: date | str | None = None
    extension_options: str | None = None
    max_rate: Decimal | None = None
    deadline: datetime | date | None = None
    knockout_requirements: list[str] | None = None
    competencies: list[str] | None = None
    award_criteria: list[AwardCriterion] | None = None
    procedure_steps: list[str] | None = None
    # Extras the draft request uses; not part of the public JSON.
    start_text: str | None = None
    extension_count: int | None = None
    extension_months: int | None = None
    duration_months: int | None = None
    max_total_months: int | None = None
    award_total_points: int | None = None
    candidates_to_select: int | None = None
    execution_conditions: list[str] | None = None
    contract_forms: set[str] | None = None
    is_das: bool | None = None
    waadi_required: bool | None = None
    sna_required: bool | None = None
    uses_g_account: bool | None = None
    vog_moment: str | None = None
    platform_fee_per_hour: Decimal | None = None
    supplier_margin_percent: Decimal | None = None
    g_account_share_sna: Decimal | None = None
    g_account_share_other: Decimal | None = None

    JSON_KEYS = (
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
    )

    @property
    def hours_per_week_min(self) -> int | float | None:
        hours = self.hours_per_week
        return hours[0] if isinstance(hours, list) else hours

    @property
    def hours_per_week_max(self) -> int | float | None:
        hours = self.hours_per_week
        return hours[-1] if isinstance(hours, list) else hours

    def as_json(self) -> dict[str, Any]:
        def moment(value: Any) -> Any:
            if isinstance(value, datetime):
                return value.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")
            if isinstance(value, date):
                return value.isoformat()
            return value

        rate = self.max_rate
        return {
            "title": self.title,
            "organisation": self.organisation,
            "location": self.location,
            "hours_per_week": list(self.hours_per_week)
            if isinstance(self.hours_per_week, list)
            else self.hours_per_week,
            "start_date": moment(self.start_date),
            "end_date": moment(self.end_date),
            "extension_options": self.extension_options,
            "max_rate": None
            if rate is None
            else (int(rate) if rate == rate.to_integral() else float(rate)),
            "deadline": moment(self.deadline),
            "knockout_requirements": None
            if self.knockout_requirements is None
            else list(self.knockout_requirements),
            "competencies": None if self.competencies is None else list(self.competencies),
            "award_criteria": None
            if self.award_criteria is None
            else [{"text": c.text, "points": c.points} for c in self.award_criteria],
            "procedure_steps": None if self.procedure_steps is None else list(self.procedure_steps),
        }


# --- the parser ------------------------------------------------------------------------------

PROVINCES = [
    "Groningen", "Friesland", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
    "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
]  # fmt: skip
_ORG_WORDS = re.compile(
    r"\b(?:gemeente|provincie|ministerie|vereniging|waterschap|hoogheemraadschap|rijksdienst|"
    r"rijkswaterstaat|belastingdienst|politie|universiteit|hogeschool|stichting|agentschap|"
    r"inspectie|omgevingsdienst|veiligheidsregio|ggd|uwv|svb|duo|kadaster|rechtspraak|"
    r"autoriteit|zorginstituut|staatsbosbeheer|dienst|metropoolregio|gemeenschappelijke regeling|"
    r"raad voor|college van|kamer van koophandel|prorail|nederlandse|landelijk|nationaal)\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:logo\b|image\b|afbeelding\b|foto\b|home\b|terug\b|menu\b|vacature\b|opdracht\s*$|"
    r"https?://|www\.|deel\b|delen\b|print\b|bewaar)",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b\d{4}\s?[A-Z]{2}\b")
_ROLE_WORDS = {"secretaris", "directeur", "raad", "raden", "bestuur", "organisatie", "werkt"}


def _header(lines: list[Line]) -> list[Line]:
    """The lines before the first real paragraph of prose: where platforms put the key facts."""
    header = []
    for line in lines:
        if len(line.text.split()) >= 20:
            break
        header.append(line)
    return header


def _looks_like_value(text: str) -> bool:
    return bool(
        find_date(text)
        or (re.match(r"^[\d€.,\s\-–:/]+", text) and not re.search(r"[a-z]{4}", text))
        or _POSTCODE.search(text)
        or text.rstrip().endswith(":")
        or re.search(r"\b(?:sluit|gepubliceerd|publicatiedatum|max\s+\d|p/u|p/w)\b", text, re.I)
    )


class _Parser:
    def __init__(self, text: str):
        self.text = _normalise(text)
        self.lines = _lines(self.text)
        self.pairs = _pairs(self.lines)
        self.sections = _sections(self.lines)
        self.header = _header(self.lines)
        self.flat = re.sub(r"[ \t]+", " ", self.text)
        self.result = ParsedPosting()

    def label(self, name: str) -> str | None:
        for label, value in self.pairs:
            if _LABEL_OF.get(_key(label)) == name and value.strip():
                return value.strip()
        return None

    def section_items(self, kind: str) -> list[str] | None:
        found: list[str] = []
        strong = [s for s in self.sections if kind in s.kinds and not s.weak]
        chosen = strong or [s for s in self.sections if kind in s.kinds]
        for section in chosen:
            if section.kinds[0] != kind and any(
                line.marker or not line.blank for line in section.body
            ):
                # A combined heading ("Eisen en wensen") gives its direct items to its first kind.
                continue
            found.extend(_items(section.body))
        return found or None

    # each field

    def title(self) -> None:
        value = self.label("title")
        if value:
            self.result.title = value
            return
        for line in self.lines:
            if line.markdown_heading and re.match(r"^#\s", line.raw.strip()) and line.text:
                self.result.title = line.text
                return
        for index, line in enumerate(self.header):
            text = line.text
            if line.blank or not text or _BOILERPLATE.match(text) or _looks_like_value(text):
                continue
            if self.header[index - 1].text == text if index else False:
                continue
            if len(text) > 150 or len(text.split()) > 16 or text.endswith((".", ";", ",")):
                continue
            if re.match(r"^[^:]{2,45}:", text):
                continue
            if text.lower() in {p.lower() for p in PROVINCES}:
                continue
            self.result.title = text
            return

    def organisation(self) -> None:
        result = self.result
        value = self.label("organisation")
        if value and len(value) <= 200 and len(value.split()) <= 12:
            result.organisation = value
            return
        for line in self.header:
            match = re.match(r"^logo\s+(?:van\s+)?(.{3,120})$", line.text, re.IGNORECASE)
            if match:
                result.organisation = match.group(1).strip()
                return
        for line in self.header:
            text = line.text
            if (
                text
                and text != result.title
                and _ORG_WORDS.search(text)
                and len(text) <= 80
                and len(text.split()) <= 10
                and not re.search(r"\d", text)
                and not text.endswith((".", ":", "?", "!"))
                and not _BOILERPLATE.match(text)
            ):
                result.organisation = text
                return
        match = re.search(
            r"\b[Ww]ij zijn (?:de |het )?((?:[A-Z][\w'-]*|van|voor|de|der|en|het)"
            r"(?:\s+(?:[A-Z][\w'-]*|van|voor|de|der|en|het))*)",
            self.flat,
        )
        if match:
            name = re.sub(r"\s+(?:van|voor|de|der|en|het)$", "", match.group(1).strip())
            if name[:1].isupper() and len(name.split()) >= 1:
                result.organisation = name
                return
        body = "\n".join(line.text for line in self.lines if line.text != result.title)
        names = Counter(
            f"{kind.capitalize()} {name}"
            for kind, name in re.findall(
                r"\b((?i:gemeente|provincie|waterschap|hoogheemraadschap))\s+"
                r"([A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?)",
                body,
            )
            if name[:1].isupper() and name.split()[0].lower() not in _ROLE_WORDS
        )
        if names:
            result.organisation = names.most_common(1)[0][0]
            return
        city = self.city()
        if (
            city
            and len(re.findall(r"\bde gemeente\b", body, re.IGNORECASE)) >= 2
            and len(re.findall(rf"\b{re.escape(city)}\b", body)) >= 3
        ):
            result.organisation = f"Gemeente {city}"

    def city(self) -> str | None:
        for line in self.header:
            match = _POSTCODE.search(line.text)
            if match:
                rest = line.text[match.end() :].strip(" ,")
                city = re.split(r"\s*,\s*", rest)[0].strip()
                if city:
                    return city
        return None

    def location(self) -> None:
        value = self.label("location")
        if value and len(value) <= 200:
            self.result.location = value
            return
        for line in self.header:
            if (
                _POSTCODE.search(line.text)
                and len(line.text) <= 150
                and not line.text.endswith(".")
            ):
                self.result.location = line.text
                return
        provinces = {p.lower(): p for p in PROVINCES}
        for line in self.header:
            if line.text.lower() in provinces:
                self.result.location = line.text
                return

    def hours(self) -> None:
        value = self.label("hours")
        hours = parse_hours(value) if value else None
        if hours is None:
            match = re.search(
                r"(\d{1,2}(?:[,.]\d)?(?:\s*(?:-|–|tot|à|t/m)\s*\d{1,2}(?:[,.]\d)?)?)\s*"
                r"(?:uur|u)\s*(?:per\s+week|p/w|p\.w\.|/\s*week|pw\b|in\s+de\s+week)",
                self.flat,
                re.IGNORECASE,
            )
            hours = parse_hours(match.group(1)) if match else None
        self.result.hours_per_week = hours

    def dates(self) -> None:
        result = self.result
        start = self.label("start")
        if start:
            day = parse_date(start)
            if day:
                result.start_date = day
            else:
                result.start_date = result.start_text = _trim_item(start)[:100]
        end = self.label("end")
        if end:
            day = parse_date(end)
            result.end_date = day or _trim_item(end)[:100]
        duration = self.label("duration")
        if duration and result.start_date is None and result.end_date is None:
            # "Periode: 1 maart 2026 t/m 31 december 2026" gives both dates.
            first = find_date(duration)
            second = find_date(duration[first[2] :]) if first else None
            if first and second:
                result.start_date, result.end_date = first[0], second[0]
        if duration:
            match = re.search(r"(\d{1,2})\s*maand", duration, re.IGNORECASE)
            years = re.search(r"(\d{1,2})\s*jaar", duration, re.IGNORECASE)
            result.duration_months = (
                int(match.group(1)) if match else int(years.group(1)) * 12 if years else None
            )

    def extension(self) -> None:
        result = self.result
        text = self.label("extension")
        if not text:
            for section in self.sections:
                if section.kinds == ["extension"]:
                    paragraphs = _paragraphs(section.body)
                    if paragraphs:
                        text = paragraphs[0]
                        break
        if not text:
            return
        result.extension_options = _trim_item(text)[:300]
        match = re.search(
            r"(\d{1,2})\s*(?:x|×|keer|maal)\s*(?:met\s*)?(\d{1,2})\s*maand", text, re.I
        )
        if match:
            result.extension_count, result.extension_months = (
                int(match.group(1)),
                int(match.group(2)),
            )
        elif re.search(r"per\s+half\s+jaar|met\s+(?:een\s+)?half\s+jaar", text, re.IGNORECASE):
            result.extension_months = 6
        elif match := re.search(r"(?:per|met)\s+(\d{1,2})\s*maand", text, re.IGNORECASE):
            result.extension_months = int(match.group(1))
        total = re.search(
            r"(?:uiterlijk|maximaal|max\.?|in\s+totaal|totaal)\s+(\d{1,3})\s*maand", text, re.I
        )
        if total:
            result.max_total_months = int(total.group(1))
        elif result.duration_months and result.extension_count and result.extension_months:
            result.max_total_months = (
                result.duration_months + result.extension_count * result.extension_months
            )

    def rate(self) -> None:
        value = self.label("rate")
        if value:
            self.result.max_rate = parse_rate(value)
            return
        patterns = [
            r"(?:max(?:imaal|imum)?\.?\s*)?(?:uur)?tarief\b\s*:?\s*(?:van\s+)?(?:max(?:imaal|imum)?"
            r"\.?\s*|tot\s+|t/m\s+)?(€?\s*\d[\d.,\-]*[^\n]{0,25})",
            r"(?:max(?:imaal|imum)?\.?|tot(?:\s+maximaal)?)\s*(€?\s*\d[\d.,\-]*\s*(?:euro\s*)?"
            r"(?:p/u|per\s+uur|/\s*uur|/u\b|p\.u\.|ph\b|per\s+hour))",
            r"(€\s*\d[\d.,\-]*\s*(?:euro\s*)?(?:p/u|per\s+uur|/\s*uur|/u\b|p\.u\.))",
        ]
        for pattern in patterns:
            for match in re.finditer(pattern, self.flat, re.IGNORECASE):
                line_start = self.flat.rfind("\n", 0, match.start()) + 1
                line_end = self.flat.find("\n", match.end())
                context = self.flat[line_start : line_end if line_end >= 0 else None]
                if re.search(
                    r"\bfee\b|in\s+rekening|bemiddeling|marge|kosten|vergoeding|gewerkt\s+uur",
                    context,
                    re.IGNORECASE,
                ):
                    continue
                rate = parse_rate(match.group(1))
                if rate is not None:
                    self.result.max_rate = rate
                    return

    def deadline(self) -> None:
        value = self.label("deadline")
        moment = parse_moment(value) if value else None
        if moment is None:
            pattern = re.compile(
                r"(?:reactietermijn|inschrijftermijn|inschrijvingstermijn|sluitingsdatum|"
                r"deadline|opdracht\s+sluit|aanvraag\s+sluit|inschrijving\s+sluit|sluit\s+op|"
                r"reageren\s+(?:kan\s+)?(?:tot(?:\s+en\s+met)?|t/m|voor|uiterlijk)|"
                r"inschrijven\s+(?:kan\s+)?(?:tot|t/m|voor|uiterlijk)|"
                r"aanbieden\s+(?:kan\s+)?(?:tot|t/m|voor|uiterlijk)|"
                r"uiterlijk\s+(?:reageren|inschrijven|aanbieden))",
                re.IGNORECASE,
            )
            for match in pattern.finditer(self.flat):
                sentence_start = max(
                    self.flat.rfind(". ", 0, match.start()), self.flat.rfind("\n", 0, match.start())
                )
                window = self.flat[match.start() : match.start() + 120]
                prefix = self.flat[sentence_start + 1 : match.start()]
                if re.search(r"\bvragen\b|\bgesprek", prefix + window[:40], re.IGNORECASE):
                    continue
                moment = parse_moment(window)
                if moment is not None:
                    break
        if isinstance(moment, date) and not isinstance(moment, datetime):
            time = parse_time(self.label("deadline_time"))
            if time:
                moment = datetime(moment.year, moment.month, moment.day, *time, tzinfo=AMSTERDAM)
        self.result.deadline = moment

    def lists(self) -> None:
        result = self.result
        requirements = self.section_items("requirements")
        result.knockout_requirements = (
            [_trim_item(t) for t in requirements] if requirements else None
        )
        competencies = self.section_items("competencies")
        result.competencies = (
            [_trim_item(t, strip_period=True) for t in competencies] if competencies else None
        )
        wishes = self.section_items("wishes")
        if wishes:
            result.award_criteria = [AwardCriterion(*parse_points(t)) for t in wishes]
        conditions = []
        for section in self.sections:
            if "conditions" in section.kinds:
                if any(line.marker for line in section.body):
                    conditions.extend(_items(section.body))
                else:
                    conditions.extend(_paragraphs(section.body))
        result.execution_conditions = [_trim_item(c) for c in conditions] or None
        for section in self.sections:
            match = re.search(r"totaal\s*:?\s*(\d{1,4})\s*punten", section.title, re.IGNORECASE)
            if match and "wishes" in section.kinds:
                result.award_total_points = int(match.group(1))
        criteria = result.award_criteria or []
        if result.award_total_points is None and criteria and all(c.points for c in criteria):
            result.award_total_points = sum(c.points or 0 for c in criteria)

    def procedure(self) -> None:
        steps = [
            line.text
            for line in self.lines
            if not line.blank
            and re.match(r"^(?:stap|fase|ronde)\s*\d{1,2}\s*[:.\-–)]\s*\S", line.text, re.I)
            and len(line.text) <= 150
        ]
        if len(steps) < 2:
            steps = []
            for section in self.sections:
                if "procedure" not in section.kinds:
                    continue
                if any(line.marker for line in section.body):
                    steps.extend(_trim_item(item) for item in _items(section.body))
                else:
                    for paragraph in _paragraphs(section.body):
                        steps.extend(_sentences(paragraph))
        if not steps:
            for line in self.lines:
                sentences = _sentences(line.text)
                if any(
                    re.search(r"\bgesprek|\binterview|\bpitch\b|\bassessment", s, re.I)
                    and find_date(s)
                    for s in sentences
                ):
                    steps.extend(sentences)
        self.result.procedure_steps = steps or None

    def extras(self) -> None:
        result, text = self.result, self.flat
        das = self.label("das")
        if das is not None and re.match(r"^\s*(ja|nee|yes|no)\b", das, re.IGNORECASE):
            result.is_das = das.strip().lower().startswith(("ja", "yes"))
        elif re.search(r"\bDAS\b|dynamisch\s+aankoopsysteem", text):
            result.is_das = True
        requirements = " ".join(result.knockout_requirements or [])
        if re.search(r"\bwaadi\b", requirements, re.IGNORECASE):
            result.waadi_required = True
        if re.search(r"\bSNA\b|NEN[- ]?4400", requirements):
            result.sna_required = True
        if re.search(r"\bG[- ]rekening", text, re.IGNORECASE):
            result.uses_g_account = True
        for match in re.finditer(r"[^.\n]*?(\d{1,3})\s*%\s*van\s+de\s+factuur[^.\n]*", text, re.I):
            sentence = match.group(0)
            if not re.search(r"\bSNA\b|normering\s+arbeid", sentence, re.IGNORECASE):
                continue
            share = Decimal(match.group(1))
            if re.search(r"\bniet\b", sentence, re.IGNORECASE):
                result.g_account_share_other = share
            else:
                result.g_account_share_sna = share
        vog_sentences = re.findall(
            r"[^.\n]*\b(?:VOG|verklaring\s+omtrent\s+het\s+gedrag)\b[^.\n]*", text, re.I
        )
        for sentence in vog_sentences:
            if re.search(
                r"voorafgaand\s+aan|v[óo][óo]?r\s+(?:de\s+)?(?:start|aanvang)", sentence, re.I
            ):
                result.vog_moment = "before_start"
                break
            if re.search(r"bij\s+(?:de\s+)?(?:inschrijving|aanbieding)|meesturen", sentence, re.I):
                result.vog_moment = "at_offer"
                break
        for line in self.lines:
            if re.search(
                r"\bfee\b|in\s+rekening|platformkosten|bemiddelingskosten", line.text, re.I
            ):
                fee = re.search(
                    r"€\s*(\d[\d.,]*)\s*(?:per|/|p/)\s*(?:gewerkt\s*)?u(?:ur)?\b", line.text
                )
                if fee:
                    result.platform_fee_per_hour = parse_amount(fee.group(1))
                    break
        margin = re.search(
            r"(\d{1,2}(?:,\d+)?)\s*%\s*marge|marge\s+van\s+(\d{1,2}(?:,\d+)?)\s*%", text, re.I
        )
        if margin:
            result.supplier_margin_percent = Decimal(
                (margin.group(1) or margin.group(2)).replace(",", ".")
            )
        select = re.search(
            r"\bde\s+beste\s+(\d{1,2})\b|\b(\d{1,2})\s+kandidaten\s+die\s+(?:het\s+)?beste\s+scoren"
            r"|\bselectie\s+(?:van\s+)?(?:de\s+)?(\d{1,2})\s+(?:cv|kandidaten)"
            r"|\bmaximaal\s+(\d{1,2})\s+kandidaten\s+(?:worden\s+)?(?:uitgenodigd|geselecteerd|"
            r"voorgedragen)",
            text,
            re.IGNORECASE,
        )
        if select:
            result.candidates_to_select = int(next(g for g in select.groups() if g))
        result.contract_forms = self.contract_forms()

    def contract_forms(self) -> set[str] | None:
        words = {
            "self_employed": r"zzp(?:'?er)?s?|zelfstandige?n?|freelancers?|ondernemer",
            "secondment": r"detachering|gedetacheerd|detacheerder",
            "agency": r"uitzend\w*|uitlening|uitlenen|payroll\w*",
        }
        for line in self.lines[: len(self.header) + 40]:
            text = line.text.lower()
            if not text or len(text.split()) > 6:
                continue
            parts = [p for p in re.split(r"\s*(?:,|/|\bof\b|\ben\b|&)\s*", text) if p]
            kinds: set[str] = set()
            for part in parts:
                kind = next((k for k, w in words.items() if re.fullmatch(rf"(?:{w})", part)), None)
                if kind is None:
                    kinds = set()
                    break
                kinds.add(kind)
            if kinds and len(parts) >= 1 and (len(parts) >= 2 or text.startswith("alleen")):
                return kinds
        text = self.flat
        no_self_employed = re.search(
            r"alleen\s+(?:mogelijk\s+)?(?:voor|via)\s+[^.\n]{0,40}loondienst|"
            r"\bgeen\s+zzp|zzp(?:'?ers?)?\s+(?:zijn|is|worden)\s+(?:niet|uitgesloten)|"
            r"niet\s+[^.\n]{0,80}(?:als|indien|wanneer)\s+de\s+inschrijver\s+een\s+zzp|"
            r"niet\s+open(?:gesteld)?\s+voor\s+zzp",
            text,
            re.IGNORECASE,
        )
        if no_self_employed:
            return {"secondment", "agency"}
        return None

    def run(self) -> ParsedPosting:
        self.title()
        self.organisation()
        self.location()
        self.hours()
        self.dates()
        self.extension()
        self.rate()
        self.deadline()
        self.lists()
        self.procedure()
        self.extras()
        return self.result


def parse_posting(text: str) -> ParsedPosting:
    """Read a posting's text into a ParsedPosting; what the text does not give stays None."""
    return _Parser(text or "").run()
