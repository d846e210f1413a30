"""The library's admin: slugs fixed once a row exists, roles editable, videos reviewed."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.forms import inlineformset_factory
from django.urls import reverse
from django.utils.html import escape

from exercises.admin import ExerciseVideoFormSet
from exercises.models import (
    Equipment,
    Exercise,
    ExerciseVideo,
    FocusArea,
    MovementPattern,
    Muscle,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

VOCABULARY = [
    (MovementPattern, "hinge"),
    (FocusArea, "warmup"),
    (Muscle, "soleus"),
    (Equipment, "dumbbell"),
]


@pytest.mark.parametrize(("model", "slug"), VOCABULARY)
def test_a_vocabulary_slug_is_read_only_once_the_row_exists(admin_client, model, slug):
    row = model.objects.get(slug=slug)
    name = model._meta.model_name
    change = admin_client.get(reverse(f"admin:exercises_{name}_change", args=[row.pk]))
    assert change.status_code == 200
    assert 'name="slug"' not in change.text
    assert slug in change.text
    add = admin_client.get(reverse(f"admin:exercises_{name}_add"))
    assert 'name="slug"' in add.text


def test_posting_a_new_slug_for_an_existing_pattern_leaves_it_unchanged(admin_client):
    hinge = MovementPattern.objects.get(slug="hinge")
    response = admin_client.post(
        reverse("admin:exercises_movementpattern_change", args=[hinge.pk]),
        {
            "slug": "hip-hinge",
            "name": "Hinge",
            "order": hinge.order,
            "role": MovementPattern.Role.HINGE,
            "description": hinge.description,
        },
    )
    assert response.status_code == 302
    hinge.refresh_from_db()
    assert (hinge.slug, hinge.name) == ("hinge", "Hinge")


def test_an_editor_can_say_which_kit_adds_load(admin_client):
    band = Equipment.objects.get(slug="resistance-band")
    response = admin_client.post(
        reverse("admin:exercises_equipment_change", args=[band.pk]),
        {"name": band.name, "order": band.order, "adds_load": "on"},
    )
    assert response.status_code == 302
    band.refresh_from_db()
    assert band.adds_load


CHANGELIST = reverse("admin:exercises_exercisevideo_changelist")


def editor(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def run_action(client, action, videos):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [video.pk for video in videos]},
        follow=True,
    )


def bridge_videos():
    return ExerciseVideo.objects.filter(exercise__slug="glute-bridge").order_by("pk")


def test_the_review_queue_starts_with_the_videos_to_watch_first(client):
    client.force_login(editor("view_exercisevideo"))
    body = client.get(CHANGELIST).text.split("<tbody>")[1]
    rows = re.findall(r"<tr>.*?</tr>", body, flags=re.S)
    flagged = ExerciseVideo.objects.exclude(watch_first="")
    assert flagged.count() == 8
    for row in rows[:8]:
        assert any(escape(video.watch_first) in row for video in flagged), row
    assert not any(escape(video.watch_first) in row for row in rows[8:] for video in flagged)
    assert "Awaiting review" in rows[0]


def test_an_editor_with_change_permission_marks_videos_reviewed(client):
    client.force_login(editor("view_exercisevideo", "change_exercisevideo"))
    response = run_action(client, "mark_as_reviewed", bridge_videos())
    assert "3 video(s) marked as reviewed." in response.text
    assert all(video.is_reviewed for video in bridge_videos())


def test_an_editor_with_change_permission_swaps_in_an_alternative(client):
    client.force_login(editor("view_exercisevideo", "change_exercisevideo"))
    alternative = bridge_videos().filter(role="alternative").first()
    response = run_action(client, "swap_in_as_primary", [alternative])
    assert "Glute bridge now shows" in response.text
    assert bridge_videos().get(role="primary") == alternative
    html = client.get(alternative.exercise.get_absolute_url()).text
    assert alternative.video_id in html


def test_two_videos_of_one_exercise_cannot_both_become_primary(client):
    client.force_login(editor("view_exercisevideo", "change_exercisevideo"))
    before = bridge_videos().get(role="primary")
    response = run_action(client, "swap_in_as_primary", bridge_videos())
    assert "Pick at most one video per exercise" in response.text
    assert bridge_videos().get(role="primary") == before


@pytest.mark.parametrize("action", ["mark_as_reviewed", "swap_in_as_primary"])
@pytest.mark.parametrize(
    "permissions",
    [("view_exercisevideo",), ("view_exercisevideo", "delete_exercisevideo")],
    ids=["view-only", "view-and-delete"],
)
def test_the_actions_need_change_permission(client, action, permissions):
    client.force_login(editor(*permissions))
    assert f'value="{action}"' not in client.get(CHANGELIST).text
    before = list(bridge_videos().values_list("pk", "role", "review"))
    response = run_action(client, action, bridge_videos().filter(role="alternative")[:1])
    assert response.status_code == 200
    if "delete_exercisevideo" in permissions:  # other actions offered: this one is refused
        assert "No action selected." in response.text
    assert list(bridge_videos().values_list("pk", "role", "review")) == before


def test_an_editor_adds_their_own_video_and_a_hostile_link_is_refused(admin_client):
    bridge = bridge_videos().first().exercise
    add = reverse("admin:exercises_exercisevideo_add")
    data = {"exercise": bridge.pk, "role": "alternative", "order": 5}
    response = admin_client.post(add, data | {"url": "https://www.youtube.com.evil.example/x"})
    assert response.status_code == 200
    assert "Enter a YouTube or Vimeo video link" in response.text
    response = admin_client.post(add, data | {"url": "https://youtu.be/dQw4w9WgXcQ"})
    assert response.status_code == 302
    own = bridge_videos().get(video_id="dQw4w9WgXcQ")
    assert (own.role, own.review) == ("alternative", "pending"), "reviewed only by the action"


def test_a_second_primary_is_a_form_error_not_a_crash(admin_client):
    bridge = bridge_videos().first().exercise
    response = admin_client.post(
        reverse("admin:exercises_exercisevideo_add"),
        {
            "exercise": bridge.pk,
            "url": "https://youtu.be/dQw4w9WgXcQ",
            "role": "primary",
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert "This exercise already has a primary video." in response.text


def test_the_video_pages_load_for_staff(admin_client):
    video = bridge_videos().first()
    for url in [
        CHANGELIST,
        CHANGELIST + "?availability__exact=gone",
        CHANGELIST + f"?exercise__id__exact={video.exercise_id}",
        reverse("admin:exercises_exercisevideo_change", args=[video.pk]),
        reverse("admin:exercises_exercise_change", args=[video.exercise_id]),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_two_new_primaries_in_one_exercise_save_are_a_clear_error():
    formset_class = inlineformset_factory(
        Exercise, ExerciseVideo, formset=ExerciseVideoFormSet, fields=["url", "role", "order"]
    )
    carioca = Exercise.objects.get(slug="carioca")
    rows = {"videos-TOTAL_FORMS": "2", "videos-INITIAL_FORMS": "0"}
    for index, video_id in enumerate(["dQw4w9WgXcQ", "9bZkp7q19f0"]):
        rows |= {
            f"videos-{index}-url": f"https://youtu.be/{video_id}",
            f"videos-{index}-role": "primary",
            f"videos-{index}-order": str(index),
        }
    formset = formset_class(rows, instance=carioca, prefix="videos")
    assert not formset.is_valid()
    assert "Only one video can be the primary" in str(formset.non_form_errors())


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_renaming_a_muscle_in_the_admin_updates_the_search(staff_client):
    muscle = Muscle.objects.get(slug="adductors")
    response = staff_client.post(
        reverse("admin:exercises_muscle_change", args=[muscle.pk]),
        {"name": "Groin muscles", "slug": muscle.slug, "order": muscle.order},
    )
    assert response.status_code == 302
    found = Exercise.objects.filtered(query="groin").values_list("slug", flat=True)
    assert "copenhagen-plank" in found
