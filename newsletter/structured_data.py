"""schema.org for the archive: each sent issue is an Article."""

from core.http import site_url
from core.structured_data import CONTEXT, SITE_NAME


def article(issue) -> dict:
    url = site_url(issue.get_absolute_url())
    site = {"@type": "Organization", "name": SITE_NAME, "url": site_url("/")}
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "name": issue.subject,
        "headline": issue.subject,
        "datePublished": issue.sent_at.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "author": site,
        "publisher": site,
    }
    if issue.preheader:
        data["description"] = issue.preheader
    return data
