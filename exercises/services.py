"""Writes to the exercise library that touch several rows or need the provider's word."""

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from core import invalidation
from exercises import search
from exercises.availability import Answer, ask_provider
from exercises.models import ExerciseVideo, SearchTerm


def check_video_availability(*, videos: QuerySet[ExerciseVideo] | None = None) -> Counter:
    """Ask the providers about each video and record the definite answers.

    Returns how many got each answer. A video whose state changes is saved on
    its own and retires the public pages at once; one that only confirms what
    was known gets its new check time and retires nothing.
    """
    videos = ExerciseVideo.objects.all() if videos is None else videos
    counts = Counter()
    for video in videos.order_by("pk"):
        answer = ask_provider(video.ref, timeout=settings.VIDEO_CHECK_TIMEOUT)
        counts[answer] += 1
        if answer is Answer.UNKNOWN:
            continue
        now = timezone.now()
        if video.availability == answer.value:
            ExerciseVideo.objects.filter(pk=video.pk).update(checked_at=now)
            continue
        video.availability = answer.value
        video.checked_at = now
        video.save(update_fields=["availability", "checked_at"])
        invalidation.retire_content()
    return counts


def mark_reviewed(*, videos) -> int:
    """An editor has watched these and vouches for them."""
    with transaction.atomic():
        count = 0
        for video in videos.select_for_update().exclude(review=ExerciseVideo.Review.REVIEWED):
            video.review = ExerciseVideo.Review.REVIEWED
            video.reviewed_at = timezone.now()
            video.save(update_fields=["review", "reviewed_at"])
            count += 1
        invalidation.retire_content()
        return count


def make_primary(*, video: ExerciseVideo) -> None:
    """Show this video on its exercise's page instead of the current primary."""
    if video.availability == ExerciseVideo.Availability.GONE:
        raise ValidationError("This video is gone from its provider; pick another one.")
    with transaction.atomic():
        current = ExerciseVideo.objects.select_for_update().filter(
            exercise_id=video.exercise_id, role=ExerciseVideo.Role.PRIMARY
        )
        for old in current.exclude(pk=video.pk):
            old.role = ExerciseVideo.Role.ALTERNATIVE
            old.save(update_fields=["role"])
        video.role = ExerciseVideo.Role.PRIMARY
        video.save(update_fields=["role"])
        invalidation.retire_content()


@transaction.atomic
def reindex(*, exercises: QuerySet, term_model=SearchTerm) -> int:
    """Rewrite the search fields of `exercises` and add their new tokens to the term list.

    Call it after a change to an exercise's name, other names, cues, muscles,
    equipment or load options, or to the name of a muscle, piece of equipment or pattern it
    uses. Data migrations pass their historical models. Returns how many
    exercises were written.
    """
    # A data migration's historical model may predate a search field: write those it has.
    present = {field.name for field in exercises.model._meta.get_fields()}
    stored = [name for name in search.STORED_FIELDS if name in present]
    kit = ["equipment", *(["load_options"] if "load_options" in present else [])]
    rows = list(exercises.select_related("pattern").prefetch_related("muscles", *kit))
    terms = set()
    for exercise in rows:
        tags = [muscle.name for muscle in exercise.muscles.all()]
        tags += [item.name for field in kit for item in getattr(exercise, field).all()]
        tags.append(exercise.pattern.name)
        fields = search.index_fields(
            name=exercise.name, aliases=exercise.aliases, tags=tags, cues=exercise.cues
        )
        for name in stored:
            setattr(exercise, name, fields[name])
        terms |= search.dictionary_terms(fields)
    exercises.model.objects.bulk_update(rows, stored, batch_size=500)
    search.ENGINES[connection.vendor].store_documents(
        exercises.model.objects.filter(pk__in=[exercise.pk for exercise in rows]),
        [name for name in search.MATCHED_FIELDS if name in present],
    )
    term_model.objects.bulk_create(
        [term_model(term=term) for term in sorted(terms)], ignore_conflicts=True, batch_size=500
    )
    return len(rows)
