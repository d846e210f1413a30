"""`manage.py check_videos`: ask YouTube and Vimeo whether each form video still exists.

Run it weekly (cron, a systemd timer); `--enqueue` hands the work to the tasks
worker instead of doing it here.
"""

from django.core.management.base import BaseCommand

from exercises.availability import Answer
from exercises.services import check_video_availability
from exercises.tasks import check_videos


class Command(BaseCommand):
    help = "Check every form video with its provider's oEmbed endpoint; hide the gone ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="queue the check for the tasks worker"
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = check_videos.enqueue()
            self.stdout.write(f"Queued the video check as task {result.id}.")
            return
        counts = check_video_availability()
        self.stdout.write(
            f"{counts[Answer.AVAILABLE]} available, {counts[Answer.GONE]} gone (hidden), "
            f"{counts[Answer.UNKNOWN]} not answered (left as they were)."
        )
