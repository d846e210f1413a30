"""Logging under a real race: the same set ticked from two requests at the same moment
(a double tap on a slow connection, or a resend overtaking the original) saves one set.

Threads with their own PostgreSQL connections commit for real, outside any test
transaction (SQLite serialises every write, so there is nothing to race there).
"""

import uuid

import pytest
from django.db import connection

from tests.plans.factories import routine_with
from tests.races import in_parallel
from workouts import services
from workouts.models import LoggedSet

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a race needs PostgreSQL")


@pytest.fixture
def entry(members):
    runner = members()
    session = routine_with(runner, "goblet-squat").sessions.get()
    workout = services.start_workout(owner=runner, routine_session=session)
    return workout.exercises.get()


def tick(entry, set_id, reps, answers):
    """A request ticking the set; what it answered (set, created) goes into `answers`:
    a refusal there would show the runner an error for a tap that saved."""

    def call():
        answers.append(
            services.log_set(
                workout_exercise=entry,
                set_id=set_id,
                number=1,
                side="",
                reps=reps,
                hold_seconds=None,
                load_kg=None,
                reps_in_reserve=2,
            )
        )

    return call


def test_the_same_set_ticked_at_once_from_two_requests_is_saved_once(entry):
    set_id, answers = uuid.uuid4(), []

    errors = in_parallel(*[tick(entry, set_id, entry.top_reps, answers)] * 2)

    assert errors == []
    assert len(answers) == 2, "both requests answer that the set is saved"
    assert sorted(created for _, created in answers) == [False, True]
    assert LoggedSet.objects.filter(workout_exercise=entry).count() == 1


def test_eight_resends_racing_each_other_leave_one_set(entry):
    set_id, answers = uuid.uuid4(), []

    errors = in_parallel(*[tick(entry, set_id, reps, answers) for reps in range(1, 9)])

    assert errors == []
    assert len(answers) == 8
    assert [created for _, created in answers].count(True) == 1
    saved = LoggedSet.objects.get(workout_exercise=entry)
    assert saved.uuid == set_id
    assert 1 <= saved.reps <= 8
