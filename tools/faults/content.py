"""The run's database: the shipped content, the load's runners and their sessions."""

import re

from tools.faults.load import THREADS, Load, Runner

ROUTINES_PER_RUNNER = 100  # × 7 sessions: every edit in a run writes a session of its own
SESSIONS_PER_ROUTINE = 7


def prepare(load_run_id: str) -> tuple[list[Runner], list[str]]:
    """The load's runners with their sessions, and the pages it views."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from exercises.models import Exercise
    from plans import services
    from plans.models import Session

    runners = []
    for number in range(THREADS):
        user = User.objects.create_user(email=f"runner{number}-{load_run_id}@example.com")
        routines = [
            services.create_routine(owner=user, name=f"Routine {index + 1}")
            for index in range(ROUTINES_PER_RUNNER)
        ]
        Session.objects.bulk_create(
            Session(routine=routine, name=f"Day {day + 1}", order=day)
            for routine in routines
            for day in range(1, SESSIONS_PER_ROUTINE)
        )
        sessions = list(
            Session.objects.filter(routine__owner=user)
            .order_by("pk")
            .values_list("routine_id", "pk")
        )
        client = Client()
        client.force_login(user)
        cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
        editor = reverse("plans:routine-edit", args=[routines[0].pk])
        runners.append(Runner(cookies=cookies, csrf_token="", editor=editor, sessions=sessions))
    exercise = Exercise.objects.order_by("pk").first()
    pages = ["/", reverse("exercises:list"), exercise.get_absolute_url()]
    return runners, pages


def fetch_csrf_tokens(load: Load):
    """Each runner's CSRF cookie and form token, from its routine editor page."""
    for runner in load.runners:
        page = load.fetch("setup", "GET", runner.editor, cookies=runner.cookies)
        if page is None:
            raise SystemExit(f"The routine editor {runner.editor} did not answer 200")
        runner.cookies, html = page
        runner.csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    load.outcomes.clear()
