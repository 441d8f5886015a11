"""A bounded load run against gunicorn on 127.0.0.1: virtual users read my week, the planning
dashboard and lists, export, and write progress notes; afterwards every write must be stored
exactly once.

    python load/run.py --base http://127.0.0.1:8123 --users 50 --seconds 60
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
LOGINS_AT_ONCE = 4
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    writes: list[str] = field(default_factory=list)

    def add(self, ms: float, error: str | None = None, write: str | None = None) -> None:
        with self.lock:
            self.times.append(ms)
            if error:
                self.errors.append(error)
            if write:
                self.writes.append(write)


class Session:
    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Host": f"{self.host}:{self.port}",
        }
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
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                # The server may close a kept-alive connection just as it is reused; a read
                # is then sent once more on a new one, as browsers do. A write never is.
                stale = isinstance(exc, (http.client.RemoteDisconnected, BrokenPipeError))
                if not (stale and method == "GET" and attempt == 1):
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, payload.decode("utf-8", "replace")

    def login(self, username: str, password: str) -> None:
        status, html = self.request("GET", "/inloggen/")
        token = CSRF_RE.search(html).group(1)
        status, _ = self.request(
            "POST",
            "/inloggen/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
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


def virtual_user(
    session: Session, user: dict, deadline: float, stats: Stats, rng: random.Random
) -> None:
    reads = [
        "/",
        "/acties/mijn/",
        f"/acties/gremium/{user['body']}/",
        f"/vergaderingen/gremia/{user['body']}/",
        f"/vergaderingen/{user['meeting']}/",
        f"/vergaderingen/gremia/{user['body']}/besluiten/",
        "/acties/?termijn=overdue",
        f"/acties/{user['action']}/",
        # The planning dashboard: the default scope, one's own and the user's unit.
        "/dashboard/",
        "/dashboard/?eenheid=mij",
    ]
    if user.get("unit"):
        reads.append(f"/dashboard/?eenheid={user['unit']}")
    exports = [
        f"/export/gremium/{user['body']}/actielijst.docx",
        f"/export/vergadering/{user['meeting']}/agenda.docx",
    ]
    while time.monotonic() < deadline:
        roll = rng.random()
        marker = None
        started = time.perf_counter()
        try:
            if roll < 0.15:
                marker = f"load-{uuid.uuid4()}"
                status, _ = session.request(
                    "POST", f"/acties/{user['action']}/voortgang/", {"text": marker}
                )
                ok = status == 302
            elif roll < 0.22:
                status, _ = session.request("GET", rng.choice(exports))
                ok = status == 200
            else:
                status, _ = session.request("GET", rng.choice(reads))
                ok = status == 200
            error = None if ok else f"HTTP {status}"
        except Exception as exc:  # counted as an error of the run
            error, marker = f"{type(exc).__name__}: {exc}", None
        ms = (time.perf_counter() - started) * 1000
        stats.add(ms, error, marker if error is None else None)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--users-file", required=True)
    parser.add_argument("--seconds", type=int, default=60)
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
    failed_logins = [s for s in sessions if isinstance(s, str)]
    stats.errors.extend(failed_logins)
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(
            target=virtual_user,
            args=(session, user, deadline, stats, random.Random(i)),
            daemon=True,
        )
        for i, (session, user) in enumerate(zip(sessions, users, strict=True))
        if not isinstance(session, str)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.seconds + 60)
    elapsed = time.monotonic() - started
    result = {
        "users": len(users),
        "logged_in": len(threads),
        "seconds": round(elapsed, 1),
        "requests": len(stats.times),
        "rps": round(len(stats.times) / elapsed, 1),
        "p50_ms": round(statistics.median(stats.times), 1),
        "p95_ms": round(percentile(stats.times, 0.95), 1),
        "p99_ms": round(percentile(stats.times, 0.99), 1),
        "errors": len(stats.errors),
        "error_samples": stats.errors[:5],
        "writes": stats.writes,
    }
    Path(args.out).write_text(json.dumps(result))
    shown = {k: v for k, v in result.items() if k != "writes"}
    print(json.dumps(shown, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
