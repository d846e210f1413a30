"""System checks for what the site relies on in production."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Caches that live in one process: with several workers or servers, a logout,
# a deleted account or a rate limit would hold in one of them only.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.caches, deploy=True)
def shared_caches(app_configs, **kwargs):
    """Sessions, rate limits and page retirement must be seen by every process."""
    if settings.DEBUG:
        return []
    return [
        Error(
            f"The {alias!r} cache ({config['BACKEND']}) is not shared between processes.",
            hint="Set CACHE_URL (and PAGE_CACHE_URL, if given) to a Redis server, "
            "e.g. redis://127.0.0.1:6379/1.",
            id="core.E001",
        )
        for alias, config in settings.CACHES.items()
        if config["BACKEND"] in PER_PROCESS_CACHES
    ]
