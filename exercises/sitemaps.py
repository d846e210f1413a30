"""The library in sitemap.xml: exercises, focus areas, movement patterns and problems.

A list page's lastmod is the latest change to an exercise it lists.
"""

from django.db.models import Max
from django.urls import reverse

from core.sitemaps import SiteSitemap
from exercises.models import Exercise, FocusArea, MovementPattern, Problem


class ExerciseSitemap(SiteSitemap):
    priority = 0.8

    def items(self):
        return Exercise.objects.only("slug", "updated").order_by("slug")

    def lastmod(self, exercise):
        return exercise.updated


class FocusAreaSitemap(SiteSitemap):
    def items(self):
        return FocusArea.objects.annotate(lastmod=Max("exercises__updated")).order_by("order")

    def lastmod(self, focus):
        return focus.lastmod


class MovementPatternSitemap(SiteSitemap):
    """A pattern's page is the library filtered to it, the one filter with a canonical
    address of its own (exercises.views.pattern_page)."""

    def items(self):
        return (
            MovementPattern.objects.filter(exercises__isnull=False)
            .annotate(lastmod=Max("exercises__updated"))
            .order_by("order")
        )

    def location(self, pattern):
        return f"{reverse('exercises:list')}?pattern={pattern.slug}"

    def lastmod(self, pattern):
        return pattern.lastmod


class ProblemSitemap(SiteSitemap):
    def items(self):
        return Problem.objects.annotate(lastmod=Max("exercises__updated")).order_by("order")

    def lastmod(self, problem):
        return problem.lastmod


class LibraryPagesSitemap(SiteSitemap):
    """The home page and the library's own list pages."""

    def items(self):
        return ["core:home", "exercises:list", "exercises:problem-list"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return Exercise.objects.aggregate(latest=Max("updated"))["latest"]
