"""`Exercise.load_required`: it needs any one of its load options (issue 19).

The data step is 0016_any_one_weight, a migration of its own: on PostgreSQL a table cannot
be altered in the transaction that has just updated its rows (pending trigger events), which
reversing both in one migration would do.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0015_search_cues"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="load_required",
            field=models.BooleanField(
                default=False,
                help_text="It needs one of its load options (any one of them): there is no bodyweight version, so it suits a runner who has any of them.",
            ),
        ),
    ]
