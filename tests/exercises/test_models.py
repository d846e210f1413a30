import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from exercises.content import load_figures, load_library, load_roles, read_exercises
from exercises.models import (
    Equipment,
    Exercise,
    ExerciseFigure,
    ExerciseVideo,
    MovementPattern,
    library_vocabulary,
)
from tests.exercises.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

# The source article's exercises and where it places them: (slug, pattern, focus areas).
ARTICLE = [
    ("bodyweight-squat", "squat", {"knee", "leg", "glute"}),
    ("goblet-squat", "squat", {"knee", "leg", "glute"}),
    ("back-squat", "squat", {"leg", "glute"}),
    ("split-squat", "squat", {"leg"}),
    ("bulgarian-split-squat", "squat", {"leg"}),
    ("single-leg-squat", "squat", {"leg"}),
    ("wall-sit", "squat", {"leg"}),
    ("deadlift", "hinge", {"leg", "glute"}),
    ("romanian-deadlift", "hinge", {"leg", "glute"}),
    ("single-leg-deadlift", "hinge", {"knee", "leg", "glute"}),
    ("hip-thrust", "hinge", {"leg", "glute"}),
    ("single-leg-hip-thrust", "hinge", {"leg", "glute"}),
    ("glute-bridge", "hinge", {"knee", "leg", "hip", "glute"}),
    ("single-leg-glute-bridge", "hinge", {"knee", "leg", "glute"}),
    ("hamstring-curl", "knee-flexion", {"leg"}),
    ("forward-lunge", "lunge", {"leg", "glute"}),
    ("reverse-lunge", "lunge", {"leg", "glute"}),
    ("lateral-lunge", "lunge", {"leg", "glute", "hip"}),
    ("step-up", "lunge", {"leg"}),
    ("push-up", "push", set()),
    ("pull-up", "pull", set()),
    ("plank", "core-isometric", {"core"}),
    ("side-plank", "core-isometric", {"core"}),
    ("bear-crawl-hold", "core-isometric", {"core"}),
    ("l-sit", "core-isometric", {"core"}),
    ("hollow-body-hold", "core-isometric", {"core"}),
    ("dead-bug", "core-dynamic", {"core"}),
    ("farmers-carry", "core-dynamic", {"core"}),
    ("weighted-march", "core-dynamic", {"core"}),
    ("mountain-climber", "core-dynamic", {"core"}),
    ("woodchop", "core-dynamic", {"core"}),
    ("windmill", "core-dynamic", {"core"}),
    ("calf-raise", "calf-ankle", {"leg"}),
    ("bent-knee-calf-raise", "calf-ankle", {"leg"}),
    ("tibialis-raise", "calf-ankle", set()),
    ("clamshell", "hip-isolation", {"knee", "hip"}),
    ("side-lying-leg-lift", "hip-isolation", {"knee", "hip"}),
    ("banded-walk", "hip-isolation", {"glute", "hip"}),
    ("glute-kickback", "hip-isolation", {"glute"}),
]


@pytest.mark.parametrize(("slug", "pattern", "focus"), ARTICLE)
def test_every_article_exercise_is_shipped_in_its_sections(slug, pattern, focus):
    exercise = Exercise.objects.get(slug=slug)
    assert exercise.pattern.slug == pattern
    assert focus <= {f.slug for f in exercise.focus_areas.all()}
    assert exercise.cue_list
    assert exercise.mistake_list
    assert exercise.why


def test_library_has_enough_exercises_warmups_and_upper_body():
    assert Exercise.objects.count() >= 60
    warmups = Exercise.objects.filter(kind=Exercise.Kind.WARMUP)
    assert warmups.count() >= 8
    assert not warmups.filter(equipment__isnull=False).exists(), "warm-up drills use no weights"
    assert all(w.focus_areas.filter(slug="warmup").exists() for w in warmups)
    assert Exercise.objects.filter(pattern__slug="push").count() >= 3
    assert Exercise.objects.filter(pattern__slug="pull").count() >= 3
    for slug in ["leg-swing-front-back", "leg-swing-side-side", "hip-circles", "walking-lunge"]:
        assert warmups.filter(slug=slug).exists()


