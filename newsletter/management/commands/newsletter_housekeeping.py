from django.conf import settings
from django.core.management.base import BaseCommand

from newsletter.tasks import remind_and_prune


class Command(BaseCommand):
    help = (
        "Queue the one reminder to unconfirmed signups and delete signups left pending "
        "for 30 days. Run it hourly (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="The site's address for the links in reminders (default: SITE_URL)",
        )

    def handle(self, *, site_url, **options):
        remind_and_prune.enqueue(site_url.rstrip("/"))
        self.stdout.write("Queued the newsletter's reminders and clean-up.")
