"""The benchmark's database: the shipped content, a runner with routines, a grown library."""

from http.cookies import SimpleCookie
from urllib import request
from urllib.parse import quote

from tools.forms import form_fields

ROUTINES, SESSIONS, ITEMS = 10, 2, 8


def load_content():
    """The benchmark runner and its routines, beside the content `migrate` shipped."""
    from accounts.models import User
    from exercises.models import Exercise
    from plans import services

    runner = User.objects.create_user(email="bench@runnerstrength.example", password=None)
    exercises = list(Exercise.objects.order_by("pk")[: SESSIONS * ITEMS])
    for number in range(ROUTINES):
        routine = services.create_routine(owner=runner, name=f"Benchmark routine {number + 1}")
        sessions = [routine.sessions.get()]
        sessions += [services.add_session(routine=routine) for _ in range(SESSIONS - 1)]
        for index, session in enumerate(sessions):
            for exercise in exercises[index * ITEMS : (index + 1) * ITEMS]:
                services.add_item(session=session, exercise=exercise)
    return runner, routine


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def anonymous_pages() -> list[tuple[str, str]]:
    """(name, path) of the pages a visitor without a session sees."""
    from django.urls import reverse

    from exercises.models import Exercise, FocusArea
    from plans.models import Routine

    template = Routine.objects.templates().order_by("pk").first()
    return [
        ("home", "/"),
        ("library", reverse("exercises:list")),
        ("filtered library", reverse("exercises:list") + "?focus=knee&equipment=bodyweight"),
        ("exercise page", Exercise.objects.get(slug="goblet-squat").get_absolute_url()),
        ("focus page", FocusArea.objects.get(slug="knee").get_absolute_url()),
        ("templates", reverse("plans:template-list")),
        ("template page", template.get_absolute_url()),
    ]


def downloads(routine, cookie: str) -> list[tuple[str, str, str]]:
    """(name, path, cookie) of the PDF and XLSX of the runner's routine and of a template."""
    from plans.models import Routine

    template = Routine.objects.templates().order_by("pk").first()
    return [
        ("routine PDF", routine.pdf_url, cookie),
        ("routine XLSX", routine.xlsx_url, cookie),
        ("template PDF", template.pdf_url, ""),
        ("template XLSX", template.xlsx_url, ""),
    ]


def grow_library(size: int):
    """`size` more exercises, and the cache emptied so that no page from before is served."""
    from django.core.cache import cache
    from django.db import connection

    from tests.exercises.factories import grow_library as bulk_add

    bulk_add(size)
    cache.clear()
    if connection.vendor == "postgresql":
        # Autovacuum would refresh the planner's statistics within a minute or
        # so; doing it now keeps that minute out of the measurement.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def logging_a_set(base: str, runner, routine, cookie: str) -> tuple[str, str, list[str]]:
    """(path, cookie, wrk script arguments) for ticking a set of a workout the runner started,
    with the CSRF cookie and token the workout page hands out, read over HTTP as a phone
    would read them."""
    from django.urls import reverse

    from workouts import services

    workout = services.start_workout(owner=runner, routine_session=routine.sessions.first())
    entry = workout.exercises.first()
    path = reverse("workouts:log-set", args=[workout.pk, entry.pk])
    page_request = request.Request(base + workout.get_absolute_url(), headers={"Cookie": cookie})  # noqa: S310 (the bench server's own http URL)
    page = request.urlopen(page_request)  # noqa: S310
    csrf = SimpleCookie()
    for header in page.headers.get_all("Set-Cookie") or []:
        csrf.load(header)
    fields = dict(form_fields(page.read().decode(), action=path))
    fields["set_id"] = "{set_id}"
    body = "&".join(f"{quote(name)}={quote(value, safe='{}')}" for name, value in fields.items())
    cookies = "; ".join([cookie, *(f"{name}={morsel.value}" for name, morsel in csrf.items())])
    return path, cookies, [body]
