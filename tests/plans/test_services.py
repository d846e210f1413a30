"""Services that write routine trees: saving a built plan as a routine, saving an editor form."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given

from exercises.models import Focus
from plans import services
from plans.balance import check_balance
from plans.builder import build_plan
from plans.builder.notes import RACE_DAYS_NOTE
from plans.forms import SessionForm
from plans.models import Routine, Session
from plans.selectors import builder_library
from plans.services import save_plan
from tests.accounts.factories import UserFactory
from tests.plans.builder.runners import SLOW, answers, requests
from tests.plans.factories import routine_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    """Read from the database: a saved routine points at its rows."""
    return builder_library()


@SLOW
@given(requests())
def test_saving_makes_a_routine_equal_to_the_plans_first_week(library, runner):
    plan = build_plan(runner, library)
    owner = UserFactory()
    routine = save_plan(plan=plan, owner=owner)
    routine = Routine.objects.with_contents().get(pk=routine.pk)
    assert routine.owner == owner
    assert routine.name == plan.name
    assert routine.sessions_per_week == len(plan.sessions)
    assert len(routine.notes) <= 2000

    def dose(item):
        return (
            item.exercise.pk,
            item.sets,
            item.reps_min,
            item.reps_max,
            item.hold_seconds,
            item.per_side,
            item.rest_seconds,
        )

    saved = [
        (session.name, [dose(item) for item in session.items.all()])
        for session in routine.sessions.all()
    ]
    planned = [
        (session.name, [dose(item) for item in (*session.warmup, *session.items)])
        for session in plan.sessions
    ]
    assert saved == planned
    # The load target and the warm-up sets go with each item, and the routine's time
    # estimate is the plan's (one model, plans.timing).
    for session, planned_session in zip(routine.sessions.all(), plan.sessions, strict=True):
        items = (*planned_session.warmup, *planned_session.items)
        for item, planned_item in zip(session.items.all(), items, strict=True):
            assert item.load_note == planned_item.load_target
            if planned_item.warmup_sets:
                assert item.notes.startswith(planned_item.warmup_sets_text)
        assert session.estimated_seconds == planned_session.estimated_seconds
    if any(session.note == RACE_DAYS_NOTE for session in plan.sessions):
        return  # race week already: no leg work by design
    # The app's own balance check agrees: no key pattern missing, and no calf or shin
    # gap unless the minutes had no room for that work (the notes then say so).
    balance = check_balance(routine)
    assert [row.key for row in balance.patterns if row.is_gap] == []
    if not any("no room for the calf and shin work" in note for note in plan.notes):
        gaps = {row.key for row in balance.muscles if row.is_gap}
        assert not gaps & {"calves", "shin"}


def test_saved_plan_focus_is_the_routines_focus(library, user):
    routine = save_plan(plan=build_plan(answers(focus=Focus.HIP_GLUTE), library), owner=user)
    assert routine.focus == Routine.Focus.HIP_GLUTE
    assert routine.notes.startswith("Phase: Base.")
    assert "Week 4: lighter week" in routine.notes


def test_a_saved_plans_routine_page_shows_the_load_targets_and_minutes(library, user, client):
    plan = build_plan(answers(minutes=40), library)
    routine = save_plan(plan=plan, owner=user)
    client.force_login(user)
    page = client.get(routine.get_absolute_url()).content.decode()
    assert "Heavy enough for 3 reps in reserve" in page
    assert "2 warm-up sets first." in page
    for session in plan.sessions:
        assert f"about {session.estimated_minutes} min" in page


def test_saving_a_session_form_keeps_the_order_a_move_made_meanwhile(user):
    routine = routine_with(user, "goblet-squat", sessions=2)
    first, second = routine.sessions.order_by("order")
    form = SessionForm({"name": "Legs", "weekday": ""}, instance=first)  # read before the move
    assert form.is_valid()
    services.move(obj=second, direction=services.UP)

    services.save_changes(form=form)

    assert list(routine.sessions.order_by("order").values_list("name", "order")) == [
        (second.name, 0),
        ("Legs", 1),
    ]


def test_saving_the_form_of_a_session_removed_meanwhile_says_so_and_brings_nothing_back(user):
    routine = routine_with(user, "goblet-squat", sessions=2)
    session = routine.sessions.order_by("order").first()
    form = SessionForm({"name": "Legs", "weekday": ""}, instance=session)
    assert form.is_valid()
    services.remove(obj=Session.objects.get(pk=session.pk))

    with pytest.raises(ValidationError, match="removed in the meantime"):
        services.save_changes(form=form)
    assert list(routine.sessions.values_list("order", flat=True)) == [0]
