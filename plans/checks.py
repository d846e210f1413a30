"""The newsletter's confirmation gives away the starter template marked as its gift."""

from django.core import checks
from django.db import connection


@checks.register(checks.Tags.database)
def newsletter_gift(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from plans.models import Routine

    if Routine._meta.db_table not in connection.introspection.table_names():
        return []  # before `migrate`: nothing to check yet
    if Routine.objects.newsletter_gift().exists():
        return []
    return [
        checks.Error(
            "No starter template is marked as the newsletter's gift.",
            hint="Tick “newsletter gift” on one starter template in the admin.",
            obj=Routine,
            id="plans.E001",
        )
    ]
