"""The archive's pages for sitemap.xml (wired in config.urls)."""

from django.contrib.sitemaps import Sitemap

from newsletter.models import Issue


class IssueSitemap(Sitemap):
    """Every sent issue's public page; last modified when it went out."""

    changefreq = "never"
    priority = 0.4

    def items(self):
        return Issue.objects.archived().only("pk", "sent_at")

    def lastmod(self, issue):
        return issue.sent_at
