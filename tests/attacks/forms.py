"""Reads the forms of a rendered page, so a test can post them back as a browser would."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)

    def data(self, **overrides: str) -> dict[str, list[str]]:
        """The values a browser would send, with the given fields replaced."""
        values = {name: list(v) for name, v in self.fields.items()}
        for name, value in overrides.items():
            values[name] = [value]
        return {name: v for name, v in values.items() if v}

    def text_fields(self) -> list[str]:
        return [n for n, kind in self.kinds.items() if kind in ("text", "textarea", "search")]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            form.kinds.setdefault(name, kind)
            form.fields.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields[name].append(a.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                form.fields[name].append(a.get("value", ""))
        elif tag == "textarea" and name:
            form.kinds[name] = "textarea"
            form.fields[name] = [""]
            self._textarea = name
        elif tag == "select" and name:
            form.kinds[name] = "select"
            form.fields[name] = []
            form.options[name] = []
            self._select = name
            self._select_first = None
        elif tag == "option" and self._select:
            value = a.get("value")
            self._option = value
            if value is not None:
                form.options[self._select].append(value)
                if "selected" in a:
                    form.fields[self._select] = [value]
                elif self._select_first is None and value:
                    self._select_first = value

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select and self._form is not None:
            if not self._form.fields[self._select] and self._select_first is not None:
                self._form.fields[self._select] = [self._select_first]
            self._select = None


def forms_of(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, action: str) -> Form:
    """The first POST form whose action is `action` (an empty action posts to the page)."""
    found = [f for f in forms_of(html) if f.method == "post" and f.action == action]
    if not found:
        actions = [f.action for f in forms_of(html) if f.method == "post"]
        raise AssertionError(f"no POST form to {action!r} on the page; there are {actions}")
    return found[0]


_ERROR = re.compile(
    r'class="[^"]*(?:error|fout|alert)[^"]*"[^>]*>(.*?)</(?:p|div|li|ul|span)>', re.S | re.I
)


def errors_in(html: str) -> list[str]:
    """The error messages on a page (form field errors and alerts), as plain text."""
    found = []
    for match in _ERROR.finditer(html):
        text = re.sub(r"<[^>]+>", " ", match.group(1))
        text = unescape(re.sub(r"\s+", " ", text)).strip()
        if text:
            found.append(text[:300])
    return found
