from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from config.pagecache import content_changed


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercise library"

    def ready(self):
        """Every change to the library retires the cached public pages."""
        from exercises import checks  # noqa: F401 (registers the system check)

        for model in self.get_models(include_auto_created=True):
            uid = f"pagecache-{model._meta.label}"
            post_save.connect(content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
            m2m_changed.connect(content_changed, sender=model, dispatch_uid=uid)
        post_migrate.connect(content_changed, dispatch_uid="pagecache-migrate")
