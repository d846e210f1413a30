"""The starter templates the code links to by slug (see exercises.checks)."""

from django.core import checks

from exercises.checks import missing_slugs

# (slug, where the code names it)
NAMED_TEMPLATES = [
    (
        "runners-strength-template",
        "accounts/templates/accounts/newsletter_confirmed.html links to it",
    ),
]


@checks.register(checks.Tags.database)
def named_templates(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from plans.models import Routine

    return missing_slugs(Routine.objects.templates(), NAMED_TEMPLATES, check_id="plans.E001")
