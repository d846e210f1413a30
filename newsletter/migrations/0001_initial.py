"""The Subscriber model moves from accounts into the newsletter app, its rows untouched.

The model's state moves here while the table keeps its name (0001); then the
table and its constraint are renamed (0002). The content type moves with it,
so the admin's history and the subscriber permissions keep pointing at it.
"""

import django.db.models.functions.text
import uuid
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="accounts", target="newsletter"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=source, model="subscriber"
    ).update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="newsletter", target="accounts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0002_subscriber"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Subscriber",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail address")),
                        ("first_name", models.CharField(blank=True, max_length=60)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Waiting for confirmation"),
                                    ("confirmed", "Confirmed"),
                                    ("unsubscribed", "Unsubscribed"),
                                ],
                                db_index=True,
                                default="pending",
                                max_length=12,
                            ),
                        ),
                        (
                            "key",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                help_text="Signed into e-mailed links.",
                                unique=True,
                            ),
                        ),
                        ("consent_text", models.CharField(max_length=300)),
                        ("consent_page", models.CharField(blank=True, max_length=200)),
                        ("consented_at", models.DateTimeField()),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                        ("unsubscribed_at", models.DateTimeField(blank=True, null=True)),
                        ("created", models.DateTimeField(auto_now_add=True, db_index=True)),
                    ],
                    options={
                        "ordering": ["-created"],
                        "db_table": "accounts_subscriber",
                        "constraints": [
                            models.UniqueConstraint(
                                django.db.models.functions.text.Lower("email"),
                                name="accounts_subscriber_email_ci_unique",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
