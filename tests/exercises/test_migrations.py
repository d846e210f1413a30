"""exercises 0016: the goblet squat and the Romanian deadlift need any one weight, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("exercises", "0015_search_cues")]
AFTER = [("exercises", "0016_load_required")]


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
