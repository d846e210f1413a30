"""Rate limits the site counts itself (allauth counts its own), in the shared cache."""

from django.core.cache import cache


def within_limit(name: str, limit: int, seconds: int) -> bool:
    """Count one more event against `name`: False once there were more than `limit`
    in the window of `seconds` the first of them opened."""
    key = f"limit:{name}:{seconds}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the counter expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return True
