"""Writes to the library that touch several rows."""

from django.db import connection, transaction
from django.db.models import QuerySet

from exercises import search
from exercises.models import SearchTerm


@transaction.atomic
def reindex(*, exercises: QuerySet, term_model=SearchTerm) -> int:
    """Rewrite the search fields of `exercises` and add their new tokens to the term list.

    Call it after a change to an exercise's name, other names, muscles or
    equipment, or to the name of a muscle, piece of equipment or pattern it
    uses. Data migrations pass their historical models. Returns how many
    exercises were written.
    """
    rows = list(exercises.select_related("pattern").prefetch_related("muscles", "equipment"))
    terms = set()
    for exercise in rows:
        tags = [muscle.name for muscle in exercise.muscles.all()]
        tags += [item.name for item in exercise.equipment.all()]
        tags.append(exercise.pattern.name)
        fields = search.index_fields(name=exercise.name, aliases=exercise.aliases, tags=tags)
        for name, value in fields.items():
            setattr(exercise, name, value)
        terms |= search.dictionary_terms(fields)
    exercises.model.objects.bulk_update(rows, search.STORED_FIELDS, batch_size=500)
    search.ENGINES[connection.vendor].store_documents(
        exercises.model.objects.filter(pk__in=[exercise.pk for exercise in rows])
    )
    term_model.objects.bulk_create(
        [term_model(term=term) for term in sorted(terms)], ignore_conflicts=True, batch_size=500
    )
    return len(rows)
