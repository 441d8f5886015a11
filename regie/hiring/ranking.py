"""The ranking of candidates: pure and deterministic, so anyone can reproduce it.

Order: total points (high to low), then hourly rate (low to high), then the recorded lot
number (low to high). Lots are drawn once, only for candidates still tied after the rate, and
recorded; until they are drawn such a tie is reported as `needs_lot`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

DECIDED_BY_POINTS = "punten"
DECIDED_BY_RATE = "uurtarief"
DECIDED_BY_LOT = "loting"


@dataclass(frozen=True)
class Entry:
    candidate_id: int
    name: str
    total: Decimal
    rate: Decimal
    lot: int | None = None


@dataclass(frozen=True)
class Ranked:
    position: int
    entry: Entry
    decided_by: str  # what separates this candidate from its neighbours
    needs_lot: bool  # tied on points and rate, and no lot drawn yet


def _key(entry: Entry) -> tuple:
    lot = entry.lot if entry.lot is not None else 10**12
    return (-entry.total, entry.rate, lot, entry.candidate_id)


def tie_groups(entries: Iterable[Entry]) -> list[list[Entry]]:
    """Groups of two or more candidates with the same points and the same rate."""
    groups: dict[tuple[Decimal, Decimal], list[Entry]] = {}
    for entry in entries:
        groups.setdefault((Decimal(entry.total), Decimal(entry.rate)), []).append(entry)
    return [
        sorted(group, key=lambda e: e.candidate_id)
        for _key_, group in sorted(groups.items(), key=lambda kv: (-kv[0][0], kv[0][1]))
        if len(group) > 1
    ]


def ties_needing_lots(entries: Iterable[Entry]) -> list[list[Entry]]:
    return [g for g in tie_groups(entries) if any(e.lot is None for e in g)]


def ranking(entries: Iterable[Entry]) -> list[Ranked]:
    ordered = sorted(entries, key=_key)
    result: list[Ranked] = []
    for index, entry in enumerate(ordered):
        neighbours = [ordered[i] for i in (index - 1, index + 1) if 0 <= i < len(ordered)]
        same_points = [n for n in neighbours if n.total == entry.total]
        same_rate = [n for n in same_points if n.rate == entry.rate]
        if same_rate:
            decided_by = DECIDED_BY_LOT
        elif same_points:
            decided_by = DECIDED_BY_RATE
        else:
            decided_by = DECIDED_BY_POINTS
        needs_lot = bool(same_rate) and (entry.lot is None or any(n.lot is None for n in same_rate))
        result.append(Ranked(index + 1, entry, decided_by, needs_lot))
    return result
