"""The builder's library, read from the database in a fixed number of queries."""

from dataclasses import replace

import pytest

from exercises.models import Equipment, FocusArea, MovementPattern
from plans.builder import PLAN_FOCUSES, build_plan
from plans.selectors import builder_library
from tests.exercises.factories import ExerciseFactory
from tests.plans.builder.runners import answers, shipped_library

pytestmark = pytest.mark.django_db


def test_the_library_is_read_in_six_queries_whatever_its_size(django_assert_num_queries):
    with django_assert_num_queries(6):
        small = builder_library()
    ExerciseFactory.create_batch(20)
    with django_assert_num_queries(6):
        large = builder_library()
    assert len(large.exercises) == len(small.exercises) + 20


def test_the_library_read_from_the_database_is_the_shipped_content():
    """What the builder's database-free tests build plans from is what the site reads."""

    def without_pks(library):
        return replace(library, exercises=tuple(replace(e, pk=0) for e in library.exercises))

    assert without_pks(builder_library()) == without_pks(shipped_library())


def test_the_library_follows_an_editors_change_to_what_kit_adds_load():
    Equipment.objects.filter(slug="kettlebell").update(adds_load=False)
    library = builder_library()
    assert "kettlebell" not in library.load_equipment
    swing = next(e for e in library.exercises if e.slug == "kettlebell-swing")
    assert not swing.loaded


def sessions_of(plan):
    return [
        [(item.exercise.slug, item.dose, item.rest_seconds) for item in (*s.warmup, *s.items)]
        for week in plan.weeks
        for s in week.sessions
    ]


@pytest.mark.parametrize("focus", PLAN_FOCUSES)
def test_renaming_patterns_and_focus_areas_leaves_the_plan_as_it_was(focus):
    runner = answers(focus=focus, minutes=45, phase="build")
    before = build_plan(runner, builder_library())
    for model in (MovementPattern, FocusArea):
        for row in model.objects.all():
            row.slug = f"renamed-{row.slug}"
            row.save()
    after = build_plan(runner, builder_library())
    assert sessions_of(after) == sessions_of(before)
    assert after.notes == before.notes
