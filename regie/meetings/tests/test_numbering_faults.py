"""A process killed (SIGKILL) in the middle of numbering decisions leaves no gap or duplicate."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from regie.meetings.models import Decision, DecisionCounter, Meeting
from regie.meetings.services import minutes as services
from regie.testing import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]

WORKER = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, os.environ["REGIE_ROOT"])
    os.environ["DJANGO_SETTINGS_MODULE"] = "regie.settings.base"
    import django
    django.setup()
    from regie.meetings.models import AgendaItem
    from regie.meetings.services import minutes
    original = minutes._next_sequence

    def slow_sequence(*args, **kwargs):
        number = original(*args, **kwargs)
        time.sleep(0.05)  # widen the window in which the kill lands mid-transaction
        return number

    minutes._next_sequence = slow_sequence
    item = AgendaItem.objects.get(pk=int(sys.argv[1]))
    while True:
        minutes.decision_record(actor=None, item=item, text="Uit een proces dat sneuvelt")
""")


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_a_killed_worker_leaves_gap_free_numbers():
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary, code="SG")
    meeting = factories.meeting(
        body=body, starts_at=timezone.now() - timedelta(days=1), status=Meeting.Status.HELD
    )
    item = factories.agenda_item(meeting=meeting)
    env = {**os.environ, "DATABASE_URL": _database_url(), "REGIE_ROOT": str(ROOT)}
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(item.pk)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while Decision.objects.filter(body=body).count() < 5:
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "worker recorded nothing"
            time.sleep(0.05)
        time.sleep(0.02)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    sequences = sorted(Decision.objects.filter(body=body).values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))
    year = timezone.localdate(meeting.starts_at).year
    assert DecisionCounter.objects.get(body=body, year=year).last_number == len(sequences)
    after = services.decision_record(actor=secretary.user, item=item, text="Daarna")
    assert after.sequence == len(sequences) + 1
