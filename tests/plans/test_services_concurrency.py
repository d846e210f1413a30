"""Writes to routines under parallel requests: limits hold, orders stay 0..n-1, no deadlock.

Real threads, each with its own PostgreSQL connection, committing for real (SQLite
serialises every write, so there is nothing to race there). The tests run outside any
test transaction, so that the threads see each other's rows, and delete the members
they made (with everything those own) when they end: the shipped library is never
touched, so no flush is needed.
"""

import pytest
from django.db import connection

from exercises.models import Exercise
from plans import services
from plans.forms import SessionForm
from plans.models import MAX_ITEMS_PER_SESSION, MAX_ROUTINES_PER_USER, MAX_SESSIONS_PER_ROUTINE
from tests.plans.factories import RoutineFactory, SessionFactory, routine_with
from tests.races import in_parallel

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="a race needs PostgreSQL")

EXTRA = 4  # requests past each limit


@pytest.fixture
def user(members):
    return members()


def test_parallel_adds_keep_to_the_session_limit_and_distinct_orders(user):
    routine = RoutineFactory(owner=user)

    errors = in_parallel(
        *[lambda: services.add_session(routine=routine)] * (MAX_SESSIONS_PER_ROUTINE + EXTRA)
    )

    orders = list(routine.sessions.values_list("order", flat=True))
    assert errors == []
    assert sorted(orders) == list(range(MAX_SESSIONS_PER_ROUTINE))


def test_parallel_adds_keep_to_the_item_limit(user):
    session = SessionFactory(routine=RoutineFactory(owner=user))
    exercise = Exercise.objects.first()

    errors = in_parallel(
        *[lambda: services.add_item(session=session, exercise=exercise)]
        * (MAX_ITEMS_PER_SESSION + EXTRA)
    )

    assert errors == []
    assert sorted(session.items.values_list("order", flat=True)) == list(
        range(MAX_ITEMS_PER_SESSION)
    )


def test_parallel_copies_keep_to_the_routine_limit(user, members):
    source = routine_with(members(), "goblet-squat")
    RoutineFactory.create_batch(MAX_ROUTINES_PER_USER - 2, owner=user)

    errors = in_parallel(*[lambda: services.copy_routine(source=source, owner=user)] * (2 + EXTRA))

    assert errors == []
    assert user.routines.count() == MAX_ROUTINES_PER_USER


def rename(session):
    """A session renamed through its form, as the editor saves it."""
    form = SessionForm({"name": f"{session.name} renamed", "weekday": ""}, instance=session)
    assert form.is_valid(), form.errors
    services.save_changes(form=form)


def test_parallel_moves_and_removals_neither_deadlock_nor_break_the_order(user):
    routine = routine_with(user, "goblet-squat", "push-up", "glute-bridge", sessions=2)
    items = [item for session in routine.sessions.all() for item in session.items.all()]
    sessions = list(routine.sessions.all())

    errors = in_parallel(
        *[
            lambda item=item, direction=direction: services.move(obj=item, direction=direction)
            for item in items
            for direction in (services.UP, services.DOWN)
        ],
        lambda: services.move(obj=sessions[1], direction=services.UP),
        lambda: services.remove(obj=items[0]),
        *[lambda session=session: rename(session) for session in sessions],
    )

    assert errors == []
    for session in routine.sessions.all():
        assert sorted(session.items.values_list("order", flat=True)) == list(
            range(session.items.count())
        )
    assert sorted(routine.sessions.values_list("order", flat=True)) == [0, 1]
