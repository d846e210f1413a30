"""The runner's strength template gains a jump: pogo hops first in session A.

Low-volume jumps improve running economy alongside heavy lifting (Blagrove et al. 2018),
and none of the starter templates had one. The item is added to the shipped template
once, in first place, unless it already has pogo hops; reversing removes only that item.
"""

from django.db import migrations
from django.db.models import F

from plans.loads import parse_load

TEMPLATE = "runners-strength-template"
SESSION = "Session A"
EXERCISE = "pogo-hops"
NOTE = "Quick, quiet contacts; add two a set each week up to 15"


def _session(apps):
    session_model = apps.get_model("plans", "Session")
    return session_model.objects.filter(
        routine__slug=TEMPLATE, routine__is_template=True, name=SESSION
    ).first()


def add_jump(apps, schema_editor):
    session = _session(apps)
    exercise = apps.get_model("exercises", "Exercise").objects.filter(slug=EXERCISE).first()
    if session is None or exercise is None or session.items.filter(exercise=exercise).exists():
        return
    item_model = apps.get_model("plans", "RoutineItem")
    item_model.objects.filter(session=session).update(order=F("order") + 1)
    item_model.objects.create(
        session=session,
        exercise=exercise,
        order=0,
        sets=2,
        reps_min=10,
        reps_max=None,
        per_side=False,
        rest_seconds=60,
        notes=NOTE,
        **parse_load("Bodyweight", unit=None),
    )


def remove_jump(apps, schema_editor):
    session = _session(apps)
    if session is None:
        return
    item_model = apps.get_model("plans", "RoutineItem")
    removed, _ = item_model.objects.filter(
        session=session, exercise__slug=EXERCISE, order=0, notes=NOTE
    ).delete()
    if removed:
        item_model.objects.filter(session=session).update(order=F("order") - 1)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_calendar_days_and_share_links"),
        ("exercises", "0012_incline_push_up_without_bench"),
    ]

    operations = [migrations.RunPython(add_jump, remove_jump)]
