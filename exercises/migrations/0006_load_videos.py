from django.db import migrations

from exercises.content import load_videos, unload_videos


def load(apps, schema_editor):
    load_videos(apps)


def unload(apps, schema_editor):
    unload_videos(apps)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0005_video_provenance")]

    operations = [migrations.RunPython(load, unload)]
