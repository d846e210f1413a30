from django.conf import settings
from django.core.management.base import BaseCommand

from newsletter.tasks import remind_and_prune, send_due_issues


class Command(BaseCommand):
    help = (
        "Start sending the scheduled issues that are due, queue the one reminder to "
        "unconfirmed signups and delete signups left pending for 30 days. Run it every "
        "five minutes (cron or a systemd timer): a scheduled issue goes out that late at most."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="The site's address for the links in reminders (default: SITE_URL)",
        )

    def handle(self, *, site_url, **options):
        send_due_issues.enqueue(site_url.rstrip("/"))
        remind_and_prune.enqueue(site_url.rstrip("/"))
        self.stdout.write("Queued the newsletter's scheduled issues, reminders and clean-up.")
