"""The explanation report of a procedure, per candidate, for the standstill period.

Why a candidate was knocked out, the points per criterion with the motivation, the rank and
what decided it, and the interview outcome. As Word (python-docx) and PDF (WeasyPrint).
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.hiring import queries
from regie.hiring.models import HiringRequest
from regie.hiring.services import INTERVIEW_RULE
from regie.hiring.services._common import euro, points_text


def report_context(hiring_request: HiringRequest) -> dict:
    return {
        "hiring_request": hiring_request,
        "rows": queries.report_rows(hiring_request),
        "criteria": list(hiring_request.criteria.all()),
        "events": list(hiring_request.events.select_related("by__person").order_by("at", "id")),
        "interview_rule": INTERVIEW_RULE,
        "generated_at": timezone.localtime(),
    }


def _outcome(row: dict) -> str:
    candidate = row["candidate"]
    if candidate.status == "knocked_out":
        return candidate.knockout_reason
    parts = []
    if row["ranked"] is not None:
        parts.append(
            _("Rang %(pos)s met %(pts)s punten en %(rate)s per uur (beslist op: %(by)s).")
            % {
                "pos": row["ranked"].position,
                "pts": points_text(row["total"]),
                "rate": euro(candidate.hourly_rate),
                "by": row["ranked"].decided_by,
            }
        )
    if candidate.lot_number:
        parts.append(_("Lotnummer %(n)s.") % {"n": candidate.lot_number})
    parts.append(_("Uitkomst: %(s)s.") % {"s": candidate.get_status_display()})
    if candidate.rejection_reason:
        parts.append(candidate.rejection_reason)
    return " ".join(parts)


def render_docx(hiring_request: HiringRequest) -> bytes:
    from docx import Document
    from docx.shared import Pt

    context = report_context(hiring_request)
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading(_("Verantwoording van de beoordeling"), level=0)
    document.add_paragraph(
        f"{hiring_request.title} · {hiring_request.organisation or ''}".strip(" ·")
    )
    document.add_paragraph(
        _(
            "Opgesteld op %(d)s. Dit verslag licht per kandidaat de uitkomst toe, ten behoeve "
            "van eventuele bezwaren in de opschortende termijn."
        )
        % {"d": context["generated_at"].strftime("%d-%m-%Y %H:%M")}
    )
    document.add_heading(_("Werkwijze"), level=1)
    document.add_paragraph(
        _("1. Toets op de eisen (knock-out): wie niet aan een eis voldoet, valt af."),
    )
    document.add_paragraph(
        _("2. Score op de gunningscriteria (totaal %(t)s punten), met motivering per criterium.")
        % {"t": hiring_request.award_total_points}
    )
    document.add_paragraph(
        _(
            "3. Ranking: punten (hoog naar laag), dan uurtarief (laag naar hoog), dan een vooraf "
            "vastgelegde loting. De beste %(n)s worden geselecteerd voor een gesprek."
        )
        % {"n": hiring_request.candidates_to_select}
    )
    document.add_paragraph("4. " + str(INTERVIEW_RULE))
    for row in context["rows"]:
        candidate = row["candidate"]
        document.add_heading(candidate.name, level=1)
        supplier = candidate.supplier.name if candidate.supplier else _("rechtstreeks")
        document.add_paragraph(
            _("Leverancier: %(s)s · contractvorm: %(f)s · uurtarief: %(r)s")
            % {
                "s": supplier,
                "f": candidate.get_contract_form_display(),
                "r": euro(candidate.hourly_rate),
            }
        )
        document.add_paragraph(_outcome(row))
        if row["failed_checks"]:
            for check in row["failed_checks"]:
                document.add_paragraph(
                    _("Niet voldaan: %(r)s — %(e)s")
                    % {"r": check.requirement.text, "e": check.evidence},
                    style="List Bullet",
                )
        scored = [(c, s) for c, s in row["scores"] if s is not None]
        if scored:
            table = document.add_table(rows=1, cols=3)
            table.style = "Light Grid Accent 1"
            for cell, text in zip(
                table.rows[0].cells, [_("Criterium"), _("Punten"), _("Motivering")], strict=True
            ):
                cell.text = text
            for criterion, score in scored:
                cells = table.add_row().cells
                cells[0].text = criterion.text
                cells[1].text = f"{points_text(score.points)} / {criterion.points}"
                cells[2].text = score.motivation
            document.add_paragraph(_("Totaal: %(t)s punten.") % {"t": points_text(row["total"])})
        if row["interview"]:
            document.add_paragraph(_("Selectiegesprek:"))
            for score in row["interview"]:
                document.add_paragraph(
                    f"{score.assessor.name} – {score.competency.name}: {score.rating}",
                    style="List Bullet",
                )
    document.add_heading(_("Verloop van de procedure"), level=1)
    for event in context["events"]:
        who = getattr(getattr(event.by, "person", None), "name", None) or (
            event.by.username if event.by else _("systeem")
        )
        document.add_paragraph(
            f"{timezone.localtime(event.at):%d-%m-%Y %H:%M} · {who} · "
            f"{event.get_step_display()}: {event.text}"
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_pdf(hiring_request: HiringRequest) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    context = report_context(hiring_request)
    for row in context["rows"]:
        row["outcome"] = _outcome(row)
    html = render_to_string("hiring/report_pdf.html", context)
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_tags=True)
