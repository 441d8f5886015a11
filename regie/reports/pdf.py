"""PDF output with WeasyPrint from print-styled HTML templates.

Nothing is fetched over the network: the URL fetcher only serves data: URLs and files from
the app's own static folders; anything else is refused.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class StaticOnlyFetcher(URLFetcher):
    """Serves data: URLs and files below the static folders; refuses every other URL."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=2)
        roots = [Path(p) for p in getattr(settings, "STATICFILES_DIRS", [])]
        roots += [Path(p) for p in finders.searched_locations if p]
        self._roots = [root.resolve() for root in roots]

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url.removeprefix("file://").removeprefix("file:")).resolve()
            if not any(path.is_relative_to(root) for root in self._roots):
                raise ValueError(f"Refused to read {url}: not a static file")
        elif not url.startswith("data:"):
            raise ValueError(f"Refused to fetch {url}: only data: URLs and static files")
        return super().fetch(url, headers)


def render(template: str, context: dict) -> bytes:
    html = render_to_string(template, context)
    static_dir = Path(settings.STATICFILES_DIRS[0]) if settings.STATICFILES_DIRS else None
    base_url = static_dir.as_uri() + "/" if static_dir else None
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(pdf_tags=True)  # tagged, so screen readers get the structure
