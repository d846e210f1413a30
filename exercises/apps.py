from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercise library"

    def ready(self):
        from core import sitemaps
        from exercises import checks  # noqa: F401 (registers the system check)
        from exercises.sitemaps import (
            ExerciseSitemap,
            FocusAreaSitemap,
            LibraryPagesSitemap,
            MovementPatternSitemap,
            ProblemSitemap,
        )

        sitemaps.register("library", LibraryPagesSitemap)
        sitemaps.register("exercises", ExerciseSitemap)
        sitemaps.register("focus-areas", FocusAreaSitemap)
        sitemaps.register("patterns", MovementPatternSitemap)
        sitemaps.register("problems", ProblemSitemap)
