"""The incline push-up needs no bench: a table edge, a worktop or a wall will do.

With a bench required, no bodyweight plan had a beginner push. The shipped row loses its
bench and gets the new summary and first cue, where an editor has not changed them;
reversing puts the bench and the old text back.
"""

from django.db import migrations

from exercises.services import reindex

SLUG = "incline-push-up"
OLD_SUMMARY = (
    "Push-up with your hands raised on a bench, the entry point for building pressing "
    "strength and trunk control."
)
NEW_SUMMARY = (
    "Push-up with your hands raised on a bench, table or wall: the entry point for pressing "
    "strength and trunk control."
)
OLD_CUE = (
    "Put your hands on the edge of a sturdy bench, slightly wider than your shoulders, and "
    "step your feet back until your body forms a straight line."
)
NEW_CUE = (
    "Put your hands on something sturdy (a bench, a table edge or a kitchen worktop; a wall "
    "is the easiest start), slightly wider than your shoulders, and step your feet back until "
    "your body forms a straight line."
)


def _change(apps, *, bench: bool, summary: tuple[str, str], cue: tuple[str, str]):
    exercise = apps.get_model("exercises", "Exercise").objects.filter(slug=SLUG).first()
    equipment = apps.get_model("exercises", "Equipment").objects.filter(slug="bench").first()
    if exercise is None:
        return
    if equipment is not None:
        if bench:
            exercise.equipment.add(equipment)
        else:
            exercise.equipment.remove(equipment)
    old, new = summary
    if exercise.summary == old:
        exercise.summary = new
    old, new = cue
    exercise.cues = "\n".join(new if line == old else line for line in exercise.cues.split("\n"))
    exercise.save(update_fields=["summary", "cues"])
    reindex(
        exercises=apps.get_model("exercises", "Exercise").objects.filter(pk=exercise.pk),
        term_model=apps.get_model("exercises", "SearchTerm"),
    )


def forwards(apps, schema_editor):
    _change(apps, bench=False, summary=(OLD_SUMMARY, NEW_SUMMARY), cue=(OLD_CUE, NEW_CUE))


def backwards(apps, schema_editor):
    _change(apps, bench=True, summary=(NEW_SUMMARY, OLD_SUMMARY), cue=(NEW_CUE, OLD_CUE))


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0011_eccentric_heavy"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
