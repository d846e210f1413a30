"""Any-of equipment (issue 19): the goblet squat and the Romanian deadlift need one weight,
whichever the runner has, not a dumbbell only, so a kettlebell-only runner gets them too.

On rows an editor has not given other equipment, the weights move from `equipment` (all
needed) to `load_options` (any one) with `load_required` set, and the wording that named a
dumbbell only names the weight (where an editor has not changed it). Reversing undoes both.
"""

from django.db import migrations

from exercises.services import reindex

ANY_ONE_OF = {
    "goblet-squat": ("dumbbell", "kettlebell"),
    "romanian-deadlift": ("dumbbell", "kettlebell", "barbell"),
}
SHIPPED_EQUIPMENT = "dumbbell"
# The shipped wording that named a dumbbell only, and what it says now (only where unchanged).
WORDING = [
    (
        "A squat holding one dumbbell at your chest;",
        "A squat holding one dumbbell or kettlebell at your chest;",
    ),
    (
        "Hold one dumbbell upright against your chest, hands cupped under the top end and elbows pointing down.",
        "Hold one dumbbell upright against your chest with your hands cupped under the top end, or a kettlebell by its horns, elbows pointing down.",
    ),
    (
        "keeping your chest tall and the dumbbell pinned to your breastbone.",
        "keeping your chest tall and the weight pinned to your breastbone.",
    ),
    (
        "Letting the dumbbell drift away from your chest,",
        "Letting the weight drift away from your chest,",
    ),
    (
        "Using a dumbbell so heavy that your upper back rounds:",
        "Using a weight so heavy that your upper back rounds:",
    ),
    (
        "A hip hinge from standing with soft knees, holding dumbbells;",
        "A hip hinge from standing with soft knees, holding dumbbells, a kettlebell or a barbell;",
    ),
    (
        "holding a dumbbell in each hand in front of your thighs.",
        "holding the weight in front of your thighs: a dumbbell in each hand, one kettlebell in both hands, or a barbell.",
    ),
    (
        "letting the dumbbells slide down the front of your legs.",
        "letting the weight slide down the front of your legs.",
    ),
]
TEXT_FIELDS = ("summary", "cues", "mistakes")


def _reword(exercise, *, reverse=False):
    for field in TEXT_FIELDS:
        text = getattr(exercise, field)
        for old, new in WORDING:
            text = text.replace(*((new, old) if reverse else (old, new)))
        setattr(exercise, field, text)


def _exercises(apps):
    exercise_model = apps.get_model("exercises", "Exercise")
    equipment = apps.get_model("exercises", "Equipment").objects.in_bulk(field_name="slug")
    for exercise in exercise_model.objects.filter(slug__in=ANY_ONE_OF):
        options = [equipment[slug] for slug in ANY_ONE_OF[exercise.slug] if slug in equipment]
        yield exercise, options


def forwards(apps, schema_editor):
    changed = []
    for exercise, options in _exercises(apps):
        if not set(exercise.equipment.values_list("slug", flat=True)) <= {SHIPPED_EQUIPMENT}:
            continue
        exercise.equipment.clear()
        exercise.load_options.add(*options)
        exercise.load_required = True
        _reword(exercise)
        exercise.save(update_fields=["load_required", *TEXT_FIELDS])
        changed.append(exercise.pk)
    _reindex(apps, changed)


def backwards(apps, schema_editor):
    changed = []
    for exercise, options in _exercises(apps):
        if not exercise.load_required:
            continue
        exercise.load_options.remove(*options)
        exercise.equipment.add(*(o for o in options if o.slug == SHIPPED_EQUIPMENT))
        exercise.load_required = False
        _reword(exercise, reverse=True)
        exercise.save(update_fields=["load_required", *TEXT_FIELDS])
        changed.append(exercise.pk)
    _reindex(apps, changed)


def _reindex(apps, pks):
    exercise_model = apps.get_model("exercises", "Exercise")
    reindex(
        exercises=exercise_model.objects.filter(pk__in=pks),
        term_model=apps.get_model("exercises", "SearchTerm"),
    )


class Migration(migrations.Migration):
    dependencies = [("exercises", "0016_load_required")]

    operations = [migrations.RunPython(forwards, backwards)]