def test_calf_raises_separate_gastrocnemius_and_soleus():
    straight = Exercise.objects.for_detail().get(slug="calf-raise")
    bent = Exercise.objects.for_detail().get(slug="bent-knee-calf-raise")
    assert "gastrocnemius" in [m.slug for m in straight.primary_muscles]
    assert "soleus" in [m.slug for m in bent.primary_muscles]
    assert "tibialis-anterior" in [
        m.slug for m in Exercise.objects.for_detail().get(slug="tibialis-raise").primary_muscles
    ]


def test_variations_link_both_ways():
    bridge = Exercise.objects.get(slug="glute-bridge")
    single = Exercise.objects.get(slug="single-leg-glute-bridge")
    assert single in bridge.variations()[1]
    assert bridge in single.variations()[0]


def test_every_shipped_exercise_has_a_sound_dose():
    for exercise in Exercise.objects.all():
        exercise.full_clean()
        assert 1 <= exercise.sets <= 5, exercise.slug


def test_loading_again_changes_nothing_and_keeps_editors_changes():
    edited = Exercise.objects.get(slug="plank")
    edited.summary = "Edited by a coach in the admin."
    edited.save()
    Exercise.objects.get(slug="carioca").delete()
    before = Exercise.objects.count()

    created = load_library(apps)

    assert created == 1, "only the missing exercise is created again"
    assert Exercise.objects.count() == before + 1
    assert Exercise.objects.get(slug="plank").summary == "Edited by a coach in the admin."
    assert load_library(apps) == 0
    assert Exercise.objects.count() == len(read_exercises())


def test_dose_reads_like_a_coach_writes_it():
    assert Exercise.objects.get(slug="single-leg-deadlift").dose == "3 × 8–10 per side"
    plank = Exercise.objects.get(slug="plank")
    assert plank.dose == f"{plank.sets} × {plank.hold_seconds} s"


def test_a_dose_is_reps_or_a_hold_not_both():
    exercise = ExerciseFactory.build(hold_seconds=30)
    with pytest.raises(ValidationError, match="either repetitions or a hold"):
        exercise.clean()


def test_saving_a_video_parses_the_link():
    video = ExerciseVideo(
        exercise=ExerciseFactory(), url="https://youtu.be/dQw4w9WgXcQ?t=1m", title="Demo"
    )
    video.full_clean()
    assert (video.provider, video.video_id, video.start_seconds) == ("youtube", "dQw4w9WgXcQ", 60)


def test_a_hostile_video_link_is_a_field_error():
    video = ExerciseVideo(exercise=ExerciseFactory(), url="https://www.youtube.com.evil.example/x")
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "url" in error.value.message_dict


def test_vocabulary_comes_in_the_shipped_order():
    vocabulary = library_vocabulary()
    assert [slug for slug, _ in vocabulary["pattern"]][:4] == [
        "squat",
        "hinge",
        "knee-flexion",
        "lunge",
    ]
    assert [slug for slug, _ in vocabulary["focus"]] == [
        "knee",
        "leg",
        "hip",
        "glute",
        "core",
        "warmup",
    ]
    assert len(vocabulary["muscle"]) == 19


def test_loading_the_roles_sets_them_on_shipped_rows_and_leaves_added_rows_alone():
    MovementPattern.objects.update(role="")
    Equipment.objects.update(adds_load=False)
    Exercise.objects.update(warmup_priority=None, calf_role="")
    added = MovementPattern.objects.create(slug="carry", name="Carry")

    load_roles(apps)

    assert MovementPattern.objects.get(slug="core-isometric").role == "core-hold"
    assert set(Equipment.objects.filter(adds_load=True).values_list("slug", flat=True)) == {
        "dumbbell",
        "kettlebell",
        "barbell",
        "trap-bar",
        "cable-machine",
    }
    assert Exercise.objects.get(slug="worlds-greatest-stretch").warmup_priority == 1
    assert Exercise.objects.get(slug="tibialis-raise").calf_role == Exercise.CalfRole.SHIN
    added.refresh_from_db()
    assert added.role == ""


