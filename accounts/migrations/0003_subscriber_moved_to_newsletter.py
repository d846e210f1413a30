"""Subscriber now lives in the newsletter app (newsletter.0001): only the state moves here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_subscriber"),
        ("newsletter", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Subscriber")],
        ),
    ]
