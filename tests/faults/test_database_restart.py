"""PostgreSQL restarted under traffic: requests in flight get a clean Dutch 503, never a 500,
and the running app recovers by itself once the database is back."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="regie-fault-pg-"))
        self.port = _free_port()
        self.as_pg: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_pg = ["runuser", "-u", "postgres", "--"]

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_pg, *args], check=True, capture_output=True, timeout=60)

    def init(self) -> None:
        self.run(
            str(PGBIN / "initdb"),
            "-D",
            str(self.dir / "data"),
            "-A",
            "trust",
            "-U",
            "regie",
            "--no-sync",
        )
        self.start()
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "regie",
                "-d",
                "postgres",
                "-c",
                "CREATE DATABASE regie",
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )

    def start(self) -> None:
        self.run(
            str(PGBIN / "pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )

    def stop(self) -> None:
        self.run(str(PGBIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        subprocess.run(
            [
                *self.as_pg,
                str(PGBIN / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            timeout=30,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def _get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        if response.status == 503 and not path.startswith("/healthz"):
            assert "Regie is even niet bereikbaar" in body
        return response.status
    finally:
        conn.close()


def _wait_for(condition, message: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.05)


def test_a_database_restart_gives_503_and_the_app_recovers(tmp_path):
    # make install puts PostgreSQL here; without it this test must fail, not pass unseen.
    assert (PGBIN / "initdb").exists(), f"PostgreSQL binaries missing in {PGBIN}"
    cluster = Cluster()
    server = None
    try:
        cluster.init()
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://regie@127.0.0.1:{cluster.port}/regie",
            "DJANGO_SETTINGS_MODULE": "regie.settings.production",
            "REGIE_SECRET_KEY": "k" * 20 + "fault-test-secret-key-not-for-production-use",
            "REGIE_SSL_REDIRECT": "false",
            "REGIE_DB_CONN_MAX_AGE": "60",
            "REGIE_VAR_DIR": str(tmp_path),
        }
        python = sys.executable
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run(
                [python, "-m", "django", *command], env=env, cwd=ROOT, check=True, timeout=240
            )
        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(python).parent / "gunicorn"),
                "regie.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--threads",
                "2",
                "--timeout",
                "90",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(port, "/healthz") == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not come up"
            time.sleep(0.2)

        statuses: list[int] = []
        stop = threading.Event()

        def traffic() -> None:
            while not stop.is_set():
                for path in ("/healthz", "/inloggen/"):
                    try:
                        statuses.append(_get(port, path))
                    except OSError:
                        statuses.append(-1)
                    except AssertionError:
                        statuses.append(-2)  # a 503 without the Dutch page

        workers = [threading.Thread(target=traffic) for _ in range(3)]
        for worker in workers:
            worker.start()
        _wait_for(lambda: len(statuses) >= 20, "no traffic before the restart")
        cluster.stop()
        before = len(statuses)
        _wait_for(lambda: len(statuses) >= before + 20, "no answers during the outage")
        cluster.start()
        time.sleep(1.5)
        stop.set()
        for worker in workers:
            worker.join(timeout=90)

        assert 500 not in statuses
        assert 503 in statuses  # the outage was seen, and answered cleanly
        assert set(statuses) <= {200, 503}
        # Recovered without restarting the app.
        assert _get(port, "/healthz") == 200
        assert _get(port, "/inloggen/") == 200
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        cluster.remove()
