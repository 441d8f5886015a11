"""The life of a meeting: draft -> agenda sent -> held -> minutes draft -> minutes reviewed ->
minutes approved (in a next meeting of the body) -> archived. Cancelled is a dead end; approved
and archived meetings are read-only until reopened, and a reopening is recorded with its reason.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.errors import DomainError, StaleEditError
from regie.meetings.models import Meeting

S = Meeting.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.AGENDA_SENT, S.CANCELLED}),
    S.AGENDA_SENT: frozenset({S.HELD, S.DRAFT, S.CANCELLED}),
    S.HELD: frozenset({S.MINUTES_DRAFT}),
    S.MINUTES_DRAFT: frozenset({S.MINUTES_REVIEW}),
    S.MINUTES_REVIEW: frozenset({S.MINUTES_DRAFT, S.MINUTES_APPROVED}),
    S.MINUTES_APPROVED: frozenset({S.ARCHIVED}),
    S.ARCHIVED: frozenset(),
    S.CANCELLED: frozenset(),
}
REOPENABLE = frozenset({S.MINUTES_APPROVED, S.ARCHIVED})
# What the secretary may still change in each status.
AGENDA_EDITABLE = frozenset({S.DRAFT, S.AGENDA_SENT})
MINUTES_EDITABLE = frozenset({S.HELD, S.MINUTES_DRAFT, S.MINUTES_REVIEW})


def allowed_next(meeting: Meeting) -> list[str]:
    return sorted(TRANSITIONS[meeting.status])


def ensure_agenda_editable(meeting: Meeting) -> None:
    if meeting.status not in AGENDA_EDITABLE:
        raise DomainError(
            _("De agenda van deze vergadering kan niet meer worden gewijzigd (status: %(s)s).")
            % {"s": meeting.get_status_display()}
        )


def ensure_minutes_editable(meeting: Meeting) -> None:
    if meeting.status not in MINUTES_EDITABLE:
        if meeting.status in REOPENABLE:
            raise DomainError(_("Deze vergadering is afgesloten. Heropen haar eerst."))
        raise DomainError(_("Het verslag kan pas worden gemaakt als de vergadering is gehouden."))


@transaction.atomic
def meeting_transition(
    *,
    actor,
    meeting: Meeting,
    to_status: str,
    expected_version: int,
    reason: str = "",
    approved_in: Meeting | None = None,
) -> Meeting:
    """Move a meeting to `to_status`, refusing moves the lifecycle does not allow."""
    if to_status not in TRANSITIONS[meeting.status]:
        raise DomainError(
            _("Een vergadering met status '%(from)s' kan niet naar '%(to)s'.")
            % {"from": meeting.get_status_display(), "to": S(to_status).label}
        )
    _check_preconditions(meeting, to_status, approved_in)
    fields: dict[str, object] = {"status": to_status}
    if to_status == S.MINUTES_APPROVED:
        fields["minutes_approved_in"] = approved_in
    return _write(
        meeting,
        actor=actor,
        expected_version=expected_version,
        fields=fields,
        reason=reason or str(S(to_status).label),
    )


@transaction.atomic
def meeting_reopen(*, actor, meeting: Meeting, expected_version: int, reason: str) -> Meeting:
    """Reopen an approved or archived meeting's minutes; the reason is kept in its history."""
    if meeting.status not in REOPENABLE:
        raise DomainError(_("Alleen een afgesloten vergadering kan worden heropend."))
    if not reason.strip():
        raise DomainError(_("Geef een reden op voor het heropenen."), field="reason")
    return _write(
        meeting,
        actor=actor,
        expected_version=expected_version,
        fields={"status": S.MINUTES_DRAFT, "minutes_approved_in": None},
        reason=_("Heropend: %(reason)s") % {"reason": reason.strip()},
    )


def _check_preconditions(meeting: Meeting, to_status: str, approved_in: Meeting | None) -> None:
    if to_status == S.AGENDA_SENT and not meeting.items.exists():
        raise DomainError(_("Een agenda zonder agendapunten kan niet worden verzonden."))
    if to_status == S.HELD and meeting.starts_at > timezone.now():
        raise DomainError(_("Een vergadering die nog moet beginnen kan niet als gehouden gelden."))
    if to_status == S.MINUTES_APPROVED:
        if approved_in is None:
            raise DomainError(
                _("Kies de vergadering waarin het verslag is vastgesteld."), field="approved_in"
            )
        if approved_in.body_id != meeting.body_id or approved_in.starts_at <= meeting.starts_at:
            raise DomainError(
                _("Het verslag wordt vastgesteld in een latere vergadering van hetzelfde gremium."),
                field="approved_in",
            )


def _write(
    meeting: Meeting, *, actor, expected_version: int, fields: dict[str, object], reason: str
) -> Meeting:
    updated = Meeting.objects.filter(
        pk=meeting.pk, version=expected_version, status=meeting.status
    ).update(**fields, version=F("version") + 1)
    if updated == 0:
        raise StaleEditError(
            _(
                "Iemand anders heeft deze vergadering intussen gewijzigd. Bekijk de huidige stand "
                "en probeer het opnieuw."
            ),
            current=Meeting.objects.get(pk=meeting.pk),
        )
    meeting.refresh_from_db()
    # simple-history reads these two attributes when it writes the history row.
    meeting._change_reason = reason  # type: ignore[attr-defined]
    if actor is not None and getattr(actor, "is_authenticated", False):
        meeting._history_user = actor  # type: ignore[attr-defined]
    meeting.save(update_fields=list(fields))
    return meeting
