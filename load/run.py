"""A bounded load run against gunicorn on 127.0.0.1.

Virtual users log in first (a few at a time), then for `--seconds` each one clicks, reads the
page for a think time (`--think MIN-MAX` seconds, uniform, seeded) and clicks again. Members
read my week, the planning dashboard and lists, export, write progress notes on their action
and create actions; secretaries also record decisions and save the discussion of their agenda
items. Every write carries a unique marker, so that load/verify.py can check afterwards that
each acknowledged write is stored exactly once.

    python load/run.py --base http://127.0.0.1:8123 --users-file users.json --seconds 60 \
        --think 1-4 --out result.json
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
LOGINS_AT_ONCE = 4
TIMEOUT = 30  # seconds for one request; no request can hold the run longer
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_RE = re.compile(r'name="version" value="(\d+)"')
KINDS = ("read", "export", "write")
MARKER_PREFIX = "load-"


def new_marker(kind: str) -> str:
    return f"{MARKER_PREFIX}{kind}-{uuid.uuid4()}"


def marker_kind(marker: str) -> str | None:
    """The kind of write a marker was made for ('note', 'action', ...), None if not a marker."""
    if not marker.startswith(MARKER_PREFIX):
        return None
    kind, sep, rest = marker[len(MARKER_PREFIX) :].partition("-")
    return kind if sep and kind and rest else None


def parse_think(text: str) -> tuple[float, float]:
    """'1-4' -> (1.0, 4.0); '0' -> (0.0, 0.0)."""
    low, sep, high = text.partition("-")
    try:
        bounds = (float(low), float(high if sep else low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"think time is MIN-MAX seconds, not {text!r}") from None
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise argparse.ArgumentTypeError(f"think time is MIN-MAX seconds, not {text!r}")
    return bounds


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (p between 0 and 1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def error_kinds(errors: list[str]) -> dict[str, int]:
    """How often each kind of error occurred: 'GET /path: HTTP 500', 'POST /path: TimeoutError'."""
    kinds = Counter(": ".join(error.split(": ")[:2]) for error in errors)
    return dict(kinds.most_common())


def summary(times: list[float], seconds: float) -> dict:
    if not times:
        return {"requests": 0, "rps": 0.0, "p50_ms": None, "p95_ms": None, "p99_ms": None}
    return {
        "requests": len(times),
        "rps": round(len(times) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
    }


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    errors: list[str] = field(default_factory=list)
    # Every write sent: {"kind", "marker", "acknowledged"}; a write whose answer was lost may
    # or may not be stored, so it is kept as unacknowledged rather than dropped.
    writes: list[dict] = field(default_factory=list)
    # Every discussion save, in the order its user sent them (one user per agenda item):
    # {"item", "text", "outcome": "saved" | "stale" | "lost"}.
    discussions: list[dict] = field(default_factory=list)
    stale: int = 0

    def add(self, kind: str, ms: float, error: str | None = None) -> None:
        with self.lock:
            self.times[kind].append(ms)
            if error:
                self.errors.append(error)

    def fail(self, error: str) -> None:
        with self.lock:
            self.errors.append(error)

    def wrote(self, kind: str, marker: str, acknowledged: bool) -> None:
        with self.lock:
            self.writes.append({"kind": kind, "marker": marker, "acknowledged": acknowledged})

    def discussed(self, item: int, text: str, outcome: str) -> None:
        with self.lock:
            self.discussions.append({"item": item, "text": text, "outcome": outcome})
            if outcome == "stale":
                self.stale += 1


class Session:
    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)

    def reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)

    def request(
        self, method: str, path: str, body: dict | None = None, htmx: bool = False
    ) -> tuple[int, str]:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Host": f"{self.host}:{self.port}",
        }
        if htmx:
            headers["HX-Request"] = "true"
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                self.reconnect()
                # The server may close a kept-alive connection just as it is reused; a read
                # is then sent once more on a new one, as browsers do. A write never is.
                stale = isinstance(
                    exc, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)
                )
                if not (stale and method == "GET" and attempt == 1):
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, payload.decode("utf-8", "replace")

    def login(self, username: str, password: str) -> None:
        status, html = self.request("GET", "/inloggen/")
        match = CSRF_RE.search(html)
        if match is None:
            raise RuntimeError(f"no login form ({status})")
        status, _ = self.request(
            "POST",
            "/inloggen/",
            {"csrfmiddlewaretoken": match.group(1), "username": username, "password": password},
        )
        if status != 302:
            raise RuntimeError(f"login failed for {username}: {status}")


def log_in(base: str, user: dict) -> Session | str:
    """A logged-in session, or the reason the login failed."""
    session = Session(base)
    try:
        session.login(user["username"], user["password"])
    except Exception as exc:
        return f"login {user['username']}: {type(exc).__name__}: {exc}"
    return session


class VirtualUser:
    """One user's clicks. Each click is one request: its kind, how it went, what it wrote."""

    def __init__(self, session: Session, user: dict, stats: Stats, rng: random.Random):
        self.session, self.user, self.stats, self.rng = session, user, stats, rng
        body, meeting = user["body"], user["meeting"]
        self.reads = [
            "/",
            "/acties/mijn/",
            f"/acties/gremium/{body}/",
            f"/vergaderingen/gremia/{body}/",
            f"/vergaderingen/{meeting}/",
            f"/vergaderingen/gremia/{body}/besluiten/",
            "/acties/?termijn=overdue",
            # The planning dashboard: the default scope, one's own and the user's unit.
            "/dashboard/",
            "/dashboard/?eenheid=mij",
        ]
        if user.get("action"):
            self.reads.append(f"/acties/{user['action']}/")
        if user.get("unit"):
            self.reads.append(f"/dashboard/?eenheid={user['unit']}")
        self.exports = [
            f"/export/gremium/{body}/actielijst.docx",
            f"/export/vergadering/{meeting}/agenda.docx",
        ]
        self.items = [dict(item) for item in user.get("items", [])]
        if self.items:
            self.reads.append(f"/vergaderingen/{meeting}/verslag/")

    def click(self) -> None:
        """One click: members write 15 % (notes, new actions), secretaries 25 % (decisions,
        discussions); 7 % are exports, the rest reads."""
        roll = self.rng.random()
        if self.items:  # a secretary writing minutes
            writes = (0.10, self.decision), (0.25, self.discussion)
        else:
            writes = (0.10, self.note), (0.15, self.create_action)
        for upto, write in writes:
            if roll < upto:
                return write()
        if roll < writes[-1][0] + 0.07:
            return self.get("export", self.rng.choice(self.exports))
        return self.get("read", self.rng.choice(self.reads))

    def timed(self, kind: str, label: str, send) -> tuple[int | None, str]:
        """Send one request, record its time and any failure; (status, body) or (None, '')."""
        started = time.perf_counter()
        try:
            status, payload = send()
        except Exception as exc:  # counted as an error of the run
            self.stats.add(kind, (time.perf_counter() - started) * 1000, _error(label, exc))
            return None, ""
        self.stats.add(kind, (time.perf_counter() - started) * 1000)
        return status, payload

    def get(self, kind: str, path: str) -> None:
        status, _ = self.timed(kind, f"GET {path}", lambda: self.session.request("GET", path))
        if status is not None and status != 200:
            self.stats.fail(f"GET {path}: HTTP {status}")

    def post(self, kind: str, path: str, marker: str, data: dict, expected: int = 302) -> None:
        status, _ = self.timed(
            "write", f"POST {path}", lambda: self.session.request("POST", path, data)
        )
        self.stats.wrote(kind, marker, acknowledged=status == expected)
        if status is not None and status != expected:
            self.stats.fail(f"POST {path}: HTTP {status}")

    def note(self) -> None:
        marker = new_marker("note")
        self.post("note", f"/acties/{self.user['action']}/voortgang/", marker, {"text": marker})

    def create_action(self) -> None:
        marker = new_marker("action")
        due = date.today() + timedelta(days=self.rng.randint(7, 60))
        data = {
            "title": marker,
            "owner": self.user["person"],
            "body": "",
            "due_date": due.isoformat(),
            "confidentiality": "internal",
        }
        self.post("action", "/acties/nieuw/", marker, data)

    def decision(self) -> None:
        marker = new_marker("decision")
        item = self.rng.choice(self.items)
        path = f"/vergaderingen/agendapunt/{item['id']}/besluit/"
        self.post("decision", path, marker, {"text": marker, "confidentiality": "internal"})

    def discussion(self) -> None:
        """Save an item's discussion with the version last seen; a stale refusal is an answer."""
        item = self.rng.choice(self.items)
        text = new_marker("discussion")
        path = f"/vergaderingen/agendapunt/{item['id']}/bespreking/"
        data = {"discussion": text, "version": item["version"]}
        status, payload = self.timed(
            "write", f"POST {path}", lambda: self.session.request("POST", path, data, htmx=True)
        )
        seen = VERSION_RE.search(payload)
        if seen:
            item["version"] = int(seen.group(1))
        if status == 200:
            self.stats.discussed(item["id"], text, "saved")
        elif status == 409:
            self.stats.discussed(item["id"], text, "stale")
        else:
            self.stats.discussed(item["id"], text, "lost")
            if status is not None:
                self.stats.fail(f"POST {path}: HTTP {status}")


