import json
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse

from offline import views
from tests.plans.factories import routine_with
from workouts.services import start_workout

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_manifest_names_the_app_and_icons_browsers_ask_for(client):
    response = client.get(reverse("offline:manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Runner Strength"
    assert data["short_name"]
    assert data["display"] == "standalone"
    assert data["start_url"] == reverse("core:home")
    assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"])
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in data["icons"]:
        name = icon["src"].removeprefix("/static/")
        assert staticfiles_storage.exists(name), icon["src"]


def test_every_page_links_the_manifest_and_the_offline_script(client):
    html = client.get(reverse("core:home")).text
    assert f'<link rel="manifest" href="{reverse("offline:manifest")}">' in html
    assert f'data-worker="{reverse("offline:service-worker")}"' in html


def test_service_worker_is_javascript_for_the_whole_site_and_never_cached(client):
    response = client.get(reverse("offline:service-worker"))
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-store" in directives(response) or "no-cache" in directives(response)
    body = response.text
    assert "<script" not in body
    assert "importScripts(" in body
    assert "/static/js/sw/worker" in body
    config = json.loads(re.search(r"self\.SW_CONFIG = (\{.*\});", body).group(1))
    assert config["offlinePage"] == reverse("offline:offline-page")
    assert config["offlinePage"] in config["shell"]
    assert reverse("offline:pages") in config["skip"]
    assert "/accounts/" in config["skip"]


def test_a_new_deployment_is_a_new_worker_version(client, monkeypatch):
    before = views.deployment_version()
    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "0123abcd4567", raising=False)
    assert views.deployment_version() == "0123abcd4567" != before
    assert '"version": "0123abcd4567"' in client.get(reverse("offline:service-worker")).text


def test_offline_page_is_public_and_links_what_works_offline(client):
    response = client.get(reverse("offline:offline-page"))
    assert response.status_code == 200
    assert "public" in directives(response)
    assert "You are offline" in response.text
    assert reverse("plans:routine-list") in response.text


def test_anonymous_visitor_gets_no_pages_to_keep(client):
    response = client.get(reverse("offline:pages"))
    assert response.json() == {"owner": "", "urls": []}
    assert directives(response) >= {"private", "no-store"}


def test_runner_gets_own_routines_exercises_and_open_workouts(client, user, other_user):
    routine = routine_with(user, "goblet-squat", "side-plank")
    other = routine_with(other_user, "nordic-hamstring-curl")
    workout = start_workout(owner=user, routine_session=routine.sessions.get())
    client.force_login(user)
    response = client.get(reverse("offline:pages"))
    data = response.json()
    assert directives(response) >= {"private", "no-store"}
    assert len(data["owner"]) == 32
    assert data["urls"] == [
        reverse("plans:routine-list"),
        reverse("workouts:workout-list"),
        routine.get_absolute_url(),
        *sorted(
            reverse("exercises:detail", args=[slug]) for slug in ("goblet-squat", "side-plank")
        ),
        workout.get_absolute_url(),
    ]
    assert other.get_absolute_url() not in data["urls"]
    assert reverse("exercises:detail", args=["nordic-hamstring-curl"]) not in data["urls"]


def test_pages_to_keep_cost_a_fixed_number_of_queries(client, user, django_assert_max_num_queries):
    for _ in range(3):
        routine_with(user, "goblet-squat", "side-plank", sessions=2)
    client.force_login(user)
    client.get(reverse("offline:pages"))  # the session and user are cached after this
    with django_assert_max_num_queries(5):
        client.get(reverse("offline:pages"))


def test_another_runner_has_another_owner_key(client, user, other_user):
    client.force_login(user)
    mine = client.get(reverse("offline:pages")).json()["owner"]
    client.force_login(other_user)
    theirs = client.get(reverse("offline:pages")).json()["owner"]
    assert mine
    assert theirs
    assert mine != theirs
