"""Two library fixes from the coach's review (issue 19), on rows an editor has not changed.

- The Copenhagen plank is adductor work, filed under hip stability rather than core holds
  (as a core hold it was often a plan's only one).
- The Nordic curl starts at 2 × 3-5, as its own text advises, not 3 × 4-6.

Reversing puts both back.
"""

from django.db import migrations

from exercises.services import reindex

COPENHAGEN, NORDIC = "copenhagen-plank", "nordic-hamstring-curl"


def _apply(apps, *, pattern: tuple[str, str], dose: tuple[tuple, tuple]):
    exercise_model = apps.get_model("exercises", "Exercise")
    pattern_model = apps.get_model("exercises", "MovementPattern")
    old, new = pattern
    target = pattern_model.objects.filter(slug=new).first()
    changed = []
    if target is not None:
        for exercise in exercise_model.objects.filter(slug=COPENHAGEN, pattern__slug=old):
            exercise.pattern = target
            exercise.save(update_fields=["pattern"])
            changed.append(exercise.pk)
    (old_sets, old_min, old_max), (sets, reps_min, reps_max) = dose
    exercise_model.objects.filter(
        slug=NORDIC, sets=old_sets, reps_min=old_min, reps_max=old_max
    ).update(sets=sets, reps_min=reps_min, reps_max=reps_max)
    reindex(
        exercises=exercise_model.objects.filter(pk__in=changed),
        term_model=apps.get_model("exercises", "SearchTerm"),
    )


def forwards(apps, schema_editor):
    _apply(apps, pattern=("core-isometric", "hip-isolation"), dose=((3, 4, 6), (2, 3, 5)))


def backwards(apps, schema_editor):
    _apply(apps, pattern=("hip-isolation", "core-isometric"), dose=((2, 3, 5), (3, 4, 6)))


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0013_load_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
