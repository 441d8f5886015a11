"""Empty the domain tables before the demo is built again, so a second run gives the same data.

Every table of Regie's own apps is emptied (their history tables too), except the security log.
Rows are deleted with plain SQL: deleting through the ORM would write a history row for each
deleted object. The stored files of the removed stukken are deleted once the transaction has
committed, so a failed run leaves the old demo as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, transaction

KEEP = {("core", "auditevent")}


def domain_models() -> list:
    """The models of Regie's apps, each after every model that refers to it."""
    own = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("regie.") or _app_name(model).startswith("regie.")
    ]
    own = [m for m in own if (m._meta.app_label, m._meta.model_name) not in KEEP]
    return _referrers_first(own)


def _app_name(model) -> str:
    return model._meta.app_config.name if model._meta.app_config else ""


def _referrers_first(models: list) -> list:
    tables = {m._meta.db_table: m for m in models}
    refers_to: dict[str, set[str]] = {t: set() for t in tables}
    for table, model in tables.items():
        for f in model._meta.concrete_fields:
            target = getattr(f, "related_model", None)
            if target is not None and target._meta.db_table in tables.keys() - {table}:
                refers_to[table].add(target._meta.db_table)
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(table: str, path: frozenset[str]) -> None:
        # A table goes after all tables that refer to it: visit the referrers first.
        if table in seen or table in path:
            return
        for other, targets in sorted(refers_to.items()):
            if table in targets:
                visit(other, path | {table})
        seen.add(table)
        ordered.append(table)

    for table in sorted(tables):
        visit(table, frozenset())
    return [tables[t] for t in ordered]


def stored_files() -> list[str]:
    from regie.home.demo.context import models

    return [n for n in models().DocumentVersion.objects.values_list("file", flat=True) if n]


def clear_domain() -> list[str]:
    """Delete every row of the domain tables; returns the names of the stored files it held."""
    files = stored_files()
    with connection.cursor() as cursor:
        for model in domain_models():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    return files


def delete_files_after_commit(names: Iterable[str], keep: Iterable[str] = ()) -> None:
    doomed = sorted(set(names) - set(keep))

    def remove() -> None:
        for name in doomed:
            with contextlib.suppress(OSError):
                default_storage.delete(name)

    transaction.on_commit(remove)
