from django.db import migrations

from plans.content import load_templates


def load(apps, schema_editor):
    load_templates(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("exercises", "0003_dose_limits"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
