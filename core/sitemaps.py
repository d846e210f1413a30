"""The site's sitemap.xml: each app registers its own sitemaps from AppConfig.ready().

core knows no other app (as with accounts.personal_data): an app's `sitemaps.py` holds
its Sitemap classes, built on `SiteSitemap`, and its ready() registers them:

    from core import sitemaps
    sitemaps.register("exercises", ExerciseSitemap)

The sitemap view (core.views.sitemap_xml) serves whatever is registered, in order.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

SITEMAPS: dict[str, type[Sitemap]] = {}


def register(key: str, sitemap: type[Sitemap]) -> None:
    SITEMAPS[key] = sitemap


class SiteSitemap(Sitemap):
    """Addresses on SITE_URL, never on the request's Host header (see core.http.site_url)."""

    def get_urls(self, page=1, site=None, protocol=None):
        address = urlsplit(settings.SITE_URL)
        site = SimpleNamespace(domain=address.netloc, name="Runner Strength")
        return super().get_urls(page=page, site=site, protocol=address.scheme)
