"""exercises 0016 and 0017: any-one-weight exercises, the new exercises and the review's data
fixes arrive, and go, cleanly."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("exercises", "0015_search_cues")]
AFTER = [("exercises", "0016_any_one_weight")]
AFTER_NEW = [("exercises", "0017_new_exercises")]


@pytest.mark.django_db
def test_migrate_leaves_every_exercise_the_migration_adds():
    from exercises.models import Exercise

    module = import_module("exercises.migrations.0017_new_exercises")
    shipped = Exercise.objects.filter(slug__in=module.NEW_EXERCISES)
    assert shipped.count() == len(module.NEW_EXERCISES) == 17


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def kit(apps, slug):
    exercise = apps.get_model("exercises", "Exercise").objects.get(slug=slug)
    return (
        set(exercise.equipment.values_list("slug", flat=True)),
        set(exercise.load_options.values_list("slug", flat=True)),
        exercise.cues.splitlines()[0],
    )


@pytest.fixture
def migrated_back(database_outside_transactions):
    """Outside a test transaction (migrations change the schema); migrated forward afterwards."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_reversing_gives_the_dumbbell_back_and_applying_moves_it_to_any_one_weight(migrated_back):
    equipment, options, first_cue = kit(migrated_back, "goblet-squat")
    assert equipment == {"dumbbell"}
    assert options == set()
    assert first_cue.startswith("Hold one dumbbell upright against your chest, hands cupped")

    apps = migrate(AFTER)
    equipment, options, first_cue = kit(apps, "goblet-squat")
    assert equipment == set()
    assert options == {"dumbbell", "kettlebell"}
    assert "or a kettlebell by its horns" in first_cue
    rdl = apps.get_model("exercises", "Exercise").objects.get(slug="romanian-deadlift")
    assert rdl.load_required
    assert set(rdl.load_options.values_list("slug", flat=True)) == {
        "dumbbell",
        "kettlebell",
        "barbell",
    }


def test_an_editors_own_equipment_is_left_alone(migrated_back):
    exercise_model = migrated_back.get_model("exercises", "Exercise")
    goblet = exercise_model.objects.get(slug="goblet-squat")
    goblet.equipment.add(
        migrated_back.get_model("exercises", "Equipment").objects.get(slug="bench")
    )
    apps = migrate(AFTER)
    equipment, options, _cue = kit(apps, "goblet-squat")
    assert equipment == {"dumbbell", "bench"}
    assert options == set()
    apps.get_model("exercises", "Exercise").objects.get(slug="goblet-squat").equipment.remove(
        apps.get_model("exercises", "Equipment").objects.get(slug="bench")
    )
    migrate(BEFORE)  # and the fixture applies 0016 again to the shipped row


def slugs(apps, model):
    return set(apps.get_model("exercises", model).objects.values_list("slug", flat=True))


def test_the_migration_adds_fixes_and_reverses(migrated_back):
    apps = migrated_back
    assert not slugs(apps, "Exercise") & {"spanish-squat", "bounding"}
    assert "knee-flexion" not in slugs(apps, "MovementPattern")
    exercise = apps.get_model("exercises", "Exercise")
    assert exercise.objects.get(slug="hamstring-curl").pattern.slug == "hinge"
    row = exercise.objects.get(slug="inverted-row")
    assert list(row.equipment.values_list("slug", flat=True)) == ["pull-up-bar"]
    squat = exercise.objects.get(slug="bodyweight-squat")
    assert squat.easier_variations.filter(slug="wall-sit").exists()
    # An editor's own pattern for the Nordic curl stays where they put it.
    nordic = exercise.objects.get(slug="nordic-hamstring-curl")
    nordic.pattern = apps.get_model("exercises", "MovementPattern").objects.get(slug="lunge")
    nordic.save()

    apps = migrate(AFTER_NEW)
    exercise = apps.get_model("exercises", "Exercise")
    added = exercise.objects.filter(slug__in=["spanish-squat", "bounding", "slider-hamstring-curl"])
    assert added.count() == 3
    figures = apps.get_model("exercises", "ExerciseFigure").objects.filter(exercise__in=added)
    assert figures.count() == 3
    assert added.filter(search_name__contains="spanish").exists(), "indexed for the search"
    assert exercise.objects.get(slug="hamstring-curl").pattern.slug == "knee-flexion"
    assert exercise.objects.get(slug="nordic-hamstring-curl").pattern.slug == "lunge"
    row = exercise.objects.get(slug="inverted-row")
    assert list(row.equipment.values_list("slug", flat=True)) == ["low-bar"]
    assert not exercise.objects.get(slug="bodyweight-squat").easier_variations.filter(
        slug="wall-sit"
    )
    assert exercise.objects.get(slug="weighted-march").focus_areas.filter(slug="hip").exists()

    apps = migrate(BEFORE)
    assert not slugs(apps, "Exercise") & {"spanish-squat", "bounding", "slider-hamstring-curl"}
    assert not slugs(apps, "Equipment") & {"trap-bar", "low-bar"}
    assert "knee-flexion" not in slugs(apps, "MovementPattern")
    assert "foot-intrinsics" not in slugs(apps, "Muscle")
    exercise = apps.get_model("exercises", "Exercise")
    assert exercise.objects.get(slug="hamstring-curl").pattern.slug == "hinge"
    row = exercise.objects.get(slug="inverted-row")
    assert list(row.equipment.values_list("slug", flat=True)) == ["pull-up-bar"]
    assert (
        exercise.objects.get(slug="bodyweight-squat")
        .easier_variations.filter(slug="wall-sit")
        .exists()
    )
    assert not exercise.objects.get(slug="weighted-march").focus_areas.filter(slug="hip")
    nordic = exercise.objects.get(slug="nordic-hamstring-curl")
    nordic.pattern = apps.get_model("exercises", "MovementPattern").objects.get(slug="hinge")
    nordic.save()