def test_a_figure_whose_pose_cannot_be_drawn_is_refused_with_a_reason():
    figure = ExerciseFigure(exercise=Exercise.objects.get(slug="plank"), pose={"frame": []})
    with pytest.raises(ValidationError, match="cannot be drawn"):
        figure.full_clean()


def test_loading_the_figures_again_creates_none_and_keeps_edits():
    figure = Exercise.objects.get(slug="plank").figure
    figure.pose["frame"][0]["alt"] = "Plank, edited: by an editor"
    figure.save()
    assert load_figures(apps) == 0
    figure.refresh_from_db()
    assert figure.pose["frame"][0]["alt"] == "Plank, edited: by an editor"


# Issue 19's additions: (slug, pattern, level).
ADDED = [
    ("step-down", "squat", "beginner"),
    ("spanish-squat", "squat", "beginner"),
    ("split-squat-isometric", "squat", "beginner"),
    ("trap-bar-deadlift", "hinge", "intermediate"),
    ("cable-pull-through", "hinge", "beginner"),
    ("bodyweight-hip-thrust", "hinge", "beginner"),
    ("dumbbell-hip-thrust", "hinge", "beginner"),
    ("long-lever-bridge-hold", "hinge", "beginner"),
    ("slider-hamstring-curl", "knee-flexion", "intermediate"),
    ("seated-soleus-raise", "calf-ankle", "beginner"),
    ("short-foot", "calf-ankle", "beginner"),
    ("single-leg-pogo-hops", "plyometric", "intermediate"),
    ("single-leg-hop-and-stick", "plyometric", "intermediate"),
    ("bounding", "plyometric", "advanced"),
    ("drop-jump", "plyometric", "advanced"),
    ("wall-push-up", "push", "beginner"),
    ("banded-knee-drive", "hip-isolation", "beginner"),
]


@pytest.mark.parametrize(("slug", "pattern", "level"), ADDED)
def test_each_added_exercise_is_filed_dosed_and_written_in_full(slug, pattern, level):
    exercise = Exercise.objects.get(slug=slug)
    assert (exercise.pattern.slug, exercise.level) == (pattern, level)
    assert 4 <= len(exercise.cue_list) <= 6
    assert 2 <= len(exercise.mistake_list) <= 4
    assert exercise.why
    assert len(exercise.summary) <= 120
    assert exercise.muscles.exists()
    easier, harder = exercise.variations()
    assert easier or harder or slug in {"short-foot", "banded-knee-drive"}


def test_every_variation_link_in_the_content_is_loaded_both_ways():
    for entry in read_exercises():
        easier, harder = Exercise.objects.get(slug=entry["slug"]).variations()
        assert set(entry["easier"]) <= {e.slug for e in easier}, entry["slug"]
        assert set(entry["harder"]) <= {e.slug for e in harder}, entry["slug"]


def test_the_review_fixes_are_in_the_library():
    assert MovementPattern.objects.get(slug="knee-flexion").role == "knee-flexion"
    assert set(
        Exercise.objects.filter(pattern__role="knee-flexion").values_list("slug", flat=True)
    ) == {"hamstring-curl", "nordic-hamstring-curl", "slider-hamstring-curl"}
    row = Exercise.objects.get(slug="inverted-row")
    assert list(row.equipment.values_list("slug", flat=True)) == ["low-bar"]
    assert Exercise.objects.get(slug="weighted-march").focus_areas.filter(slug="hip").exists()
    wall_sit = Exercise.objects.get(slug="wall-sit")
    _easier, harder = wall_sit.variations()
    assert "bodyweight-squat" not in {e.slug for e in harder}
    assert {e.slug for e in harder} == {"split-squat-isometric", "spanish-squat"}
    box_easier, _ = Exercise.objects.get(slug="single-leg-box-squat").variations()
    assert not {e.slug for e in box_easier} & {"split-squat", "bulgarian-split-squat"}
    assert not Equipment.objects.filter(exercises__isnull=True, optional_load_for__isnull=True)
