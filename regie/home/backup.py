"""One consistent archive of the database and the stored files, and its restore.

The archive (.tar.gz) holds `database.sqlite3` (SQLite's online backup) or `database.dump`
(pg_dump custom format), the stored files under `files/`, and `manifest.json` with the
sha256 of every file, which restore checks before it reports success.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from regie.core.errors import DomainError

PG_BIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
        "-d",
        db["NAME"],
    ]
    return args, env


def _dump_database(target: Path) -> str:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target / "database.sqlite3")
        with destination:
            connection.connection.backup(destination)
        destination.close()
        return "database.sqlite3"
    args, env = _pg_env()
    subprocess.run(
        [
            str(PG_BIN / "pg_dump"),
            "--format=custom",
            "--no-owner",
            "-f",
            str(target / "database.dump"),
            *args,
        ],
        check=True,
        env=env,
    )
    return "database.dump"


def backup(archive: Path) -> dict:
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        database_file = _dump_database(work)
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        manifest = {
            "created": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": database_file,
            "files": {str(p.relative_to(media)): _sha256(p) for p in files},
        }
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(work / database_file, arcname=database_file)
            for path in files:
                tar.add(path, arcname=f"files/{path.relative_to(media)}")
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return manifest


def restore(archive: Path) -> dict:
    if not archive.is_file():
        raise DomainError(f"Archief niet gevonden: {archive}")
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive, "r:gz") as tar:
        work = Path(scratch)
        tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest["vendor"] != connection.vendor:
            raise DomainError("Dit archief hoort bij een ander soort database.")
        for name, digest in manifest["files"].items():
            if _sha256(work / "files" / name) != digest:
                raise DomainError(f"Bestand in het archief is beschadigd: {name}")
        _load_database(work / manifest["database"])
        if media.exists():
            shutil.rmtree(media)
        if (work / "files").exists():
            shutil.copytree(work / "files", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    broken = [n for n, d in manifest["files"].items() if _sha256(media / n) != d]
    if broken:
        raise DomainError(f"Na het terugzetten kloppen {len(broken)} bestanden niet.")
    return manifest


def _load_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        source.backup(connection.connection)
        source.close()
        return
    connection.close()
    args, env = _pg_env()
    subprocess.run(
        [
            str(PG_BIN / "pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(dump),
        ],
        check=True,
        env=env,
    )
