"""The helpers of the load run: think time, percentiles, markers and the exactly-once check.

.venv/bin/python -m pytest tests/test_load_run.py
"""

import argparse
import importlib.util
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from regie.actions.models import Action
from regie.meetings.models import Decision, Meeting
from regie.testing import factories

HERE = Path(__file__).resolve().parent.parent / "load"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"load_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


run = _module("run")
verify = _module("verify")


def test_think_time_is_min_max_seconds():
    assert run.parse_think("1-4") == (1.0, 4.0)
    assert run.parse_think("0") == (0.0, 0.0)
    assert run.parse_think("0.5-1.5") == (0.5, 1.5)
    for wrong in ("4-1", "-1", "a-b", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            run.parse_think(wrong)


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert run.percentile(values, 0.5) == 51
    assert run.percentile(values, 0.95) == 96
    assert run.percentile(values, 0.99) == 100
    assert run.percentile([7.0], 0.99) == 7.0
    assert run.summary([], 10)["p95_ms"] is None


def test_markers_name_their_kind():
    marker = run.new_marker("decision")
    assert run.marker_kind(marker) == "decision"
    assert run.new_marker("decision") != marker
    assert run.marker_kind("Het overleg stemt in") is None
    assert run.marker_kind("load-") is None


def test_error_kinds_group_by_request_and_cause():
    errors = [
        "GET /acties/mijn/: HTTP 500",
        "GET /acties/mijn/: HTTP 500",
        "POST /acties/nieuw/: TimeoutError: timed out",
    ]
    assert run.error_kinds(errors) == {
        "GET /acties/mijn/: HTTP 500": 2,
        "POST /acties/nieuw/: TimeoutError": 1,
    }


def _write(kind, marker, acknowledged=True):
    return {"kind": kind, "marker": marker, "acknowledged": acknowledged}


def test_every_acknowledged_write_stored_once_passes():
    writes = [_write("note", "n1"), _write("action", "a1"), _write("decision", "d1")]
    stored = {"note": Counter(["n1"]), "action": Counter(["a1"]), "decision": Counter(["d1"])}
    report = verify.compare_writes(writes, stored)
    assert report["note"] == {
        "sent": 1,
        "acknowledged": 1,
        "stored": 1,
        "missing": [],
        "duplicated": [],
        "never_sent": [],
        "stored_not_acknowledged": 0,
    }
    full = {"writes": report, "decision_numbers": [], "discussions": []}
    assert not verify.failed(full)


def test_missing_doubled_and_unknown_writes_fail():
    writes = [_write("note", "n1"), _write("note", "n2"), _write("action", "a1")]
    stored = {"note": Counter({"n2": 2}), "action": Counter(["a1", "a-unknown"])}
    report = verify.compare_writes(writes, stored)
    assert report["note"]["missing"] == ["n1"]
    assert report["note"]["duplicated"] == ["n2"]
    assert report["action"]["never_sent"] == ["a-unknown"]
    assert verify.failed({"writes": report, "decision_numbers": [], "discussions": []})


def test_a_lost_answer_may_be_stored_once_but_not_twice():
    writes = [_write("note", "lost-stored", False), _write("note", "lost-gone", False)]
    report = verify.compare_writes(writes, {"note": Counter(["lost-stored"])})
    assert report["note"]["stored_not_acknowledged"] == 1
    assert report["note"]["missing"] == []
    assert not verify.failed({"writes": report, "decision_numbers": [], "discussions": []})
    doubled = verify.compare_writes(writes, {"note": Counter({"lost-stored": 2})})
    assert verify.failed({"writes": doubled, "decision_numbers": [], "discussions": []})


def test_decision_numbers_without_gaps_and_counter_at_the_last():
    rows = [(1, 2026, 1), (1, 2026, 2), (1, 2026, 3), (2, 2026, 1)]
    assert verify.number_gaps(rows, {(1, 2026): 3, (2, 2026): 1}) == []
    gap = verify.number_gaps([(1, 2026, 1), (1, 2026, 3)], {(1, 2026): 3})
    assert gap == ["body 1 2026: numbers not 1..2"]
    double = verify.number_gaps([(1, 2026, 1), (1, 2026, 1)], {(1, 2026): 2})
    assert double == ["body 1 2026: numbers not 1..2"]
    behind = verify.number_gaps([(1, 2026, 1)], {(1, 2026): 2})
    assert behind == ["body 1 2026: counter 2, not 1"]


def test_discussion_is_the_last_acknowledged_save():
    saves = [
        {"item": 5, "text": "first", "outcome": "saved"},
        {"item": 5, "text": "refused", "outcome": "stale"},
        {"item": 5, "text": "second", "outcome": "saved"},
        {"item": 6, "text": "unknown", "outcome": "lost"},
    ]
    before = {5: "", 6: "seeded"}
    assert verify.compare_discussions(saves, before, {5: "second", 6: "seeded"}) == []
    assert verify.compare_discussions(saves, before, {5: "second", 6: "unknown"}) == []
    problems = verify.compare_discussions(saves, before, {5: "refused", 6: "seeded"})
    assert len(problems) == 1 and problems[0].startswith("item 5:")
    assert verify.compare_discussions(saves, before, {5: "first", 6: "seeded"})


@pytest.fixture
def held_item():
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary, code="LD")
    meeting = factories.meeting(
        body=body, starts_at=timezone.now() - timedelta(days=1), status=Meeting.Status.HELD
    )
    return secretary, factories.agenda_item(meeting=meeting, title="Jaarplan")


@pytest.mark.django_db
def test_the_writes_of_the_run_are_accepted_as_sent(client, held_item):
    """The forms the virtual users post are the ones the pages expect; 302 means stored."""
    secretary, item = held_item
    client.force_login(secretary.user)
    title = run.new_marker("action")
    response = client.post(
        "/acties/nieuw/",
        {"title": title, "owner": secretary.pk, "body": "", "due_date": "2099-01-31"},
    )
    assert response.status_code == 302
    assert Action.objects.filter(title=title).count() == 1
    text = run.new_marker("decision")
    response = client.post(
        f"/vergaderingen/agendapunt/{item.pk}/besluit/",
        {"text": text, "confidentiality": "internal"},
    )
    assert response.status_code == 302
    assert Decision.objects.get(text=text).sequence == 1


@pytest.mark.django_db
def test_a_discussion_save_answers_with_the_version_to_send_next(client, held_item):
    secretary, item = held_item
    client.force_login(secretary.user)
    path = f"/vergaderingen/agendapunt/{item.pk}/bespreking/"
    saved = client.post(
        path, {"discussion": "eerste", "version": 1}, headers={"HX-Request": "true"}
    )
    assert saved.status_code == 200
    assert run.VERSION_RE.search(saved.content.decode()).group(1) == "2"
    stale = client.post(path, {"discussion": "oud", "version": 1}, headers={"HX-Request": "true"})
    assert stale.status_code == 409
    assert run.VERSION_RE.search(stale.content.decode()).group(1) == "2"
    item.refresh_from_db()
    assert item.discussion == "eerste"
