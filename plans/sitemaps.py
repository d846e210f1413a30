"""Starter templates in sitemap.xml; a member's routines and shared links never are."""

from django.urls import reverse

from core.sitemaps import SiteSitemap
from plans.models import Routine


class TemplateSitemap(SiteSitemap):
    priority = 0.7

    def items(self):
        return Routine.objects.templates().only("slug", "updated", "is_template").order_by("pk")

    def lastmod(self, template):
        return template.updated


class TemplateListSitemap(SiteSitemap):
    def items(self):
        return ["plans:template-list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        latest = Routine.objects.templates().order_by("-updated").first()
        return latest and latest.updated


class MethodSitemap(SiteSitemap):
    """How the plan is built: it changes with a release, so it states no lastmod."""

    def items(self):
        return ["plans:builder-method"]

    def location(self, name):
        return reverse(name)