def _error(label: str, exc: Exception) -> str:
    return f"{label}: {type(exc).__name__}: {exc}"


def run_user(
    session: Session,
    user: dict,
    deadline: float,
    stats: Stats,
    rng: random.Random,
    think: tuple[float, float],
) -> None:
    clicks = VirtualUser(session, user, stats, rng)
    # The login was long ago (the others logged in after it) and the server has closed that
    # idle connection; start on a fresh one, as a browser would, so a first write does not
    # meet a closed connection.
    session.reconnect()
    # Users do not all start in the same instant: each arrives within one think time.
    pause(rng.uniform(0, think[1]), deadline)
    while time.monotonic() < deadline:
        clicks.click()
        pause(rng.uniform(*think), deadline)


def pause(seconds: float, deadline: float) -> None:
    time.sleep(max(0.0, min(seconds, deadline - time.monotonic())))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--users-file", required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--think",
        type=parse_think,
        default=(1.0, 4.0),
        help="seconds a user reads a page before the next click, MIN-MAX (uniform); 0 for none",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in {"127.0.0.1", "localhost"}:
        raise SystemExit("load runs only against 127.0.0.1")
    users = json.loads(Path(args.users_file).read_text())
    stats = Stats()
    # Everyone logs in before the clock starts, a few at a time: a login hashes the password
    # (deliberately slow), and fifty at once on two cores would measure only that.
    with ThreadPoolExecutor(max_workers=LOGINS_AT_ONCE) as pool:
        sessions = list(pool.map(lambda user: log_in(args.base, user), users))
    stats.errors.extend(s for s in sessions if isinstance(s, str))
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(
            target=run_user,
            args=(session, user, deadline, stats, random.Random(args.seed * 1000 + i), args.think),
            daemon=True,
        )
        for i, (session, user) in enumerate(zip(sessions, users, strict=True))
        if not isinstance(session, str)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    # A request started just before the deadline ends within TIMEOUT; nothing waits longer.
    for thread in threads:
        thread.join(timeout=max(0.0, deadline + TIMEOUT + 5 - time.monotonic()))
    hanging = sum(thread.is_alive() for thread in threads)
    elapsed = time.monotonic() - started
    with stats.lock:
        everything = [ms for kind in KINDS for ms in stats.times[kind]]
        result = {
            "users": len(users),
            "secretaries": sum(u.get("kind") == "secretary" for u in users),
            "logged_in": len(threads),
            "seconds": round(elapsed, 1),
            "think_s": list(args.think),
            **summary(everything, elapsed),
            "per_kind": {kind: summary(stats.times[kind], elapsed) for kind in KINDS},
            "errors": len(stats.errors) + hanging,
            "error_kinds": error_kinds(stats.errors),
            "error_samples": stats.errors[:10],
            "stale_refusals": stats.stale,
            "users_still_running": hanging,
            "writes": list(stats.writes),
            "discussions": list(stats.discussions),
        }
    Path(args.out).write_text(json.dumps(result))
    shown = {k: v for k, v in result.items() if k not in {"writes", "discussions"}}
    shown["writes_sent"] = len(result["writes"]) + len(result["discussions"])
    print(json.dumps(shown, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
