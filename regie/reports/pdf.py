"""PDF output with WeasyPrint from print-styled HTML; nothing is fetched from the network."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def render(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
