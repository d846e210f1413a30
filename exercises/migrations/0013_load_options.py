"""Weights an exercise can also be done holding: "bodyweight, or hold a dumbbell or kettlebell".

Single-leg deadlifts, lunges, split squats, step-ups and calf raises are bodyweight
exercises that a runner loads with a dumbbell or kettlebell once the reps are easy. The
shipped rows get their options from the content; reversing takes them off, then the field.
"""

from django.db import migrations, models

from exercises.content import load_options


def forwards(apps, schema_editor):
    load_options(apps)


def backwards(apps, schema_editor):
    load_options(apps, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0012_incline_push_up_without_bench"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="load_options",
            field=models.ManyToManyField(
                blank=True,
                help_text="Weights it can also be done holding (any one of them); without them it is done with bodyweight, so the plan builder loads it when the runner has one.",
                related_name="optional_load_for",
                to="exercises.equipment",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
