from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What is site-wide: home, health check, error pages, caching and the tasks worker."""

    name = "core"
    verbose_name = "Site"

    def ready(self):
        from core import checks  # noqa: F401 (registers the system checks)
        from core.invalidation import content_migrated

        # A data migration (shipped content) is an edit no service or admin sees.
        post_migrate.connect(content_migrated, dispatch_uid="core-retire-content-after-migrate")
