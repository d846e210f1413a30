"""While the database is down, pages answer 503 with Retry-After, not 500.

The outage is real: the default connection is pointed at a port (or an SQLite
path) where no database listens, as while PostgreSQL restarts.
"""

from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connections
from django.test import RequestFactory
from django.urls import reverse

from core.middleware import RETRY_AFTER_SECONDS, DatabaseUnavailableMiddleware
from newsletter.models import Subscriber
from tests.plans.factories import RoutineFactory

pytestmark = pytest.mark.django_db

SIGNUP_DATA = {"email": "ann@example.com", "first_name": "Ann", "source": "/", "website": ""}


@contextmanager
def database_down():
    default = connections["default"]
    unreachable = {**default.settings_dict}
    if default.vendor == "sqlite":
        unreachable["NAME"] = "/nonexistent-directory/runner-strength.sqlite3"
    else:
        unreachable.update(HOST="127.0.0.1", PORT="1")
    connections["default"] = default.__class__(unreachable, alias="default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = default


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Back in a moment" in html
    assert "Skip to main content" in html  # in the site's layout


def test_exercise_page_is_503_with_retry_after_while_the_database_is_down(client):
    with database_down():
        response = client.get(reverse("exercises:detail", args=["goblet-squat"]), secure=True)
    assert_outage_page(response)


def test_signed_in_runner_gets_the_503_page_while_the_database_is_down(client, user):
    # The layout's context processors would look the user up: the page must not.
    routine = RoutineFactory(owner=user)
    client.force_login(user)
    with database_down():
        response = client.get(reverse("plans:routine-edit", args=[routine.pk]), secure=True)
    assert_outage_page(response)


def test_routine_edit_during_the_outage_is_503_and_works_once_the_database_is_back(client, user):
    routine = RoutineFactory(owner=user)
    session = routine.sessions.create(name="Monday")
    client.force_login(user)
    url = reverse("plans:session-update", args=[routine.pk, session.pk])
    with database_down():
        response = client.post(url, {"name": "Tuesday"}, secure=True)
    assert_outage_page(response)
    session.refresh_from_db()
    assert session.name == "Monday"

    response = client.post(url, {"name": "Tuesday"}, secure=True)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.name == "Tuesday"


def test_newsletter_signup_during_the_outage_is_503_and_works_once_the_database_is_back(client):
    with database_down():
        response = client.post(reverse("newsletter:signup"), SIGNUP_DATA, secure=True)
    assert_outage_page(response)
    assert not Subscriber.objects.exists()

    response = client.post(reverse("newsletter:signup"), SIGNUP_DATA, secure=True)
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="ann@example.com").exists()


def test_a_database_error_that_is_not_an_outage_is_left_to_the_500_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, IntegrityError("duplicate key")) is None
    assert middleware.process_exception(request, ValueError("a bug")) is None
