import django.contrib.postgres.search
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from exercises.services import reindex

# PostgreSQL only (SQLite has no GIN): typo candidates by trigram, and the
# weighted full-text document the search filters and ranks by.
POSTGRESQL_INDEXES = {
    "searchterm": GinIndex(fields=["term"], opclasses=["gin_trgm_ops"], name="search_term_trigram"),
    "exercise": GinIndex(fields=["search_document"], name="exercise_search_document"),
}


def add_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model_name, index in POSTGRESQL_INDEXES.items():
            schema_editor.add_index(apps.get_model("exercises", model_name), index)


def remove_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model_name, index in POSTGRESQL_INDEXES.items():
            schema_editor.remove_index(apps.get_model("exercises", model_name), index)


def index_library(apps, schema_editor):
    reindex(
        exercises=apps.get_model("exercises", "Exercise").objects.all(),
        term_model=apps.get_model("exercises", "SearchTerm"),
    )


class Migration(migrations.Migration):
    dependencies = [("exercises", "0006_load_videos")]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("term", models.CharField(max_length=80, unique=True)),
            ],
        ),
        migrations.AddField(
            model_name="exercise",
            name="search_aliases",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="exercise",
            name="search_keys",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="The name and each other name, spaces ignored.",
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="search_name",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="exercise",
            name="search_tags",
            field=models.TextField(
                blank=True, editable=False, help_text="Muscles, equipment and movement pattern."
            ),
        ),
        migrations.AddField(
            model_name="exercise",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(add_postgresql_indexes, remove_postgresql_indexes),
        migrations.RunPython(index_library, migrations.RunPython.noop),
    ]
