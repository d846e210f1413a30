"""Whole pages and downloads from the cache.

Library and template pages are the same for every visitor who is not signed
in, except for one thing: the CSRF token in the newsletter form. So a page is
stored once, keyed by its path and query string, with the token cut out, and
each hit puts this visitor's token back in. Django's own cache middleware
cannot do this: it stores nothing for a response that sets the CSRF cookie.
A signed-in runner's routine page and downloads are stored the same way, keyed
by the routine's `updated` time, which every change to it moves on
(plans.signals).

Saving any library or starter-template content (in the admin, a migration or a
script that calls `retire_pages()`) gives the cache a new content version,
which retires everything stored at once. Entries carry the version they were
made from, so a render that races a save can never outlive it.

Served pages get an ETag for conditional GET. It covers this visitor's CSRF
secret too: a browser holding a page whose token no longer matches its cookie
gets a fresh page, not a 304.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control

VERSION_KEY = "pagecache:version"
PLACEHOLDER = "\x00csrf\x00"
TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


@dataclass(frozen=True)
class StoredPage:
    digest: str
    body: str
    content_type: str


def retire_pages() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def content_changed(**kwargs) -> None:
    """Retire every stored page once the change is committed (a signal receiver).

    After the commit, not before: a page rendered from the old rows while the
    transaction was open must not be stored under the new version.
    """
    transaction.on_commit(retire_pages)


def fetch(key: str):
    """The value stored under `key` for the current content version (or None), and the version."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    stored_version, value = found.get(key, (None, None))
    return (value if stored_version == version else None), version


def keep(key: str, version: str, value) -> None:
    cache.set(key, (version, value), settings.PAGE_CACHE_SECONDS)


def cached_file(key: str, render):
    """`render()`'s result, made once per content version (`render` must not depend on who asks)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return render()
    value, version = fetch(f"pagecache:file:{key}")
    if value is None:
        value = render()
        keep(f"pagecache:file:{key}", version, value)
    return value


def store(response) -> StoredPage | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if hasattr(response, "render"):
        response.render()
    body = TOKEN_FIELD.sub(rf"\g<1>{PLACEHOLDER}\g<2>", response.content.decode())
    return StoredPage(
        digest=hashlib.sha256(body.encode()).hexdigest()[:20],
        body=body,
        content_type=response["Content-Type"],
    )


def serve(request, page: StoredPage) -> HttpResponse:
    etag = f'"{page.digest}"'
    if PLACEHOLDER in page.body:
        # The page a browser holds is only good with the CSRF secret it was
        # served for: the ETag names the secret (hashed), new or from the cookie.
        token = get_token(request)
        secret = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()[:12]
        etag = f'"{page.digest}-{secret}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        body = page.body.replace(PLACEHOLDER, token) if PLACEHOLDER in page.body else page.body
        response = HttpResponse(body, content_type=page.content_type)
    response["ETag"] = etag
    # The body holds this visitor's CSRF token: browsers may keep it, shared caches may not.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def cached_page(request, key: str, render) -> HttpResponse:
    page, version = fetch(key)
    if page is None:
        response = render()
        page = store(response)
        if page is None:
            return response
        keep(key, version, page)
    return serve(request, page)


def is_plain_get(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and "HX-Request" not in request.headers
        and CookieStorage.cookie_name not in request.COOKIES
    )


def public_page(view):
    """Serve `view` from the cache to visitors without a session.

    Such a visitor is anonymous without a database lookup, has no messages
    waiting, and nothing on the page can be theirs alone but the CSRF token.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not is_plain_get(request) or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        return cached_page(
            request, f"pagecache:page:{path}", lambda: view(request, *args, **kwargs)
        )

    return cached_view


def personal_page(request, key: str, render) -> HttpResponse:
    """`render()` from the cache for this signed-in user, under `key`.

    `key` must change whenever the page would: the page also shows the user's
    address (in the newsletter form), so that is part of the key too.
    """
    if not is_plain_get(request) or request.session.get(SessionStorage.session_key):
        return render()
    user = request.user
    address = hashlib.sha256(user.email.encode()).hexdigest()[:12]
    return cached_page(request, f"pagecache:user:{user.pk}:{address}:{key}", render)
