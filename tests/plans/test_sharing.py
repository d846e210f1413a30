"""Share links: read-only, nothing personal, noindex, revocable; a copy is independent."""

import re

import pytest
from django.urls import reverse

from plans.models import Routine, RoutineItem, RoutineShare
from tests.accounts.factories import PASSWORD, UserFactory
from tests.plans.factories import routine_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(db):
    return UserFactory(email="private.person@example.com", display_name="Priya Private")


@pytest.fixture
def routine(owner):
    routine = routine_with(owner, "goblet-squat", "push-up", sessions=2)
    Routine.objects.filter(pk=routine.pk).update(notes="My knee is sore after long runs")
    RoutineItem.objects.filter(session__routine=routine).update(notes="secret item note")
    routine.refresh_from_db()
    return routine


def share(client, owner, routine, **data):
    client.force_login(owner)
    response = client.post(reverse("plans:routine-share", args=[routine.pk]), data)
    assert response.status_code == 302
    client.logout()
    return RoutineShare.objects.get(routine=routine)


def test_shared_page_shows_sessions_and_exercise_links_and_nothing_personal(client, owner, routine):
    link = share(client, owner, routine)
    response = client.get(link.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for session in routine.sessions.all():
        assert session.name in html
        for item in session.items.all():
            assert f'href="{item.exercise.get_absolute_url()}"' in html
    for personal in ("private.person", "Priya", "knee is sore", "secret item note"):
        assert personal not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert f'<meta property="og:title" content="{routine.name}">' in html
    assert "private" in response["Cache-Control"]


def test_notes_show_only_when_the_owner_ticks_include_notes(client, owner, routine):
    link = share(client, owner, routine, include_notes="on")
    html = client.get(link.get_absolute_url()).content.decode()
    assert "knee is sore" in html
    assert "secret item note" in html


def test_a_revoked_link_is_a_404_and_a_new_link_has_a_new_token(client, owner, routine):
    link = share(client, owner, routine)
    client.force_login(owner)
    client.post(reverse("plans:routine-share-revoke", args=[routine.pk]))
    client.logout()
    assert client.get(link.get_absolute_url()).status_code == 404
    assert client.get(reverse("plans:shared-copy", args=[link.token])).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("plans:shared-copy", args=[link.token])).status_code == 404
    client.logout()
    again = share(client, owner, routine)
    assert again.token != link.token
    assert len(again.token) >= 40


def test_a_made_up_token_is_a_404(client):
    assert client.get(reverse("plans:shared-routine", args=["guess"])).status_code == 404


def test_copying_a_shared_routine_makes_an_independent_copy(client, owner, routine, user):
    link = share(client, owner, routine)
    client.force_login(user)
    response = client.post(reverse("plans:shared-copy", args=[link.token]))
    copy = Routine.objects.owned_by(user).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:routine-edit", args=[copy.pk])
    assert copy.pk != routine.pk
    assert [s.name for s in copy.sessions.all()] == [s.name for s in routine.sessions.all()]
    assert copy.notes == ""  # not shared, so not copied
    assert not RoutineItem.objects.filter(session__routine=copy).exclude(notes="").exists()
    # Changing or deleting the original leaves the copy as it was.
    RoutineItem.objects.filter(session__routine=routine).update(sets=9)
    routine.delete()
    copy.refresh_from_db()
    assert set(
        RoutineItem.objects.filter(session__routine=copy).values_list("sets", flat=True)
    ) == {3}


def test_anonymous_visitor_is_invited_to_sign_up_and_comes_back_to_the_copy(client, owner, routine):
    link = share(client, owner, routine)
    copy_url = reverse("plans:shared-copy", args=[link.token])
    html = client.get(link.get_absolute_url()).content.decode()
    assert f'href="{reverse("plans:shared-signup", args=[link.token])}"' in html
    assert f"{reverse('account_login')}?next={copy_url}" in html
    assert "csrfmiddlewaretoken" not in html
    # Logging in with that `next` lands on the copy's confirmation.
    reader = UserFactory()
    response = client.post(
        reverse("account_login") + f"?next={copy_url}",
        {"login": reader.email, "password": PASSWORD, "next": copy_url},
    )
    assert response.status_code == 302
    assert response["Location"] == copy_url
    page = client.get(copy_url)
    assert page.status_code == 200
    assert b"Save a copy" in page.content


def test_copy_needs_a_post_with_a_csrf_token(owner, routine, user):
    from django.test import Client

    link = RoutineShare.objects.create(routine=routine)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(reverse("plans:shared-copy", args=[link.token])).status_code == 403
    assert not Routine.objects.owned_by(user).exists()


def test_share_links_are_in_the_data_export_and_go_with_the_account(client, owner, routine):
    link = share(client, owner, routine, include_notes="on")
    client.force_login(owner)
    data = client.get(reverse("accounts:export")).json()
    assert data["routine_share_links"] == [
        {
            "routine": routine.name,
            "url": f"https://testserver{link.get_absolute_url()}",
            "include_notes": True,
            "created": link.created.isoformat(),
        }
    ]
    client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert not RoutineShare.objects.filter(pk=link.pk).exists()


def test_signing_up_from_a_shared_routine_lands_on_its_copy_after_the_first_login(
    client, owner, routine, mailoutbox
):
    link = share(client, owner, routine)
    copy_url = reverse("plans:shared-copy", args=[link.token])
    response = client.get(reverse("plans:shared-signup", args=[link.token]))
    assert (
        response["Location"] == f"{reverse('account_signup')}?next={copy_url.replace('/', '%2F')}"
    )
    password = "a-long-spring-block-2026"
    client.post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": password, "password2": password},
    )
    [message] = mailoutbox
    confirm = re.search(r"https://testserver(/accounts/confirm-email/\S+)", message.body)[1]
    client.post(confirm)
    response = client.post(
        reverse("account_login"), {"login": "new@example.com", "password": password}
    )
    assert response["Location"] == copy_url
    assert client.get(copy_url).status_code == 200


def test_the_remembered_page_is_used_once(client, owner, routine, user):
    link = share(client, owner, routine)
    client.get(reverse("plans:shared-signup", args=[link.token]))
    login = {"login": user.email, "password": PASSWORD}
    first = client.post(reverse("account_login"), login)
    assert first["Location"] == reverse("plans:shared-copy", args=[link.token])
    client.logout()
    again = client.post(reverse("account_login"), login)
    assert again["Location"] == reverse("plans:routine-list")
