import pytest
from django.core.exceptions import ValidationError

from exercises import services
from exercises.availability import Answer
from exercises.models import Exercise, ExerciseVideo, Muscle, SearchTerm
from exercises.services import check_video_availability, make_primary, mark_reviewed

pytestmark = pytest.mark.django_db

SLUGS = ["glute-bridge", "goblet-squat", "plank"]


def primary_of(slug):
    return ExerciseVideo.objects.get(exercise__slug=slug, role="primary")


def test_the_check_hides_a_gone_video_and_keeps_one_on_a_timeout_or_a_500(
    client, oembed, django_capture_on_commit_callbacks
):
    gone, slow, failing = (primary_of(slug) for slug in SLUGS)
    oembed.answers |= {gone.video_id: 404, slow.video_id: "slow", failing.video_id: 500}
    page = gone.exercise.get_absolute_url()
    assert gone.video_id in client.get(page).text  # and now in the page cache

    with django_capture_on_commit_callbacks(execute=True):
        counts = check_video_availability(
            videos=ExerciseVideo.objects.filter(exercise__slug__in=SLUGS)
        )

    assert counts[Answer.GONE] == 1
    assert counts[Answer.UNKNOWN] == 2
    assert primary_of("glute-bridge").availability == "gone"
    assert gone.video_id not in client.get(page).text, "the cached page was retired"
    for video in (slow, failing):
        video.refresh_from_db()
        assert video.availability == "unknown"
        assert video.checked_at is None
        assert video.video_id in client.get(video.exercise.get_absolute_url()).text


@pytest.mark.parametrize("known", ["gone", "available"])
def test_a_video_that_answers_is_marked_available_and_shown(oembed, known):
    video = primary_of("plank")
    ExerciseVideo.objects.filter(pk=video.pk).update(availability=known)
    check_video_availability(videos=ExerciseVideo.objects.filter(pk=video.pk))
    video.refresh_from_db()
    assert video.availability == "available"
    assert video.checked_at is not None
    assert Exercise.objects.for_detail().get(slug="plank").video == video


def test_swapping_in_an_alternative_demotes_the_old_primary():
    old = primary_of("glute-bridge")
    alternative = ExerciseVideo.objects.filter(exercise=old.exercise, role="alternative").first()
    make_primary(video=alternative)
    old.refresh_from_db()
    assert old.role == "alternative"
    assert primary_of("glute-bridge") == alternative


def test_a_gone_video_cannot_become_the_primary():
    alternative = ExerciseVideo.objects.filter(
        exercise__slug="glute-bridge", role="alternative"
    ).first()
    alternative.availability = "gone"
    alternative.save()
    with pytest.raises(ValidationError, match="gone"):
        make_primary(video=alternative)
    assert primary_of("glute-bridge") != alternative


def test_marking_reviewed_records_when_and_counts_only_new_reviews():
    videos = ExerciseVideo.objects.filter(exercise__slug="glute-bridge")
    assert mark_reviewed(videos=videos) == videos.count()
    assert mark_reviewed(videos=videos) == 0
    assert all(video.is_reviewed and video.reviewed_at for video in videos)


def found(query):
    return list(Exercise.objects.filtered(query=query).values_list("slug", flat=True))


def test_reindex_makes_a_renamed_muscle_searchable_by_its_new_name():
    adductors = Muscle.objects.get(slug="adductors")
    adductors.name = "Groin muscles"
    adductors.save()
    assert "copenhagen-plank" not in found("groin")
    services.reindex(exercises=adductors.exercises.all())
    assert "copenhagen-plank" in found("groin")
    assert SearchTerm.objects.filter(term="groin").exists()


def test_reindex_picks_up_an_other_name_an_editor_added():
    plank = Exercise.objects.get(slug="plank")
    assert "plank" not in found("elbow hovers")
    plank.aliases += ", Elbow hover"
    plank.save()
    services.reindex(exercises=Exercise.objects.filter(pk=plank.pk))
    # First by its new other name; exercises whose cues mention both words come after.
    assert found("elbow hovers")[0] == "plank"
