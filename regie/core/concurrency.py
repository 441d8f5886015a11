"""Optimistic locking: a save only goes through when the stored version is the one edited."""

from django.db import models
from django.utils.translation import gettext as _

from regie.core.errors import StaleEditError


def save_if_unchanged(
    instance: models.Model, *, expected_version: int, fields: dict[str, object]
) -> None:
    """Write `fields` and bump `version` only if nobody saved since `expected_version`.

    Raises StaleEditError, with the stored object, when someone else got there first.
    """
    model = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **fields, version=models.F("version") + 1
    )
    if updated == 0:
        current = model._default_manager.get(pk=instance.pk)
        raise StaleEditError(
            _(
                "Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen; "
                "hieronder ziet u de huidige versie."
            ),
            current=current,
        )
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.version = expected_version + 1  # type: ignore[attr-defined]
    # Queryset.update() bypasses history; record the change on the object's history.
    if hasattr(instance, "history"):
        instance.refresh_from_db()
        instance.save(update_fields=list(fields))
