"""The production settings send the security headers and mark the cookies secure.

The settings are read from regie.settings.production itself (imported with a real-looking
secret key) and applied to a request over HTTPS; `check --deploy` runs on the same module in
a separate process. Login throttling itself is tested in regie/core/tests/test_login_security.py;
here only what it does not cover: the lockout looks the same for a name that does not exist.
"""

from __future__ import annotations

import importlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from regie.testing import factories

ROOT = Path(__file__).resolve().parents[2]
KEY = secrets.token_urlsafe(64)
# Settings a test may take over from production; storage, database and debug stay the test's.
TAKEN = ("SECURE_", "SESSION_", "CSRF_", "X_FRAME_OPTIONS", "MIDDLEWARE")


def _production() -> dict:
    """The production module's settings, imported afresh with a secret key in the environment."""
    names = ("regie.settings.production", "regie.settings.base")
    kept = {name: sys.modules.pop(name, None) for name in names}
    old = os.environ.get("REGIE_SECRET_KEY")
    os.environ["REGIE_SECRET_KEY"] = KEY
    try:
        module = importlib.import_module("regie.settings.production")
    finally:
        if old is None:
            os.environ.pop("REGIE_SECRET_KEY", None)
        else:
            os.environ["REGIE_SECRET_KEY"] = old
        for name, original in kept.items():
            sys.modules.pop(name, None)
            if original is not None:
                sys.modules[name] = original
    return {k: getattr(module, k) for k in dir(module) if k.startswith(TAKEN)}


PRODUCTION = _production()


def test_production_asks_for_a_long_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "regie.settings.production"}
    env.pop("REGIE_SECRET_KEY", None)
    code = "import django; django.setup()"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "REGIE_SECRET_KEY" in run.stderr


def test_check_deploy_passes_on_the_production_settings():
    # The browser tests allow async-unsafe calls for their own process; a deployment does not.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "regie.settings.production",
        "REGIE_SECRET_KEY": KEY,
    }
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


@pytest.mark.django_db
def test_a_page_over_https_carries_the_security_headers_and_secure_cookies():
    factories.person(username="hanna")
    with override_settings(**PRODUCTION):
        client = Client()
        page = client.get("/inloggen/", secure=True)
        assert page.status_code == 200
        login = client.post(
            "/inloggen/", {"username": "hanna", "password": "geheim-123"}, secure=True
        )
        assert login.status_code == 302, login.content[:500]
        home = client.get("/", secure=True)
        plain = Client().get("/inloggen/")
    for response in (page, home):
        hsts = response["Strict-Transport-Security"]
        assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        csp = {
            part.split()[0]: part.split()[1:]
            for part in response["Content-Security-Policy"].split(";")
            if part.strip()
        }
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["default-src"] == ["'self'"]
        scripts = csp.get("script-src", csp["default-src"])
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert "'unsafe-inline'" not in csp.get("style-src", [])
    assert plain.status_code == 301 and plain["Location"].startswith("https://")

    session = login.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"]


def test_no_template_has_an_inline_script_the_policy_would_block():
    inline = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "regie").rglob("templates/**/*.html")
        for tag in re.findall(r"<script\b[^>]*>", path.read_text(encoding="utf-8"), re.I)
        if "src=" not in tag
    ]
    assert not inline, inline


@pytest.mark.django_db
def test_the_lockout_looks_the_same_for_a_name_that_does_not_exist(client):
    factories.person(username="anna")
    answers = {}
    for username in ("anna", "niemand-bekend"):
        for _ in range(6):
            response = client.post("/inloggen/", {"username": username, "password": "fout"})
        answers[username] = response
    assert answers["anna"].status_code == answers["niemand-bekend"].status_code == 429
    for response in answers.values():
        assert "Te veel mislukte inlogpogingen" in response.content.decode()


# Rendered outside the browser's policy: PDFs (WeasyPrint), e-mail, and the outage page that
# must work without any stylesheet.
STYLED_OUTSIDE_THE_POLICY = {
    "regie/hiring/templates/hiring/report_pdf.html",
    "regie/reports/templates/reports/digest.html",
    "regie/reports/templates/reports/pdf/_actions.html",
    "regie/reports/templates/reports/pdf/base.html",
    "regie/templates/503.html",
}


def test_no_page_template_has_inline_style_the_policy_would_block():
    styled = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "regie").rglob("templates/**/*.html")
        if re.search(r"<style\b|\sstyle=", path.read_text(encoding="utf-8"), re.I)
    ]
    assert set(styled) <= STYLED_OUTSIDE_THE_POLICY, sorted(set(styled) - STYLED_OUTSIDE_THE_POLICY)
