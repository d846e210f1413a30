import csv
from importlib import import_module

import pytest
from django.apps import apps

from exercises.content import VIDEOS_FILE, load_videos, unload_videos
from exercises.models import Exercise, ExerciseVideo
from tests.exercises.factories import ExerciseVideoFactory

pytestmark = pytest.mark.django_db

# The exercises added after the videos were collected have none yet.
ADDED_LATER = set(import_module("exercises.migrations.0017_new_exercises").NEW_EXERCISES)
WITHOUT_VIDEOS = {"bear-crawl-hold", "weighted-march", "carioca", *ADDED_LATER}


def test_the_shipped_videos_give_each_listed_exercise_one_primary_with_its_provenance():
    assert ExerciseVideo.objects.count() == 156
    primaries = ExerciseVideo.objects.filter(role="primary")
    assert primaries.count() == 66
    assert set(primaries.values_list("exercise__slug", flat=True)) == set(
        Exercise.objects.exclude(slug__in=WITHOUT_VIDEOS).values_list("slug", flat=True)
    )
    assert not ExerciseVideo.objects.filter(exercise__slug__in=WITHOUT_VIDEOS).exists()
    squat = primaries.get(exercise__slug="bodyweight-squat")
    assert squat.url == "https://www.youtube.com/watch?v=AkQbbDGMzJk"
    assert squat.video_id == "AkQbbDGMzJk"
    assert squat.seen_on.startswith("github:mazurio/bodyweight-fitness-android@19806813ff36 ")
    assert squat.source.startswith("r/bodyweightfitness Recommended Routine")
    assert squat.credit == "via r/bodyweightfitness"
    assert '"Bodyweight Squat"' in squat.note
    assert squat.review == "pending"
    assert squat.availability == "unknown"
    assert primaries.exclude(watch_first="").count() == 8
    assert not ExerciseVideo.objects.filter(seen_on="").exists()


def test_every_shipped_row_is_loaded_as_the_file_says():
    with VIDEOS_FILE.open(newline="") as file:
        rows = list(csv.DictReader(file))
    loaded = {
        (slug, role, source)
        for slug, role, source in ExerciseVideo.objects.values_list(
            "exercise__slug", "role", "source"
        )
    }
    assert loaded == {(row["exercise"], row["role"], row["source"]) for row in rows}


def test_loading_again_creates_nothing_and_keeps_an_editors_choice():
    bridge = Exercise.objects.get(slug="glute-bridge")
    shipped = ExerciseVideo.objects.get(exercise=bridge, role="primary")
    shipped.delete()
    own = ExerciseVideoFactory(exercise=bridge, url="https://youtu.be/dQw4w9WgXcQ")
    assert load_videos(apps) == 1
    assert load_videos(apps) == 0
    assert ExerciseVideo.objects.get(exercise=bridge, role="primary") == own
    assert ExerciseVideo.objects.get(exercise=bridge, video_id=shipped.video_id).role == (
        "alternative"
    )


def test_unloading_removes_the_shipped_videos_and_keeps_the_editors_own():
    own = ExerciseVideoFactory(exercise=Exercise.objects.get(slug="carioca"))
    unload_videos(apps)
    assert list(ExerciseVideo.objects.all()) == [own]
