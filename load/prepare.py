"""Pick the virtual users of the load run from the seeded data and give them the load password.

    python load/prepare.py load/data/users.json 50 [secretaries]

Most users are members: owners of an open action, who read, export, write progress notes on
their action and create actions of their own. A few (5 of 50 by default) are body
secretaries, who also write minutes: decisions and the discussion of agenda items of a held
meeting of their body whose minutes are still open. Each secretary gets agenda items of their
own, so two secretaries never save the same discussion.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings.base")
import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.utils import timezone  # noqa: E402

from regie.actions.models import Action  # noqa: E402
from regie.core.models import Body  # noqa: E402
from regie.meetings.lifecycle import MINUTES_EDITABLE, meeting_reopen  # noqa: E402
from regie.meetings.models import AgendaItem, Meeting  # noqa: E402

PASSWORD = "load-test-password"
ITEMS_PER_SECRETARY = 3


def last_meeting(body_id: int) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=body_id, starts_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )


def _reopened_latest(body: Body, person) -> Meeting | None:
    """The seed archives every past meeting; a secretary writing minutes works on last week's.
    The body's latest archived meeting is reopened for it, as a secretary would."""
    meeting = (
        Meeting.objects.filter(body=body, status="archived", starts_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    if meeting is None:
        return None
    return meeting_reopen(
        actor=person.user,
        meeting=meeting,
        expected_version=meeting.version,
        reason="Verslag aanvullen (belastingtest)",
    )


def secretaries(wanted: int, hashed: str) -> list[dict]:
    """Secretaries of bodies with a held meeting whose minutes are open, with their items."""
    users, seen = [], set()
    bodies = (
        Body.objects.filter(secretary__user__isnull=False, is_active=True)
        .select_related("secretary__user")
        .order_by("id")
    )
    for body in bodies:
        person = body.secretary
        if len(users) == wanted or person.pk in seen:
            continue
        meeting = (
            Meeting.objects.filter(
                body=body, status__in=MINUTES_EDITABLE, starts_at__lte=timezone.now()
            )
            .order_by("-starts_at")
            .first()
        )
        if meeting is None:
            meeting = _reopened_latest(body, person)
        if meeting is None:
            continue
        items = list(
            AgendaItem.objects.filter(meeting=meeting, is_standing=False)
            .order_by("position", "id")
            .values("id", "version", "discussion")[:ITEMS_PER_SECRETARY]
        )
        if not items:
            continue
        seen.add(person.pk)
        person.user.password = hashed
        person.user.save(update_fields=["password"])
        users.append(
            {
                "kind": "secretary",
                "username": person.user.username,
                "password": PASSWORD,
                "person": person.pk,
                "body": body.pk,
                "meeting": meeting.pk,
                "unit": person.unit_id,
                "action": None,
                "items": items,
            }
        )
    return users


def members(wanted: int, hashed: str, taken: set[int]) -> list[dict]:
    """Owners of an open action, one action each."""
    users = []
    actions = Action.objects.filter(status="open", body__isnull=False).select_related("owner__user")
    for action in actions.order_by("id").iterator():
        owner = action.owner
        if len(users) == wanted:
            break
        if owner.pk in taken or owner.user is None:
            continue
        meeting = last_meeting(action.body_id)
        if meeting is None:
            continue
        taken.add(owner.pk)
        owner.user.password = hashed
        owner.user.save(update_fields=["password"])
        users.append(
            {
                "kind": "member",
                "username": owner.user.username,
                "password": PASSWORD,
                "person": owner.pk,
                "action": action.pk,
                "body": action.body_id,
                "meeting": meeting.pk,
                "unit": owner.unit_id,
            }
        )
    return users


def main() -> None:
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    wanted_secretaries = int(sys.argv[3]) if len(sys.argv) > 3 else max(1, count // 10)
    hashed = make_password(PASSWORD)
    chosen = secretaries(min(wanted_secretaries, count), hashed)
    chosen += members(count - len(chosen), hashed, {u["person"] for u in chosen})
    Path(sys.argv[1]).write_text(json.dumps(chosen))
    writers = [u for u in chosen if u["kind"] == "secretary"]
    print(
        f"{len(chosen)} virtual users prepared, {len(writers)} of them secretaries writing "
        f"minutes on {sum(len(u['items']) for u in writers)} agenda items"
    )


if __name__ == "__main__":
    main()
