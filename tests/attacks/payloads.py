"""Hostile input that every text field must store as typed and show as text."""

from __future__ import annotations

from django.utils.html import escape

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SQL = "'; DROP TABLE core_person; --"
TEMPLATE_VAR = "{{ 7*7 }}"
TEMPLATE_TAG = "{% debug %}"
LONG = "A" * 10_000

# Short payloads: stored verbatim everywhere, shown escaped.
SHORT = [SCRIPT, IMG, SQL, TEMPLATE_VAR, TEMPLATE_TAG]
ALL = [*SHORT, LONG]

# Markup that must never reach a page unescaped.
RAW_MARKUP = ["<script>alert(1)</script>", "<img src=x onerror", "onerror=alert(1)>"]

# A Dutch message for text that is too long.
TOO_LONG = ("niet meer dan", "hoogstens", "te lang", "maximaal", "maximum")


def escaped(payload: str) -> str:
    return str(escape(payload))


def raw_markup_in(html: str) -> list[str]:
    return [raw for raw in RAW_MARKUP if raw in html]
