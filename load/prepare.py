"""Give 50 seeded owners of open actions a password and write their targets for the load run."""

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
from regie.meetings.models import Meeting  # noqa: E402

PASSWORD = "load-test-password"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 50
hashed = make_password(PASSWORD)
users, seen = [], set()
for action in Action.objects.filter(status="open").select_related("owner__user").order_by("id"):
    owner = action.owner
    if owner.pk in seen or owner.user is None:
        continue
    seen.add(owner.pk)
    owner.user.password = hashed
    owner.user.save(update_fields=["password"])
    meeting = (
        Meeting.objects.filter(body_id=action.body_id, starts_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    users.append(
        {
            "username": owner.user.username,
            "password": PASSWORD,
            "action": action.pk,
            "body": action.body_id,
            "meeting": meeting.pk,
            "unit": owner.unit_id,
        }
    )
    if len(users) == count:
        break
Path(sys.argv[1]).write_text(json.dumps(users))
print(f"{len(users)} virtual users prepared")
