"""The starter templates after the coach's review (issue 19): each passes the balance check
for its focus, the general ones include jumps, the knee routine has a step-down, and the core template's notes state the
minutes the time model gives its session (plans.timing: about 24, not fifteen).

Each item is added to a shipped template once, unless that session already has the
exercise (an editor's choice stays); reversing removes only the items added here.
"""

from dataclasses import dataclass

from django.db import migrations
from django.db.models import F, Max

from plans.loads import parse_load


@dataclass(frozen=True)
class Addition:
    template: str
    session: str
    exercise: str
    first: bool  # first in the session, else last
    sets: int
    reps_min: int | None
    reps_max: int | None = None
    hold_seconds: int | None = None
    per_side: bool = False
    rest_seconds: int = 45
    load: str = "Bodyweight"
    notes: str = ""


ADDITIONS = [
    Addition(
        "bodyweight-at-home",
        "Session A",
        "pogo-hops",
        first=True,
        sets=2,
        reps_min=10,
        rest_seconds=60,
        notes="Quick, quiet contacts; add two a set each week up to 15",
    ),
    Addition(
        "bodyweight-at-home",
        "Session B",
        "tibialis-raise",
        first=False,
        sets=2,
        reps_min=15,
        rest_seconds=30,
        load="Bodyweight, back against a wall",
    ),
    # Quad-dominant knee work, slow and within comfort: what rehabilitation loads an
    # irritable knee with (the routine had only a squat and a wall sit for the quads).
    Addition(
        "runners-knee-routine",
        "Knee session",
        "step-down",
        first=False,
        sets=3,
        reps_min=8,
        per_side=True,
        rest_seconds=45,
        notes="Lower for three seconds, to a depth that stays comfortable",
    ),
]


# The shipped wording, and what it says now (only where an editor has not changed it).
NOTES = (
    "core-for-runners",
    "Fifteen minutes, two or three times a week, after a run or on its own.",
    "About 25 minutes, two or three times a week, after a run or on its own.",
)


def _reword(apps, *, reverse=False):
    slug, old, new = NOTES
    if reverse:
        old, new = new, old
    routine_model = apps.get_model("plans", "Routine")
    for routine in routine_model.objects.filter(slug=slug, is_template=True):
        if old in routine.notes:
            routine.notes = routine.notes.replace(old, new)
            routine.save(update_fields=["notes"])


def _targets(apps):
    session_model = apps.get_model("plans", "Session")
    exercises = apps.get_model("exercises", "Exercise").objects.in_bulk(field_name="slug")
    for addition in ADDITIONS:
        session = session_model.objects.filter(
            routine__slug=addition.template, routine__is_template=True, name=addition.session
        ).first()
        exercise = exercises.get(addition.exercise)
        if session is not None and exercise is not None:
            yield addition, session, exercise


def add_items(apps, schema_editor):
    _reword(apps)
    item_model = apps.get_model("plans", "RoutineItem")
    for addition, session, exercise in _targets(apps):
        items = item_model.objects.filter(session=session)
        if items.filter(exercise=exercise).exists():
            continue
        if addition.first:
            items.update(order=F("order") + 1)
            order = 0
        else:
            highest = items.aggregate(highest=Max("order"))["highest"]
            order = 0 if highest is None else highest + 1
        item_model.objects.create(
            session=session,
            exercise=exercise,
            order=order,
            sets=addition.sets,
            reps_min=addition.reps_min,
            reps_max=addition.reps_max,
            hold_seconds=addition.hold_seconds,
            per_side=addition.per_side,
            rest_seconds=addition.rest_seconds,
            notes=addition.notes,
            **parse_load(addition.load, unit=None),
        )


def remove_items(apps, schema_editor):
    _reword(apps, reverse=True)
    item_model = apps.get_model("plans", "RoutineItem")
    for addition, session, exercise in _targets(apps):
        item = item_model.objects.filter(
            session=session, exercise=exercise, sets=addition.sets, notes=addition.notes
        ).first()
        if item is None:
            continue
        item.delete()
        item_model.objects.filter(session=session, order__gt=item.order).update(
            order=F("order") - 1
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_template_jumps"),
        ("exercises", "0017_new_exercises"),
    ]

    operations = [migrations.RunPython(add_items, remove_items)]
