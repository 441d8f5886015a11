"""After a load run: every write is in the database exactly once.

    python load/verify.py load/data/result.json load/data/users.json

- Each acknowledged progress note, action and decision is stored exactly once (found by the
  marker in its text or title). A write whose answer was lost (a timeout, a dropped
  connection) may or may not be stored: stored once it is counted as "stored, not
  acknowledged", not as a failure. No marker may be stored twice, and none may be stored that
  the run never sent.
- The decision numbers of the bodies written to run 1, 2, 3, ... without gaps or doubles per
  body and year, and each body's counter stands at the last number.
- Each agenda item's discussion is the last save that was acknowledged for it (or, if a later
  save's answer was lost, possibly that one); refused stale saves changed nothing.

The outcome is printed and added to the result file under "verification"; the exit status is
1 when anything failed.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

WRITE_KINDS = ("note", "action", "decision")


def compare_writes(writes: list[dict], stored: dict[str, Counter]) -> dict:
    """Per kind of write: what was sent and acknowledged against what is stored, by marker."""
    report: dict = {}
    for kind in WRITE_KINDS:
        sent = [w for w in writes if w["kind"] == kind]
        acknowledged = {w["marker"] for w in sent if w["acknowledged"]}
        unacknowledged = {w["marker"] for w in sent if not w["acknowledged"]}
        counts = stored.get(kind, Counter())
        report[kind] = {
            "sent": len(sent),
            "acknowledged": len(acknowledged),
            "stored": sum(counts.values()),
            "missing": sorted(m for m in acknowledged if counts[m] == 0),
            "duplicated": sorted(m for m, n in counts.items() if n > 1),
            "never_sent": sorted(m for m in counts if m not in acknowledged | unacknowledged),
            "stored_not_acknowledged": sum(1 for m in unacknowledged if counts[m] > 0),
        }
    return report


def compare_discussions(
    saves: list[dict], before: dict[int, str], current: dict[int, str]
) -> list[str]:
    """Items whose stored discussion is not the last acknowledged save (in the order sent)."""
    problems = []
    for item in sorted({s["item"] for s in saves}):
        allowed = {before.get(item, "")}
        for save in (s for s in saves if s["item"] == item):
            if save["outcome"] == "saved":
                allowed = {save["text"]}
            elif save["outcome"] == "lost":
                allowed.add(save["text"])  # stored or not: its answer never came
        if current.get(item) not in allowed:
            problems.append(
                f"item {item}: {current.get(item)!r}, expected one of {sorted(allowed)}"
            )
    return problems


def number_gaps(rows: list[tuple[int, int, int]], counters: dict[tuple[int, int], int]) -> list:
    """(body, year) whose decision sequences are not exactly 1..n, or whose counter is not n."""
    per_key: dict[tuple[int, int], list[int]] = {}
    for body, year, sequence in rows:
        per_key.setdefault((body, year), []).append(sequence)
    problems = []
    for key, sequences in sorted(per_key.items()):
        if sorted(sequences) != list(range(1, len(sequences) + 1)):
            problems.append(f"body {key[0]} {key[1]}: numbers not 1..{len(sequences)}")
        elif counters.get(key) != len(sequences):
            problems.append(
                f"body {key[0]} {key[1]}: counter {counters.get(key)}, not {len(sequences)}"
            )
    return problems


def failed(report: dict) -> bool:
    writes = report["writes"]
    return bool(
        any(
            writes[k]["missing"] or writes[k]["duplicated"] or writes[k]["never_sent"]
            for k in writes
        )
        or report["decision_numbers"]
        or report["discussions"]
    )


def read_database(result: dict, users: list[dict]) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings.base")
    import django

    django.setup()
    from regie.actions.models import Action, ProgressNote
    from regie.meetings.models import AgendaItem, Decision, DecisionCounter

    stored = {
        "note": Counter(
            ProgressNote.objects.filter(text__startswith="load-note-").values_list(
                "text", flat=True
            )
        ),
        "action": Counter(
            Action.objects.filter(title__startswith="load-action-").values_list("title", flat=True)
        ),
        "decision": Counter(
            Decision.objects.filter(text__startswith="load-decision-").values_list(
                "text", flat=True
            )
        ),
    }
    touched = set(
        Decision.objects.filter(text__startswith="load-decision-").values_list("body_id", "year")
    )
    rows = [
        row
        for row in Decision.objects.filter(body_id__in={b for b, _ in touched}).values_list(
            "body_id", "year", "sequence"
        )
        if (row[0], row[1]) in touched
    ]
    counters = {
        (c.body_id, c.year): c.last_number
        for c in DecisionCounter.objects.filter(body_id__in={b for b, _ in touched})
    }
    items = [item for user in users for item in user.get("items", [])]
    before = {item["id"]: item.get("discussion", "") for item in items}
    current = dict(AgendaItem.objects.filter(pk__in=before).values_list("id", "discussion"))
    saves = result.get("discussions", [])
    return {
        "writes": compare_writes(result["writes"], stored),
        "decision_numbers": number_gaps(rows, counters),
        "bodies_numbered": len({b for b, _ in touched}),
        "discussion_saves": dict(Counter(s["outcome"] for s in saves)),
        "discussions": compare_discussions(saves, before, current),
    }


def main() -> int:
    result_path = Path(sys.argv[1])
    result = json.loads(result_path.read_text())
    users = json.loads(Path(sys.argv[2]).read_text()) if len(sys.argv) > 2 else []
    report = read_database(result, users)
    report["ok"] = not failed(report)
    result["verification"] = report
    result_path.write_text(json.dumps(result))
    for kind, line in report["writes"].items():
        print(
            f"{kind}: sent {line['sent']}, acknowledged {line['acknowledged']}, "
            f"stored {line['stored']}, missing {len(line['missing'])}, "
            f"duplicated {len(line['duplicated'])}, never sent {len(line['never_sent'])}, "
            f"stored not acknowledged {line['stored_not_acknowledged']}"
        )
    print(
        f"decision numbers of {report['bodies_numbered']} bodies: "
        + (
            "without gaps"
            if not report["decision_numbers"]
            else "; ".join(report["decision_numbers"])
        )
    )
    print(
        f"discussions: {report['discussion_saves']}, "
        + (
            "each the last acknowledged save"
            if not report["discussions"]
            else "; ".join(report["discussions"])
        )
    )
    print("exactly once: " + ("yes" if report["ok"] else "NO"))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
