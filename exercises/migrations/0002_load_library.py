from django.db import migrations

from exercises.content import load_library


def load(apps, schema_editor):
    load_library(apps)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
