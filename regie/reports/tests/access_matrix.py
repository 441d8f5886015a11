"""Reports' part of the project's access matrix (tests/access_matrix): the rules that fill the
parameters of the report URLs that take an object's id.

Use: RULES += reports.RULES (before any catch-all).
"""

from __future__ import annotations

RULES: list[tuple[str, str, str]] = []
