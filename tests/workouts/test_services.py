import csv
import io
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from exercises.models import Exercise
from plans.loads import LoadKind
from tests.plans.factories import routine_with
from tests.workouts.factories import LoggedSetFactory, WorkoutExerciseFactory, WorkoutFactory
from workouts import services
from workouts.models import LoggedSet, Workout
from workouts.tasks import close_left_open_workouts

pytestmark = pytest.mark.django_db


def start(user, *slugs):
    session = routine_with(user, *slugs).sessions.get()
    return services.start_workout(owner=user, routine_session=session)


def log(entry, number=1, side="", **values):
    values = {"reps": entry.top_reps, "hold_seconds": None, "load_kg": None, **values}
    return services.log_set(
        workout_exercise=entry,
        set_id=values.pop("set_id", uuid.uuid4()),
        number=number,
        side=side,
        reps_in_reserve=values.pop("reps_in_reserve", 2),
        **values,
    )


def test_a_workout_copies_the_plan_of_the_routine_session(user):
    workout = start(user, "goblet-squat", "side-plank")
    squat, plank = workout.exercises.all()
    assert workout.name.endswith(": Session A")
    assert (squat.exercise.slug, squat.sets, squat.load_kind, squat.load_kg) == (
        "goblet-squat",
        3,
        LoadKind.WEIGHT,
        Decimal("16.000"),
    )
    assert plank.is_hold
    assert plank.rest_seconds == 90
    assert not squat.suggestion, "nothing logged before: no suggestion"


def test_the_next_workout_plans_the_progression_and_says_why(user):
    first = start(user, "goblet-squat")
    squat = first.exercises.get()
    for number in (1, 2, 3):
        log(squat, number, reps=10, load_kg=Decimal("16"))
    services.finish_workout(workout=first, feeling=4, note="")

    second = start(user, "goblet-squat")
    squat = second.exercises.get()
    assert squat.load_kg == Decimal("18.500")
    assert squat.suggestion == (
        "Every set reached 10 reps with reps in reserve: try 18.5 kg for 8–10 reps."
    )


def test_the_same_set_id_twice_saves_one_set_and_the_second_corrects_it(user):
    entry = start(user, "goblet-squat").exercises.get()
    set_id = uuid.uuid4()
    first, created = log(entry, set_id=set_id, reps=10)
    again, created_again = log(entry, set_id=set_id, reps=9)
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert list(LoggedSet.objects.values_list("reps", flat=True)) == [9]


def test_a_set_id_of_another_exercise_is_refused(user):
    squat, plank = start(user, "goblet-squat", "plank").exercises.all()
    set_id = uuid.uuid4()
    log(squat, set_id=set_id)
    with pytest.raises(ValidationError):
        log(plank, set_id=set_id, reps=None, hold_seconds=30)
    assert LoggedSet.objects.get().workout_exercise == squat


def test_a_finished_workout_takes_no_more_sets(user):
    workout = start(user, "goblet-squat")
    services.finish_workout(workout=workout, feeling=None, note="Short on time")
    with pytest.raises(ValidationError, match="finished"):
        log(workout.exercises.get())


def test_a_workout_left_open_for_a_day_is_closed_with_its_sets(user, other_user):
    old = WorkoutFactory(owner=user, started=timezone.now() - timedelta(hours=25))
    LoggedSetFactory(workout_exercise__workout=old)
    fresh = WorkoutFactory(owner=user, started=timezone.now() - timedelta(hours=2))
    theirs = WorkoutFactory(owner=other_user, started=timezone.now() - timedelta(days=3))

    assert services.close_left_open(owner=user) == 1
    old.refresh_from_db()
    assert old.finished
    assert old.closed_automatically
    assert LoggedSet.objects.filter(workout_exercise__workout=old).count() == 1
    assert Workout.objects.get(pk=fresh.pk).is_open
    assert Workout.objects.get(pk=theirs.pk).is_open, "only the runner's own"

    assert close_left_open_workouts.call() == 1, "the task closes everyone's"
    assert not Workout.objects.get(pk=theirs.pk).is_open


def test_the_command_closes_workouts_left_open(user):
    WorkoutFactory(owner=user, started=timezone.now() - timedelta(days=2))
    out = io.StringIO()
    call_command("close_open_workouts", stdout=out)
    assert out.getvalue().strip() == "Closed 1 workout."
    assert not Workout.objects.still_open().exists()


def test_export_holds_the_log_and_a_csv_of_every_set(user, other_user):
    entry = WorkoutExerciseFactory(workout__owner=user, workout__name="Mine")
    LoggedSetFactory(workout_exercise=entry, number=1, reps=8, load_kg=Decimal("22.5"))
    LoggedSetFactory(workout_exercise__workout__owner=other_user)
    data = services.export_for(user)
    assert [w["name"] for w in data["workouts"]] == ["Mine"]
    assert data["workouts"][0]["exercises"][0]["sets"][0]["load_kg"] == "22.500"
    rows = list(csv.DictReader(io.StringIO(data["sets_csv"])))
    assert [(r["workout"], r["exercise"], r["reps"], r["load_kg"]) for r in rows] == [
        ("Mine", Exercise.objects.get(slug="goblet-squat").name, "8", "22.500")
    ]
