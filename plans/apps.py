from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Routines"

    def ready(self):
        from accounts import personal_data
        from plans import (
            checks,  # noqa: F401 (registers the system check)
            services,
        )
        from plans.models import Routine

        personal_data.register(
            key="routines", export=services.export_for, rows=Routine.objects.owned_by
        )
