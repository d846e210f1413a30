"""The newsletter's gift template as a flag on the routine rather than a slug in the code."""

from django.conf import settings
from django.db import migrations, models

from plans.content import load_newsletter_gift


def load(apps, schema_editor):
    load_newsletter_gift(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_load_templates"),
        ("exercises", "0004_roles_in_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="routine",
            name="is_newsletter_gift",
            field=models.BooleanField(
                default=False,
                help_text="The starter template sent to new newsletter subscribers; one at most.",
                verbose_name="newsletter gift",
            ),
        ),
        migrations.AddConstraint(
            model_name="routine",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_newsletter_gift", False), ("is_template", True), _connector="OR"
                ),
                name="routine_newsletter_gift_is_a_template",
            ),
        ),
        migrations.AddConstraint(
            model_name="routine",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_newsletter_gift", True)),
                fields=("is_newsletter_gift",),
                name="routine_one_newsletter_gift",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
