"""core.invalidation: a change shows at once, in this process and in any other sharing the cache."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core import invalidation
from exercises.models import Exercise
from plans import services
from plans.models import Routine
from tests.accounts.factories import UserFactory

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change's on-commit callbacks (the cache's retirement) as its commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def management_forms(response):
    """The admin inlines' current rows and management forms, as the browser would post them:
    each field as its widget renders it (a JSON field as JSON text), an unticked box not at all."""
    data = {}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for form in formset.formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is None or value is False:
                    continue
                data[form.add_prefix(name)] = "on" if value is True else value
    return data


def edit_in_admin(admin_client, exercise, **changes):
    """Post the exercise's admin change form as a browser would, with `changes`."""
    change = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    page = admin_client.get(change)
    form = page.context["adminform"].form
    data = {**form.initial, **changes}
    data = {key: value for key, value in data.items() if value is not None}
    for field in ("focus_areas", "equipment", "easier_variations"):
        data[field] = [item.pk for item in form.initial[field]]
    data.update(management_forms(page))
    return admin_client.post(change, data)


@pytest.fixture
def routine(user):
    routine = services.create_routine(owner=user, name="Tuesday strength")
    session = routine.sessions.get()
    for slug in ("goblet-squat", "glute-bridge"):
        services.add_item(session=session, exercise=Exercise.objects.get(slug=slug))
    return routine


def exercise_names_in(xlsx: bytes) -> list[str]:
    return [cell.value for cell in load_workbook(io.BytesIO(xlsx)).active["B"]]


# -- in this process -----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_admin_edit_shows_to_anonymous_visitors_at_once(admin_client, committed):
    visitor = Client()
    exercise = Exercise.objects.get(slug="plank")
    for url in (exercise.get_absolute_url(), "/exercises/", "/exercises/focus/core/"):
        assert "Plank" in visitor.get(url).text
    with committed():
        response = edit_in_admin(
            admin_client, exercise, name="Front plank hold", summary="Freshly edited summary."
        )
        assert response.status_code == 302
    assert "Freshly edited summary." in visitor.get(exercise.get_absolute_url()).text
    assert "Front plank hold" in visitor.get("/exercises/").text
    assert "Front plank hold" in visitor.get("/exercises/focus/core/").text


@pytest.mark.django_db
def test_a_starter_template_edit_in_the_admin_retires_the_public_pages(admin_client, committed):
    template = Routine.objects.templates().get(slug="core-for-runners")
    visitor = Client()
    assert "Core for runners" in visitor.get("/plans/templates/").text
    change = reverse("admin:plans_routine_change", args=[template.pk])
    page = admin_client.get(change)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(name="Core strength for runners", **management_forms(page))
    with committed():
        assert admin_client.post(change, data).status_code == 302
    assert "Core strength for runners" in visitor.get("/plans/templates/").text
    assert "Core strength for runners" in visitor.get(template.get_absolute_url()).text


@pytest.mark.django_db
def test_a_runners_own_edit_does_not_retire_the_public_pages(user, committed):
    Client().get("/")
    version = invalidation.versions(invalidation.CONTENT)
    with committed():
        routine = services.create_routine(owner=user, name="Mine")
        services.add_item(session=routine.sessions.get(), exercise=Exercise.objects.first())
    assert invalidation.versions(invalidation.CONTENT) == version
    with CaptureQueriesContext(connection) as queries:
        Client().get("/")
    assert len(queries) == 0, "the home page is still in the cache"


@pytest.mark.django_db
def test_migrate_retires_the_public_pages(committed):
    version = invalidation.versions(invalidation.CONTENT)
    with committed():
        call_command("migrate", verbosity=0)
    assert invalidation.versions(invalidation.CONTENT) != version


