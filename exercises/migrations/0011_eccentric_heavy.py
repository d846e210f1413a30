"""Exercises whose slow lowering leaves the muscle sore for days, as a field loaded with the content.

The plan builder keeps them off light days and starts them with one or two sets. The shipped
rows get the flag from the content files; reversing removes the field (and the flags with it).
"""

from django.db import migrations, models

from exercises.content import load_roles


def load(apps, schema_editor):
    load_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0010_figures"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="eccentric_heavy",
            field=models.BooleanField(
                default=False,
                help_text="Hard slow lowering that leaves the muscle sore for days (the Nordic curl): the plan builder keeps it off light days and starts it with one or two sets.",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
