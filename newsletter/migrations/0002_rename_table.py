from django.db import migrations, models
import django.db.models.functions.text


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("accounts", "0003_subscriber_moved_to_newsletter"),
    ]

    operations = [
        migrations.AlterModelTable(name="subscriber", table=None),
        migrations.RemoveConstraint(
            model_name="subscriber", name="accounts_subscriber_email_ci_unique"
        ),
        migrations.AddConstraint(
            model_name="subscriber",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                name="newsletter_subscriber_email_ci_unique",
            ),
        ),
    ]