@pytest.mark.django_db
def test_a_retirement_waits_for_the_commit(django_capture_on_commit_callbacks):
    version = invalidation.versions(invalidation.CONTENT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invalidation.retire_content()
        assert invalidation.versions(invalidation.CONTENT) == version
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_the_routine_download_follows_an_edit(client, routine, committed):
    client.force_login(routine.owner)
    assert "Goblet squat" in exercise_names_in(client.get(routine.xlsx_url).content)
    with committed():
        services.remove(obj=routine.sessions.get().items.order_by("order").first())
    assert "Goblet squat" not in exercise_names_in(client.get(routine.xlsx_url).content)


@pytest.mark.django_db
def test_a_template_download_is_made_once_per_content_version(client, committed):
    template = Routine.objects.templates().get(slug="core-for-runners")
    first = client.get(template.pdf_url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(template.pdf_url)
    assert again.content == first.content
    assert len(queries) == 1  # finding the template; the file comes from the cache
    with committed():
        invalidation.retire_content()
    with CaptureQueriesContext(connection) as queries:
        client.get(template.pdf_url)
    assert len(queries) > 1, "made again"


# -- in a second process sharing the cache -------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def shared_redis(settings):
    """This process's caches in a local Redis, in databases of this test worker's own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = 11 + 2 * int(worker.removeprefix("gw"))
    url = f"redis://127.0.0.1:6379/{number}"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": url},
        "pages": {"BACKEND": backend, "LOCATION": f"redis://127.0.0.1:6379/{number + 1}"},
    }
    for database in (number, number + 1):
        redis.Redis.from_url(f"redis://127.0.0.1:6379/{database}").flushdb()
    return url


@pytest.fixture
def second_process(shared_redis, django_db_setup, django_db_blocker):
    """gunicorn serving the site from the same database and Redis as this test, which
    runs outside any test transaction so that the other process sees what it commits.

    The database must be one two processes can share: PostgreSQL (SQLite's test
    database lives in this process's memory).
    """
    if connection.vendor != "postgresql":
        pytest.skip("needs a database two processes share: runs on PostgreSQL (CI does)")
    port = free_port()
    db = connection.settings_dict
    user = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "STATIC_ROOT": str(settings.STATIC_ROOT),
        "CACHE_URL": shared_redis,
        "PAGE_CACHE_URL": settings.CACHES["pages"]["LOCATION"],
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def get(path: str, cookie: str = "") -> bytes:
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
        if cookie:
            request.add_header("Cookie", cookie)
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.read()

    deadline = time.monotonic() + 20
    while True:
        try:
            get("/healthz")
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)
    with django_db_blocker.unblock():
        yield get
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def restored_exercise(second_process):
    """The plank, put back as shipped after the test changed it outside any transaction."""
    exercise = Exercise.objects.get(slug="plank")
    original = {"name": exercise.name, "summary": exercise.summary}
    yield exercise
    Exercise.objects.filter(pk=exercise.pk).update(**original)


def test_an_admin_edit_shows_at_once_in_another_process(second_process, restored_exercise):
    admin = UserFactory(is_staff=True, is_superuser=True)
    try:
        admin_client = Client()
        admin_client.force_login(admin)
        url = restored_exercise.get_absolute_url()
        assert b"Freshly edited" not in second_process(url)
        assert b"Freshly edited" not in second_process(url)  # now from the shared cache
        response = edit_in_admin(admin_client, restored_exercise, summary="Freshly edited.")
        assert response.status_code == 302
        assert b"Freshly edited." in second_process(url)
    finally:
        admin.delete()


def test_a_content_migration_shows_at_once_in_another_process(second_process, restored_exercise):
    url = restored_exercise.get_absolute_url()
    assert b"Migrated summary" not in second_process(url)
    # What a data migration does: change rows behind every service's back.
    Exercise.objects.filter(pk=restored_exercise.pk).update(summary="Migrated summary.")
    assert b"Migrated summary" not in second_process(url), "still the cached page"
    call_command("migrate", verbosity=0)
    assert b"Migrated summary." in second_process(url)


def test_a_routine_save_shows_at_once_in_another_process(second_process):
    owner = UserFactory()
    try:
        runner = Client()
        runner.force_login(owner)
        session_cookie = runner.cookies[settings.SESSION_COOKIE_NAME]
        cookie = f"{session_cookie.key}={session_cookie.value}"
        routine = services.create_routine(owner=owner, name="Tuesday strength")
        session = routine.sessions.get()
        services.add_item(session=session, exercise=Exercise.objects.get(slug="goblet-squat"))
        first = exercise_names_in(second_process(routine.xlsx_url, cookie))
        assert first == exercise_names_in(second_process(routine.xlsx_url, cookie))
        assert "Glute bridge" not in first
        services.add_item(session=session, exercise=Exercise.objects.get(slug="glute-bridge"))
        assert "Glute bridge" in exercise_names_in(second_process(routine.xlsx_url, cookie))
    finally:
        owner.delete()
