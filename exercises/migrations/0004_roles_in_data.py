"""What a row counts as, as fields loaded with the content rather than slugs in the code.

The shipped rows get their roles from the content files; rows editors added keep
the blank defaults until an editor sets them in the admin.
"""

from django.db import migrations, models

from exercises.content import load_roles


def load(apps, schema_editor):
    load_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0003_dose_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="equipment",
            name="adds_load",
            field=models.BooleanField(
                default=False,
                help_text="It adds a load that can grow week by week (weights, a cable), so the plan builder gives exercises using it the phase's rep range.",
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="calf_role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("calf-raise", "Straight-knee calf raise"),
                    ("shin", "Shin raise"),
                    ("soleus", "Bent-knee calf raise"),
                ],
                help_text="Which turn of the plan builder's calf and shin rotation this exercise fills.",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="warmup_priority",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Warm-up drills: the plan builder's order, lowest first; drills without one come after.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="focusarea",
            name="routine_focus",
            field=models.CharField(
                blank=True,
                choices=[
                    ("general", "General strength"),
                    ("knee", "Knees"),
                    ("hip-glute", "Hips and glutes"),
                    ("core", "Core"),
                    ("calf-shin", "Calves and shins"),
                    ("warmup", "Pre-run warm-up"),
                ],
                help_text="The routine and plan focus this area serves: the plan builder ranks its exercises first for that focus.",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="movementpattern",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("squat", "Squat"),
                    ("hinge", "Hip hinge"),
                    ("lunge", "Lunge or single-leg"),
                    ("push", "Upper-body push"),
                    ("pull", "Upper-body pull"),
                    ("core-hold", "Core hold"),
                    ("core-moving", "Moving core"),
                    ("calf", "Calf and shin"),
                    ("hip", "Hip stability"),
                    ("plyometric", "Plyometrics"),
                ],
                help_text="What the balance check and the plan builder count this pattern as; blank for none (warm-up drills).",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="muscle",
            name="balance_group",
            field=models.CharField(
                blank=True,
                choices=[
                    ("glutes", "Glutes"),
                    ("quadriceps", "Quadriceps"),
                    ("hamstrings", "Hamstrings"),
                    ("adductors", "Adductors"),
                    ("calves", "Calves"),
                    ("shin", "Shin"),
                ],
                help_text="The leg muscle group the balance check counts this muscle in; blank for none.",
                max_length=12,
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
