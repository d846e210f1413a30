"""Background work for the exercise library (django.tasks)."""

from django.tasks import task

from exercises.services import check_video_availability


@task
def check_videos() -> dict[str, int]:
    """The weekly availability check, for a queue rather than cron."""
    return {answer.value: count for answer, count in check_video_availability().items()}
