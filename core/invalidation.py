"""Keeping what the caches hold true to the database, in one place.

Two things are cached:

- Whole public pages (library, exercise, focus, template and home pages), by
  Django's own cache middleware, in the cache alias ``pages``
  (``CACHE_MIDDLEWARE_ALIAS``). Nothing in them depends on the visitor
  (core.middleware.PublicPageMiddleware makes sure), so one copy serves everyone.
- Files made from a routine (its PDF and XLSX), in the default cache, under a
  key that names the versions of the topics they show (``cached_file``).

A topic is a name with a version in the default cache: ``content`` (the
library and the starter templates) and ``routine:<pk>``. Retiring a topic
gives it a new version once the change is committed, so a page rendered from
the old rows while the transaction was open can never be kept as current;
retiring ``content`` also empties the ``pages`` cache.

Who calls what: the services that change routines call ``retire_routine``;
the admin's model pages retire through ``core.admin.RetiresCacheMixin``; a
migration retires the content (``content_migrated``, connected once in
CoreConfig.ready). Nothing else needs to know.
"""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction

CONTENT = "content"
# Change when a cached value changes shape, so that entries of the old shape are never read.
PREFIX = "topics:1"


def routine_topic(routine_id: int) -> str:
    return f"routine:{routine_id}"


def _version_key(topic: str) -> str:
    return f"{PREFIX}:version:{topic}"


def versions(*topics: str) -> tuple[str, ...]:
    """The current version of each topic (one round trip; a topic never seen gets one)."""
    keys = [_version_key(topic) for topic in topics]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


def retire(*topics: str) -> None:
    """Retire at once everything cached under these topics."""
    cache.set_many({_version_key(topic): uuid.uuid4().hex for topic in topics}, None)
    if CONTENT in topics:
        caches[settings.CACHE_MIDDLEWARE_ALIAS].clear()


def retire_on_commit(*topics: str) -> None:
    """Retire once the change is committed (at once outside a transaction)."""
    transaction.on_commit(lambda: retire(*topics))


def retire_content() -> None:
    """Library or starter-template content changed: every public page shows it."""
    retire_on_commit(CONTENT)


def retire_routine(routine) -> None:
    """A routine or one of its sessions or items changed; a starter template is content too."""
    topics = [routine_topic(routine.pk)]
    if routine.is_template:
        topics.append(CONTENT)
    retire_on_commit(*topics)


def content_migrated(**kwargs) -> None:
    """post_migrate receiver: shipped content may have been loaded or changed."""
    retire_on_commit(CONTENT)


def cached_file[T](key: str, render: Callable[[], T], *topics: str) -> T:
    """``render()``'s result, made once per version of `topics` (it must not depend on who asks)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return render()
    key = f"{PREFIX}:file:{key}:" + ":".join(versions(*topics))
    return cache.get_or_set(key, render, settings.PAGE_CACHE_SECONDS)
