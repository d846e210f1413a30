"""A change to a user takes effect at once in every session they have."""

import pytest
from django.test import Client

from plans import services
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change's on-commit callbacks (the cache's retirement) as its commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def routine(user):
    return services.create_routine(owner=user, name="Tuesday strength")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_new_password_signs_out_other_sessions_at_once(routine, committed):
    user = routine.owner
    elsewhere = signed_in(user)
    assert elsewhere.get(routine.get_absolute_url()).status_code == 200

    with committed():
        user.set_password("a-brand-new-long-password")
        user.save()

    response = elsewhere.get(routine.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_deactivated_user_is_signed_out_at_once(routine, committed):
    user = routine.owner
    client = signed_in(user)
    assert client.get(routine.get_absolute_url()).status_code == 200

    with committed():
        user.is_active = False
        user.save()

    assert client.get(routine.get_absolute_url()).status_code == 302


def test_a_new_address_shows_on_the_next_page_at_once(routine, committed):
    user = routine.owner
    client = signed_in(user)
    assert user.email in client.get(routine.get_absolute_url()).text

    with committed():
        user.email = "new-address@example.com"
        user.save()

    assert "new-address@example.com" in client.get(routine.get_absolute_url()).text


def test_each_session_gets_its_own_user(routine):
    other = UserFactory()
    signed_in(routine.owner).get(routine.get_absolute_url())
    assert signed_in(other).get(routine.get_absolute_url()).status_code == 404
