"""The voortgangsrapportage and the MT overview: a page to pick unit, directorate and period,
and the downloads in Word, PDF and Excel.

Bad or missing parameters send the user back to the page with a Dutch message; a unit or
period the user may not see is a 404, as everywhere in Regie.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from regie.planning.excel import XLSX_TYPE
from regie.reports import progress, progress_render
from regie.reports.views import DOCX_TYPE, PDF_TYPE, _download

FORMATS = {
    "docx": (progress_render.word, DOCX_TYPE),
    "pdf": (progress_render.pdf_bytes, PDF_TYPE),
    "xlsx": (progress_render.excel, XLSX_TYPE),
}


class BadParameter(Exception):
    pass


def _optional_id(request: HttpRequest, name: str, message: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise BadParameter(message)
    return int(raw)


def _required_id(request: HttpRequest, name: str, message: str) -> int:
    value = _optional_id(request, name, message)
    if value is None:
        raise BadParameter(message)
    return value


def _period(request: HttpRequest):
    period_id = _required_id(request, "periode", _("Kies een rapportageperiode."))
    return progress.period_for(request.user, period_id)


def _query(request: HttpRequest, *names: str) -> str:
    return "&".join(f"{n}={request.GET[n]}" for n in names if request.GET.get(n, "").isdigit())


@require_GET
def progress_reports(request: HttpRequest) -> HttpResponse:
    """The page: pick a unit (or directorate) and a period; the links to the three formats
    appear once both are chosen and valid."""
    units = list(progress.units_for(request.user))
    periods = list(progress.periods_for(request.user))
    unit_id = request.GET.get("eenheid", "")
    directorate_id = request.GET.get("directie", "")
    period_id = request.GET.get("periode", "")
    unit_ids = {str(u.pk) for u in units}
    period_ids = {str(p.pk) for p in periods}
    errors = []
    if unit_id and unit_id not in unit_ids:
        errors.append(_("Dit onderdeel bestaat niet of u mag de planning ervan niet zien."))
    if directorate_id and directorate_id not in {
        str(u.pk) for u in units if u.kind == u.Kind.DIRECTORATE
    }:
        errors.append(_("Deze directie bestaat niet of u mag de planning ervan niet zien."))
    if period_id and period_id not in period_ids:
        errors.append(_("Deze rapportageperiode bestaat niet."))
    chosen_period = period_id in period_ids
    links = {}
    if chosen_period and unit_id in unit_ids:
        query = f"eenheid={unit_id}&periode={period_id}"
        links["progress"] = {
            fmt: reverse(f"reports:progress_{fmt}") + "?" + query for fmt in FORMATS
        }
    if chosen_period and not (directorate_id and directorate_id not in unit_ids):
        query = f"periode={period_id}" + (f"&directie={directorate_id}" if directorate_id else "")
        links["mt"] = {fmt: reverse(f"reports:mt_{fmt}") + "?" + query for fmt in FORMATS}
    return render(
        request,
        "reports/progress_page.html",
        {
            "units": units,
            "directorates": [u for u in units if u.kind == u.Kind.DIRECTORATE],
            "periods": periods,
            "unit_id": unit_id,
            "directorate_id": directorate_id,
            "period_id": period_id,
            "errors": errors,
            "links": links,
            "pdf_detail_limit": progress.PDF_DETAIL_LIMIT,
        },
    )


def _back(request: HttpRequest, error: BadParameter) -> HttpResponse:
    messages.error(request, str(error))
    query = _query(request, "eenheid", "directie", "periode")
    return redirect(reverse("reports:progress_reports") + (f"?{query}" if query else ""))


def _send(report: progress.Report, fmt: str) -> HttpResponse:
    render_with, content_type = FORMATS[fmt]
    return _download(render_with(report), report.filename(fmt), content_type)


@require_GET
def progress_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The voortgangsrapportage of ?eenheid= (with the units under it) over ?periode=."""
    if fmt not in FORMATS:
        raise Http404
    try:
        unit_id = _required_id(request, "eenheid", _("Kies een onderdeel."))
        period = _period(request)
    except BadParameter as error:
        return _back(request, error)
    unit = progress.unit_for(request.user, unit_id)
    report = progress.progress_report(
        request.user,
        unit,
        period,
        today=timezone.localdate(),
        detail_limit=progress.PDF_DETAIL_LIMIT if fmt == "pdf" else None,
    )
    return _send(report, fmt)


@require_GET
def mt_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The MT overview over ?periode=: one page for ?directie=, or for every directorate."""
    if fmt not in FORMATS:
        raise Http404
    try:
        directorate_id = _optional_id(request, "directie", _("Kies een geldige directie."))
        period = _period(request)
    except BadParameter as error:
        return _back(request, error)
    if directorate_id is not None:
        directorates = [progress.unit_for(request.user, directorate_id)]
    else:
        directorates = list(progress.directorates_for(request.user))
        if not directorates:
            return _back(request, BadParameter(_("Er zijn geen directies om te tonen.")))
    report = progress.mt_overview(request.user, directorates, period, today=timezone.localdate())
    return _send(report, fmt)
