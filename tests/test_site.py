"""The frame every page sits in: home, health check, error pages and settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.urls import reverse

from config import views

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Hq2-production-like-secret-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "runnerstrength.example",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example:587",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "SITE_URL": "https://runnerstrength.example",
}


TEST_ONLY_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "EMAIL_URL",
    "CACHE_URL",
    "TASKS_BACKEND",
    "SITE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args, env):
    """Run manage.py as production would: without the test suite's own variables."""
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.django_db
def test_home_page_explains_and_invites(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "What strength work does for a runner" in html
    assert 'href="#main"' in html, "skip link"
    assert 'id="main"' in html, "skip link target"
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client, user):
    client.force_login(user)
    pages = [
        reverse("home"),
        reverse("accounts:profile"),
        reverse("account_change_password"),
        reverse("exercises:list") + "?focus=knee&level=nope",
        reverse("exercises:detail", args=["glute-bridge"]),
        reverse("exercises:focus", args=["hip"]),
    ]
    for name in pages:
        html = client.get(name).content.decode()
        assert "<script>" not in html, name
        assert "style=" not in html, name
        assert "<style" not in html, name


@pytest.mark.django_db
def test_healthz_answers_ok_after_a_database_round_trip(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_with_a_reason_when_the_database_is_unreachable(client, monkeypatch):
    default = connections["default"]
    unreachable = {**default.settings_dict}
    if default.vendor == "sqlite":
        unreachable["NAME"] = "/nonexistent-directory/runner-strength.sqlite3"
    else:
        unreachable.update(HOST="127.0.0.1", PORT="1")
    broken = default.__class__(unreachable, alias="unreachable")
    monkeypatch.setattr(views, "connection", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "reason": "database unavailable"}


@pytest.mark.django_db
def test_404_page_uses_the_site_layout(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "Skip to main content" in html
    assert "Runner Strength" in html


@pytest.mark.django_db
def test_a_forged_host_header_gets_the_400_page_not_a_500(client):
    """The 400 page renders before the authentication middleware has run."""
    response = client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert "Runner Strength" in response.text


def test_production_needs_a_shared_cache():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "CACHE_URL"}
    result = manage("check", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: Set the CACHE_URL environment variable (required when DEBUG is off)."
    ]


def test_robots_txt_opens_the_library_and_closes_personal_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    rules = response.text.splitlines()
    assert "Disallow: /plans/" in rules
    assert "Allow: /plans/templates/" in rules
    assert not any(rule.startswith("Disallow: /exercises") for rule in rules)


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = manage("check", env={"DEBUG": "0", "EMAIL_URL": "consolemail://"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: Set the SECRET_KEY environment variable (required when DEBUG is off)."
    ]


def test_production_needs_the_sites_own_address_for_printed_links():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SITE_URL"}
    result = manage("check", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: Set the SITE_URL environment variable (required when DEBUG is off)."
    ]
    printed = production_shell(
        "from django.conf import settings; print(settings.SITE_URL)",
        SITE_URL="https://runnerstrength.example/",
    )
    assert printed.splitlines()[-1] == "https://runnerstrength.example", "no trailing slash"


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def production_shell(code: str, **env: str) -> str:
    """What `code` prints, run by `manage.py shell` with production settings."""
    result = manage("shell", "-c", code, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_email_url_becomes_the_default_mailer():
    printed = production_shell(
        "from django.conf import settings; print(settings.MAILERS['default'])"
    )
    assert "smtp.EmailBackend" in printed
    assert "'host': 'smtp.example'" in printed
    assert "'use_tls': True" in printed


@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("postgres://app@db.example:5432/runners", "-c jit=off"),
        ("postgres://app@db.example:5432/runners?options=-c%20work_mem%3D8MB", "-c work_mem=8MB"),
    ],
)
def test_postgresql_sessions_start_without_jit_unless_the_url_says_otherwise(url, options):
    printed = production_shell(
        "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])",
        DATABASE_URL=url,
    )
    assert f"'options': '{options}'" in printed
