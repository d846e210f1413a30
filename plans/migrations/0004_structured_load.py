"""RoutineItem.load, free text, becomes a weight, bodyweight or a band, with a note.

Every old value is kept: what reads as "16 kg", "35 lb", "bodyweight" or "red band" is
structured, anything else (including a bare number, whose unit nobody can tell) becomes
the note, word for word. Going back joins them into the text again, weights in the
owner's unit.
"""

from django.db import migrations, models

from plans.loads import KG, LOAD_FIELDS, load_text, parse_load


def split_loads(apps, schema_editor):
    items = apps.get_model("plans", "RoutineItem").objects.exclude(load="")
    changed = []
    for item in items.iterator():
        for name, value in parse_load(item.load, unit=None).items():
            setattr(item, name, value)
        changed.append(item)
    apps.get_model("plans", "RoutineItem").objects.bulk_update(
        changed, list(LOAD_FIELDS), batch_size=500
    )


def join_loads(apps, schema_editor):
    model = apps.get_model("plans", "RoutineItem")
    changed = []
    for item in model.objects.select_related("session__routine__owner").iterator():
        owner = item.session.routine.owner
        item.load = load_text(item, owner.weight_unit if owner else KG)[:60]
        changed.append(item)
    model.objects.bulk_update(changed, ["load"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_newsletter_gift")]

    operations = [
        migrations.AddField(
            model_name="routineitem",
            name="load_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "No load set"),
                    ("weight", "Weight"),
                    ("bodyweight", "Bodyweight"),
                    ("band", "Band"),
                ],
                max_length=10,
                verbose_name="load",
            ),
        ),
        migrations.AddField(
            model_name="routineitem",
            name="load_kg",
            field=models.DecimalField(
                blank=True, decimal_places=3, max_digits=7, null=True, verbose_name="weight (kg)"
            ),
        ),
        migrations.AddField(
            model_name="routineitem",
            name="band",
            field=models.CharField(blank=True, max_length=30, verbose_name="band colour"),
        ),
        migrations.AddField(
            model_name="routineitem",
            name="load_note",
            field=models.CharField(
                blank=True,
                help_text="Anything else: 2 × 16 kg, RPE 7, light dumbbell…",
                max_length=60,
            ),
        ),
        migrations.RunPython(split_loads, join_loads),
        migrations.RemoveField(model_name="routineitem", name="load"),
    ]
