"""Seventeen exercises runners need, and the library data fixes of the coach's review (issue 19).

New: step-downs, a Spanish squat and a split-squat hold for the knee; a trap-bar deadlift,
a cable pull-through, bodyweight and dumbbell hip thrusts, a long-lever bridge and a slider
hamstring curl; a loaded seated soleus raise and foot work; a plyometric ladder beyond pogo
hops (single-leg pogos, hop and stick, bounding, low drop jumps); a wall push-up and a
banded knee drive. They come with their figures and the vocabulary they need (the knee
flexion pattern, the trap bar, a waist-high bar, the foot muscles), and are indexed.

Fixes, each only on a row that still holds the shipped value:
- hamstring curls and Nordic curls are knee flexion, not a hip hinge;
- the inverted row needs a waist-high bar, not a pull-up bar;
- the weighted march is hip work too (focus "hip");
- the bodyweight squat no longer lists the wall sit as its easier version (a static hold
  is not a regression of a squat; the wall sit now leads to the split-squat hold and the
  Spanish squat).

Reversing deletes the exercises and vocabulary rows this adds (those an editor has put to
use stay) and puts the shipped values back.
"""

from django.db import migrations, models

from exercises.content import load_figures, load_library, read_exercises
from exercises.services import reindex

NEW_EXERCISES = (
    "step-down",
    "spanish-squat",
    "split-squat-isometric",
    "trap-bar-deadlift",
    "cable-pull-through",
    "bodyweight-hip-thrust",
    "dumbbell-hip-thrust",
    "long-lever-bridge-hold",
    "slider-hamstring-curl",
    "seated-soleus-raise",
    "short-foot",
    "single-leg-pogo-hops",
    "single-leg-hop-and-stick",
    "bounding",
    "drop-jump",
    "wall-push-up",
    "banded-knee-drive",
)
# (model, slug, the relations that put it to use): reversing deletes only unused rows.
NEW_VOCABULARY = (
    ("MovementPattern", "knee-flexion", ("exercises",)),
    ("Equipment", "trap-bar", ("exercises", "optional_load_for")),
    ("Equipment", "low-bar", ("exercises", "optional_load_for")),
    ("Muscle", "foot-intrinsics", ("exercises",)),
)
HAMSTRING_CURLS = ("hamstring-curl", "nordic-hamstring-curl")
INVERTED_ROW = "inverted-row"
WEIGHTED_MARCH = "weighted-march"
# (exercise, its shipped easier variation that is dropped)
DROPPED_LINKS = (("bodyweight-squat", "wall-sit"),)


def _models(apps):
    return {
        name: apps.get_model("exercises", name)
        for name in ("Exercise", "MovementPattern", "Equipment", "FocusArea", "SearchTerm")
    }


def _move_pattern(m, *, old, new):
    target = m["MovementPattern"].objects.filter(slug=new).first()
    if target is None:
        return []
    moved = list(m["Exercise"].objects.filter(slug__in=HAMSTRING_CURLS, pattern__slug=old))
    for exercise in moved:
        exercise.pattern = target
        exercise.save(update_fields=["pattern"])
    return [exercise.pk for exercise in moved]


def _swap_equipment(m, *, old, new):
    """The inverted row's one piece of equipment, where it is still `old`."""
    pieces = m["Equipment"].objects.in_bulk([old, new], field_name="slug")
    row = m["Exercise"].objects.filter(slug=INVERTED_ROW).first()
    if row is None or new not in pieces:
        return []
    if list(row.equipment.values_list("slug", flat=True)) != [old]:
        return []
    row.equipment.set([pieces[new]])
    return [row.pk]


def _links(m, *, add):
    exercises = m["Exercise"].objects.in_bulk(field_name="slug")
    for slug, easier in DROPPED_LINKS:
        if slug in exercises and easier in exercises:
            links = exercises[slug].easier_variations
            if add:
                links.add(exercises[easier])
            else:
                links.remove(exercises[easier])


def _march_focus(m, *, add):
    march = m["Exercise"].objects.filter(slug=WEIGHTED_MARCH).first()
    hip = m["FocusArea"].objects.filter(slug="hip").first()
    if march is None or hip is None:
        return []
    if add:
        march.focus_areas.add(hip)
    else:
        march.focus_areas.remove(hip)
    return [march.pk]


def _reindex(m, pks):
    reindex(
        exercises=m["Exercise"].objects.filter(pk__in=pks),
        term_model=m["SearchTerm"],
    )


def forwards(apps, schema_editor):
    m = _models(apps)
    load_library(apps)  # the new vocabulary rows and exercises (only what is missing)
    load_figures(apps)
    # On a new install 0002 made these rows already, before the field existed.
    needs_weight = [e["slug"] for e in read_exercises() if e.get("load_required")]
    m["Exercise"].objects.filter(slug__in=NEW_EXERCISES).filter(slug__in=needs_weight).update(
        load_required=True
    )
    changed = _move_pattern(m, old="hinge", new="knee-flexion")
    changed += _swap_equipment(m, old="pull-up-bar", new="low-bar")
    changed += _march_focus(m, add=True)
    _links(m, add=False)
    new = m["Exercise"].objects.filter(slug__in=NEW_EXERCISES).values_list("pk", flat=True)
    _reindex(m, [*changed, *new])


def backwards(apps, schema_editor):
    m = _models(apps)
    _links(m, add=True)
    changed = _march_focus(m, add=False)
    changed += _swap_equipment(m, old="low-bar", new="pull-up-bar")
    changed += _move_pattern(m, old="knee-flexion", new="hinge")
    m["Exercise"].objects.filter(slug__in=NEW_EXERCISES).delete()
    for name, slug, relations in NEW_VOCABULARY:
        unused = apps.get_model("exercises", name).objects.filter(slug=slug)
        for relation in relations:
            unused = unused.filter(**{f"{relation}__isnull": True})
        unused.delete()
    _reindex(m, changed)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0016_any_one_weight"),
    ]

    operations = [
        # The data first: with the choices altered first, the historical models a
        # reverse deletes through are rendered against a stale Exercise.
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="movementpattern",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("squat", "Squat"),
                    ("hinge", "Hip hinge"),
                    ("knee-flexion", "Knee flexion (hamstring curls)"),
                    ("lunge", "Lunge or single-leg"),
                    ("push", "Upper-body push"),
                    ("pull", "Upper-body pull"),
                    ("core-hold", "Core hold"),
                    ("core-moving", "Moving core"),
                    ("calf", "Calf and shin"),
                    ("hip", "Hip stability"),
                    ("plyometric", "Plyometrics"),
                ],
                help_text="What the balance check and the plan builder count this pattern as; "
                "blank for none (warm-up drills).",
                max_length=12,
            ),
        ),
    ]
