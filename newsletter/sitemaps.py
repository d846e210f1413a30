"""The archive's pages for sitemap.xml (registered in NewsletterConfig.ready)."""

from django.urls import reverse

from core.sitemaps import SiteSitemap
from newsletter.models import Issue


class IssueListSitemap(SiteSitemap):
    """The list of past issues; changed when the latest one went out."""

    changefreq = "weekly"

    def items(self):
        return ["newsletter:issue-list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        latest = Issue.objects.archived().order_by("-sent_at").first()
        return latest and latest.sent_at


class IssueSitemap(SiteSitemap):
    """Every sent issue's public page; last modified when it went out."""

    changefreq = "never"
    priority = 0.4

    def items(self):
        return Issue.objects.archived().only("pk", "sent_at")

    def lastmod(self, issue):
        return issue.sent_at
