from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Routines"

    def ready(self):
        from accounts import personal_data
        from core import sitemaps
        from plans import (
            checks,  # noqa: F401 (registers the system check)
            services,
        )
        from plans.models import Routine, RoutineShare
        from plans.sitemaps import MethodSitemap, TemplateListSitemap, TemplateSitemap

        sitemaps.register("template-list", TemplateListSitemap)
        sitemaps.register("templates", TemplateSitemap)
        sitemaps.register("plan-method", MethodSitemap)

        personal_data.register(
            key="routines", export=services.export_for, rows=Routine.objects.owned_by
        )
        personal_data.register(
            key="routine_share_links",
            export=services.export_shares_for,
            rows=RoutineShare.objects.owned_by,
        )
        # The token is a column of the user's row: it goes with the account itself.
        personal_data.register(
            key="calendar_feed",
            export=services.export_calendar_feed_for,
            rows=lambda user: Routine.objects.none(),
        )
