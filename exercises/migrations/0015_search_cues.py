"""The form cues become the search's last tier: stored as tokens and, on PostgreSQL, in the
weighted document at weight D."""

from django.db import migrations, models

from exercises.services import reindex


def index_library(apps, schema_editor):
    reindex(
        exercises=apps.get_model("exercises", "Exercise").objects.all(),
        term_model=apps.get_model("exercises", "SearchTerm"),
    )


class Migration(migrations.Migration):
    dependencies = [("exercises", "0014_library_fixes")]

    operations = [
        # Backwards this runs last, once the field is gone: the document loses the cues.
        migrations.RunPython(migrations.RunPython.noop, index_library),
        migrations.AddField(
            model_name="exercise",
            name="search_cues",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(index_library, migrations.RunPython.noop),
    ]
