from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Routines"

    def ready(self):
        from plans import checks  # noqa: F401 (registers the system check)
        from plans.signals import routine_changed

        for name in ("Routine", "Session", "RoutineItem"):
            model = self.get_model(name)
            uid = f"pagecache-{model._meta.label}"
            post_save.connect(routine_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(routine_changed, sender=model, dispatch_uid=uid)
