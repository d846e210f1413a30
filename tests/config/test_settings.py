"""Settings read from the environment, and the headers every page gets from them."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.mail import send_mail
from django.db import connection
from django.urls import reverse

from config.settings import mailer_from_url

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Hq2-production-like-secret-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "runnerstrength.example",
    "SITE_URL": "https://runnerstrength.example",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example:587",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


TEST_ONLY_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "EMAIL_URL",
    "CACHE_URL",
    "SITE_URL",
    "TASKS_BACKEND",
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
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("core:home"))
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
        reverse("core:home"),
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


def test_production_needs_a_shared_cache():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "CACHE_URL"}
    result = manage("check", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: Set the CACHE_URL environment variable (required when DEBUG is off)."
    ]


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


def test_filemail_url_keeps_its_absolute_path(settings, tmp_path):
    """filemail:///abs/path, as the README writes it, is the absolute directory /abs/path."""
    mailer = mailer_from_url(f"filemail://{tmp_path}")
    assert mailer == {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(tmp_path)},
    }
    settings.MAILERS = {"default": mailer}
    send_mail("Hello", "Body", None, ["ann@example.com"])
    [written] = tmp_path.iterdir()
    assert "Subject: Hello" in written.read_text()


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


def test_production_caches_are_djangos_redis_cache_with_pages_in_a_database_of_their_own():
    printed = production_shell(
        "from django.conf import settings; c = settings.CACHES; "
        "print(c['default']['BACKEND'], c['default']['LOCATION'], c['pages']['LOCATION'], "
        "settings.CACHE_MIDDLEWARE_ALIAS)"
    )
    assert printed.strip().splitlines()[-1].split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/1",
        "redis://127.0.0.1:6379/2",
        "pages",
    ]


def test_page_cache_url_may_be_given():
    printed = production_shell(
        "from django.conf import settings; print(settings.CACHES['pages']['LOCATION'])",
        PAGE_CACHE_URL="redis://cache.example:6379/7",
    )
    assert printed.strip().splitlines()[-1] == "redis://cache.example:6379/7"


@pytest.mark.django_db
def test_postgresql_sessions_run_without_the_jit_compiler():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_collectstatic_writes_compressed_copies():
    root = settings.STATIC_ROOT
    for name in ("css/site.css", "js/editor.js", "vendor/bootstrap/bootstrap.min.css"):
        hashed = staticfiles_storage.stored_name(name)
        for suffix in (".br", ".gz"):
            assert (root / f"{hashed}{suffix}").stat().st_size > 0, f"{hashed}{suffix}"


@pytest.mark.django_db
def test_static_files_are_served_compressed_and_cached_for_a_year(client):
    url = staticfiles_storage.url("css/site.css")
    response = client.get(url, headers={"accept-encoding": "br, gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) >= 31_536_000


@pytest.mark.parametrize("cache_url", ["locmemcache://", "dummycache://", "filecache:///tmp/x"])
def test_the_deploy_check_refuses_a_cache_that_is_not_shared(cache_url):
    result = manage(
        "check", "--deploy", "--fail-level", "ERROR", env={**PRODUCTION_ENV, "CACHE_URL": cache_url}
    )
    assert result.returncode == 1
    assert "core.E001" in result.stderr
    assert "'default' cache" in result.stderr
