"""plans 0004: the free-text load becomes structured and no old value is lost, both ways."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0002_load_templates")]
AFTER = [("plans", "0004_structured_load")]
OLD_LOADS = [
    "16 kg",
    "35 lb",
    "Bodyweight",
    "red band",
    "2 × 16 kg",
    "Moderate dumbbell, 2-3 reps in reserve",
    "20",
    "",
]


@pytest.mark.django_db
def test_the_shipped_templates_have_structured_loads_and_keep_the_rest_as_notes():
    """What `migrate` leaves: 0002 loads the text, 0003 splits it."""
    from plans.models import RoutineItem

    items = RoutineItem.objects.filter(session__routine__is_template=True)
    # with the pogo hops of 0006 and 0007, and 0007's step-down
    assert items.filter(load_kind="bodyweight", load_note="").count() == 36
    assert items.filter(load_kind="", load_note="Bodyweight, slow lowering").count() == 3
    assert not items.filter(load_kind="weight").exists(), "no bare weights in the templates"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_items(database_outside_transactions):
    """Routine items written with the free-text load, before 0003. Outside a test
    transaction (migrations change the schema); afterwards the database is migrated
    forward again and the rows are deleted, whatever happened."""
    apps = migrate(BEFORE)
    user = apps.get_model("accounts", "User").objects.create(email="old@example.com")
    routine = apps.get_model("plans", "Routine").objects.create(owner=user, name="Old")
    session = apps.get_model("plans", "Session").objects.create(routine=routine, name="A")
    exercise = apps.get_model("exercises", "Exercise").objects.get(slug="goblet-squat")
    model = apps.get_model("plans", "RoutineItem")
    for order, load in enumerate(OLD_LOADS):
        model.objects.create(
            session=session, exercise=exercise, order=order, sets=3, reps_min=8, load=load
        )
    try:
        yield session.pk
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        get_user_model().objects.filter(email="old@example.com").delete()


def test_the_structured_load_keeps_every_old_value(old_items):
    apps = migrate(AFTER)
    items = apps.get_model("plans", "RoutineItem").objects.filter(session=old_items)
    rows = {
        item.order: (item.load_kind, item.load_kg and str(item.load_kg), item.band, item.load_note)
        for item in items
    }
    assert [rows[order] for order in range(len(OLD_LOADS))] == [
        ("weight", "16.000", "", ""),
        ("weight", "15.876", "", ""),
        ("bodyweight", None, "", ""),
        ("band", None, "red", ""),
        ("", None, "", "2 × 16 kg"),
        ("", None, "", "Moderate dumbbell, 2-3 reps in reserve"),
        ("", None, "", "20"),
        ("", None, "", ""),
    ]

    apps = migrate(BEFORE)
    back = apps.get_model("plans", "RoutineItem").objects.filter(session=old_items)
    assert [item.load for item in back.order_by("order")] == [
        "16 kg",
        "15.9 kg",  # the same weight, in the owner's unit
        "Bodyweight",
        "Red band",
        "2 × 16 kg",
        "Moderate dumbbell, 2-3 reps in reserve",
        "20",
        "",
    ]
