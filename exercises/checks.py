"""A system check for the few slugs the code still names.

What a row counts as is a field loaded with the content (see the models), but a
template may still link to a row by its slug. Editors cannot rename a slug in
the admin; a deleted row, or one renamed another way, fails `manage.py check
--database default` with the template that needs it.
"""

from django.core import checks
from django.db import connection

# (slug, where the code names it)
NAMED_FOCUS_AREAS = [
    ("warmup", "templates/partials/footer.html links to its focus page"),
]


def missing_slugs(rows, named, *, check_id) -> list[checks.Error]:
    """An Error for every (slug, where) in `named` with no row among `rows` (a queryset).

    None before `migrate` has made the table: there is nothing to check yet.
    """
    model = rows.model
    if model._meta.db_table not in connection.introspection.table_names():
        return []
    slugs = [slug for slug, _where in named]
    present = set(rows.filter(slug__in=slugs).values_list("slug", flat=True))
    return [
        checks.Error(
            f"No {model._meta.verbose_name} has the slug “{slug}”, which the code names.",
            hint=f"{where}. Give a row that slug again, or change that code.",
            obj=model,
            id=check_id,
        )
        for slug, where in named
        if slug not in present
    ]


@checks.register(checks.Tags.database)
def named_focus_areas(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from exercises.models import FocusArea

    return missing_slugs(FocusArea.objects.all(), NAMED_FOCUS_AREAS, check_id="exercises.E001")
