from django.core.management.base import BaseCommand

from workouts.tasks import close_left_open_workouts


class Command(BaseCommand):
    help = "Close workouts left open for more than a day, keeping their sets (run it hourly)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue it for the tasks worker instead."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = close_left_open_workouts.enqueue()
            self.stdout.write(f"Queued as task {result.id}.")
            return
        closed = close_left_open_workouts.call()
        self.stdout.write(f"Closed {closed} workout{'s' if closed != 1 else ''}.")
