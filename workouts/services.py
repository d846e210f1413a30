"""Writes to the log: start a workout, log a set (an upsert), finish, close the forgotten."""

import csv
import io
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from exercises.models import Exercise
from plans.loads import LOAD_FIELDS, LoadKind
from plans.models import Session as RoutineSession
from plans.services import dose_of
from workouts.models import LoggedSet, Workout, WorkoutExercise
from workouts.progression import Done, Plan, Suggestion, suggest


def close_left_open(*, owner=None, now=None) -> int:
    """Close workouts started more than a day ago and never finished (the runner's, or
    everyone's); their sets stay. Returns how many were closed."""
    workouts = Workout.objects.left_open(now=now)
    if owner is not None:
        workouts = workouts.owned_by(owner)
    return workouts.update(finished=timezone.now(), closed_automatically=True)


def last_logs(*, owner, exercise_ids) -> dict[int, WorkoutExercise]:
    """The most recent logged WorkoutExercise of each exercise, with its sets: two queries."""
    latest = (
        WorkoutExercise.objects.filter(workout__owner=owner, exercise=OuterRef("pk"))
        .filter(Exists(LoggedSet.objects.filter(workout_exercise=OuterRef("pk"))))
        .order_by("-workout__started", "-pk")
        .values("pk")[:1]
    )
    pks = (
        Exercise.objects.filter(pk__in=exercise_ids)
        .annotate(last=Subquery(latest))
        .exclude(last=None)
        .values_list("last", flat=True)
    )
    entries = WorkoutExercise.objects.filter(pk__in=list(pks)).prefetch_related("logged_sets")
    return {entry.exercise_id: entry for entry in entries}


def suggestion_for(entry: WorkoutExercise, *, unit: str, harder: list[str]) -> Suggestion | None:
    plan = Plan(
        sets=entry.sets,
        reps_min=entry.reps_min,
        reps_max=entry.reps_max,
        hold_seconds=entry.hold_seconds,
        per_side=entry.per_side,
    )
    done = [
        Done(
            reps=s.reps,
            hold_seconds=s.hold_seconds,
            load_kg=s.load_kg,
            reps_in_reserve=s.reps_in_reserve,
        )
        for s in entry.logged_sets.all()
    ]
    return suggest(plan=plan, done=done, unit=unit, harder=harder)


@transaction.atomic
def start_workout(*, owner, routine_session: RoutineSession) -> Workout:
    """A workout of the session's exercises, each planned as the routine says or, when
    this exercise was logged before, as the progression from that log suggests."""
    close_left_open(owner=owner)
    items = list(
        routine_session.items.select_related("exercise").prefetch_related(
            "exercise__harder_variations"
        )
    )
    workout = Workout.objects.create(
        owner=owner,
        routine_session=routine_session,
        name=f"{routine_session.routine.name}: {routine_session.name}"[:170],
    )
    previous = last_logs(owner=owner, exercise_ids=[item.exercise_id for item in items])
    entries = []
    for item in items:
        dose = dose_of(item)
        load = {name: getattr(item, name) for name in LOAD_FIELDS}
        harder = [e.name for e in sorted(item.exercise.harder_variations.all(), key=str)]
        last = previous.get(item.exercise_id)
        advice = last and suggestion_for(last, unit=owner.weight_unit, harder=harder)
        if advice:
            if last.is_hold == item.is_hold:  # the routine still plans it the same way
                dose.update(
                    reps_min=advice.reps_min,
                    reps_max=advice.reps_max,
                    hold_seconds=advice.hold_seconds,
                )
            if advice.load_kg is not None:
                load.update(load_kind=LoadKind.WEIGHT, load_kg=advice.load_kg)
        entries.append(
            WorkoutExercise(
                workout=workout,
                exercise=item.exercise,
                order=item.order,
                suggestion=advice.text if advice else "",
                **dose,
                **load,
            )
        )
    WorkoutExercise.objects.bulk_create(entries)
    return workout


def log_set(
    *,
    workout_exercise: WorkoutExercise,
    set_id: uuid.UUID,
    number: int,
    side: str,
    reps: int | None,
    hold_seconds: int | None,
    load_kg: Decimal | None,
    reps_in_reserve: int | None,
) -> tuple[LoggedSet, bool]:
    """Save a set, or correct it: an upsert on the page's `set_id`, so a double tap, a
    retry or a resend saves one set. (update_or_create locks the row, and when two
    requests race to create it the unique constraint stops the second, which then
    updates the row the first made.) Returns the set and whether it is new."""
    if not workout_exercise.workout.is_open:
        raise ValidationError("This workout is finished; its sets can no longer change.")
    values = {
        "number": number,
        "side": side,
        "reps": reps,
        "hold_seconds": hold_seconds,
        "load_kg": load_kg,
        "reps_in_reserve": reps_in_reserve,
    }
    try:
        return LoggedSet.objects.update_or_create(
            uuid=set_id, workout_exercise=workout_exercise, defaults=values
        )
    except IntegrityError as error:  # the id is taken by a set of another exercise
        raise ValidationError("That set belongs to another exercise.") from error


@transaction.atomic
def finish_workout(*, workout: Workout, feeling: int | None, note: str) -> Workout:
    workout.finished = workout.finished or timezone.now()
    workout.feeling, workout.note = feeling, note
    workout.save(update_fields=["finished", "feeling", "note"])
    return workout


# --- The account's data export ---------------------------------------------------------------

SET_COLUMNS = [
    "workout_started",
    "workout",
    "exercise",
    "set",
    "side",
    "reps",
    "hold_seconds",
    "load_kg",
    "reps_in_reserve",
    "logged",
]


def export_for(user) -> dict:
    """The user's log as plain data for accounts.services.export_user_data: the workouts
    with their exercises and sets, and every set again as CSV for a spreadsheet."""
    workouts = Workout.objects.owned_by(user).for_page().order_by("started", "pk")
    data, rows = [], []
    for workout in workouts:
        exercises = []
        for entry in workout.exercises.all():
            sets = [
                {
                    "set": s.number,
                    "side": s.side,
                    "reps": s.reps,
                    "hold_seconds": s.hold_seconds,
                    "load_kg": None if s.load_kg is None else str(s.load_kg),
                    "reps_in_reserve": s.reps_in_reserve,
                    "logged": s.logged.isoformat(),
                }
                for s in entry.logged_sets.all()
            ]
            exercises.append(
                {
                    "exercise": entry.exercise.name,
                    "planned": entry.dose,
                    "planned_load": entry.load_text(),
                    "suggestion": entry.suggestion,
                    "sets": sets,
                }
            )
            rows += [
                [workout.started.isoformat(), workout.name, entry.exercise.name]
                + [s[column] for column in SET_COLUMNS[3:]]
                for s in sets
            ]
        data.append(
            {
                "name": workout.name,
                "started": workout.started.isoformat(),
                "finished": workout.finished and workout.finished.isoformat(),
                "closed_automatically": workout.closed_automatically,
                "feeling": workout.feeling,
                "note": workout.note,
                "exercises": exercises,
            }
        )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SET_COLUMNS)
    writer.writerows(rows)
    return {"workouts": data, "sets_csv": out.getvalue()}
