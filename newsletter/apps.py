from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        # services imports the tasks, which registers the resumable send.
        from accounts import personal_data
        from core import sitemaps
        from newsletter import services
        from newsletter.sitemaps import IssueListSitemap, IssueSitemap

        personal_data.register(
            key="newsletter", export=services.export_for, rows=services.signups_of
        )
        sitemaps.register("newsletter", IssueListSitemap)
        sitemaps.register("newsletter-issues", IssueSitemap)
