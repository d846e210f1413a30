"""Whole pages and downloads from the cache.

Library and template pages are the same for every visitor who is not signed
in, except for one thing: the CSRF token in the newsletter form. So a page is
stored once, keyed by its path and query string, with the token cut out, and
each hit puts this visitor's token back in. Django's own cache middleware
cannot do this: it stores nothing for a response that sets the CSRF cookie.
A signed-in runner's routine page and downloads are stored the same way,
under the routine's own topic, which every change to it retires
(plans.signals), and the runner's own topic, which every save of their user
row retires (accounts.backends keeps that row in the cache too).

Each topic has a version in the cache. Saving library or starter-template
content (in the admin, a migration, or a script that calls
`retire(CONTENT)`) gives the content topic a new version, which retires
everything that shows it at once. Entries carry the versions they were made
from, so a render that races a save can never outlive it.

Served pages get an ETag for conditional GET. It covers this visitor's CSRF
secret too: a browser holding a page whose token no longer matches its cookie
gets a fresh page, not a 304.

Browsers ask for gzip, and compressing a page costs more than everything
else a hit does, so a page is stored compressed too: each part between two
tokens is deflated once, on its own and ending on a byte boundary, and each
hit joins those parts with the visitor's token as an uncompressed ("stored")
deflate block (RFC 1951, 3.2.4) into one gzip stream (RFC 1952). The token
is never compressed together with the rest of the page, so the length of
the response says nothing about it (no BREACH).
"""

import hashlib
import re
import struct
import uuid
import zlib
from dataclasses import dataclass
from functools import partial, wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from config.csrf import get_token

CONTENT = "content"
# Every key starts with this; change it when a stored page changes shape, so that
# entries of the old shape are never read.
PREFIX = "pagecache:5"
PLACEHOLDER = b"\x00csrf\x00"
TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# No file name, no time stamp, "unknown" operating system; an empty last block.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
GZIP_LAST_BLOCK = b"\x03\x00"


def deflate(part: bytes) -> bytes:
    """Raw deflate of `part` that ends byte-aligned, ready to be followed by any block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(part) + compressor.flush(zlib.Z_SYNC_FLUSH)


@dataclass(frozen=True)
class PlainPage:
    """The encoded body, cut where the visitor's CSRF token goes: a hit only
    joins bytes, with no search and no encoding."""

    digest: str
    parts: tuple[bytes, ...]
    content_type: str
    encoding = ""

    @property
    def takes_token(self) -> bool:
        return len(self.parts) > 1

    def body(self, token: bytes) -> bytes:
        return token.join(self.parts)


@dataclass(frozen=True)
class GzippedPage:
    """The same page as a gzip stream, its parts deflate()d once.

    It keeps only what a hit needs: the plain parts after the first one
    (the trailer's CRC-32 runs on from the first part's over the tokens and
    them) and the plain length without the tokens. Stored apart from the
    plain copy, a hit fetches a few kilobytes, not the whole page twice.
    """

    digest: str
    deflated: tuple[bytes, ...]
    head_crc: int
    size: int
    tail: tuple[bytes, ...]
    content_type: str
    encoding = "gzip"

    @property
    def takes_token(self) -> bool:
        return bool(self.tail)

    def body(self, token: bytes) -> bytes:
        crc = self.head_crc
        for part in self.tail:
            crc = zlib.crc32(part, zlib.crc32(token, crc))
        size = self.size + len(token) * len(self.tail)
        stored = b"\x00" + struct.pack("<HH", len(token), len(token) ^ 0xFFFF) + token
        trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
        return GZIP_HEADER + stored.join(self.deflated) + GZIP_LAST_BLOCK + trailer


def cut(body: bytes, *, content_type: str) -> dict[str, PlainPage | GzippedPage]:
    """The page with PLACEHOLDER where the token goes, in each encoding, by encoding."""
    parts = tuple(body.split(PLACEHOLDER))
    digest = hashlib.sha256(body).hexdigest()[:20]
    plain = PlainPage(digest=digest, parts=parts, content_type=content_type)
    gzipped = GzippedPage(
        digest=digest,
        deflated=tuple(map(deflate, parts)),
        head_crc=zlib.crc32(parts[0]),
        size=sum(map(len, parts)),
        tail=parts[1:],
        content_type=content_type,
    )
    return {page.encoding: page for page in (plain, gzipped)}


def user_topic(user_id) -> str:
    return f"user:{user_id}"


def version_key(topic: str) -> str:
    return f"{PREFIX}:version:{topic}"


def retire(*topics: str) -> None:
    """Retire at once everything stored under these topics."""
    cache.set_many({version_key(topic): uuid.uuid4().hex for topic in topics}, None)


def retire_on_commit(*topics: str) -> None:
    """Retire once the change is committed, not before: a page rendered from the
    old rows while the transaction was open must not be stored as current."""
    transaction.on_commit(lambda: retire(*topics))


def content_changed(**kwargs) -> None:
    """A signal receiver: library or template content changed."""
    retire_on_commit(CONTENT)


def fetch(key: str, topics: tuple[str, ...]):
    """The value stored under `key` if no topic has been retired since, and the versions.

    One round trip to the cache: the versions and the entry come together.
    """
    keys = [version_key(topic) for topic in topics]
    found = cache.get_many([*keys, key])
    for missing in (k for k in keys if k not in found):
        cache.add(missing, uuid.uuid4().hex, None)
        found[missing] = cache.get(missing)
    versions = tuple(found[k] for k in keys)
    stored_versions, value = found.get(key, (None, None))
    return (value if stored_versions == versions else None), versions


def keep(values: dict, versions: tuple[str, ...]) -> None:
    entries = {key: (versions, value) for key, value in values.items()}
    cache.set_many(entries, settings.PAGE_CACHE_SECONDS)


def cached_value(key: str, render, topics: tuple[str, ...] = (CONTENT,)):
    """`render()`'s result, made once until a topic is retired (it must not depend on who asks).

    A result of None is not kept.
    """
    if settings.PAGE_CACHE_SECONDS <= 0:
        return render()
    key = f"{PREFIX}:value:{key}"
    value, versions = fetch(key, topics)
    if value is None:
        value = render()
        if value is not None:
            keep({key: value}, versions)
    return value


def store(response) -> dict[str, PlainPage | GzippedPage] | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if hasattr(response, "render"):
        response.render()
    body = TOKEN_FIELD.sub(rb"\g<1>" + PLACEHOLDER + rb"\g<2>", response.content)
    return cut(body, content_type=response["Content-Type"])


def serve(request, page: PlainPage | GzippedPage) -> HttpResponse:
    validator = page.digest
    token = b""
    if page.takes_token:
        # The page a browser holds is only good with the CSRF secret it was
        # served for: the ETag names the secret (hashed), new or from the cookie.
        token = get_token(request).encode()
        secret = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()[:12]
        validator = f"{page.digest}-{secret}"
    etag = f'"{validator}-{page.encoding}"' if page.encoding else f'"{validator}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(page.body(token), content_type=page.content_type)
        if page.encoding:
            response["Content-Encoding"] = page.encoding
    response["ETag"] = etag
    patch_vary_headers(response, ("Accept-Encoding",))
    # The body holds this visitor's CSRF token: browsers may keep it, shared caches may not.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def cached_page(request, key: str, render, topics: tuple[str, ...]) -> HttpResponse:
    """The page from the cache in the encoding the request accepts, stored in both."""
    # The same test as GZipMiddleware's, so a page it would compress goes out gzipped.
    accepts_gzip = re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
    encoding = "gzip" if accepts_gzip else ""
    page, versions = fetch(f"{key}:{encoding}", topics)
    if page is None:
        response = render()
        pages = store(response)
        if pages is None:
            return response
        keep({f"{key}:{name}": stored for name, stored in pages.items()}, versions)
        page = pages[encoding]
    return serve(request, page)


def is_plain_get(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS > 0
        and not request.htmx
        and not request.COOKIES.get(CookieStorage.cookie_name)
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
        render = partial(view, request, *args, **kwargs)
        return cached_page(request, f"{PREFIX}:page:{path}", render, (CONTENT,))

    return cached_view


def personal_page(request, key: str, render, topic: str) -> HttpResponse:
    """`render()` from the cache for this signed-in user, under `key`, until
    `topic`, the user's row (the page shows their address in the newsletter
    form) or the library content changes.

    An entry is stored only after `render()` succeeded for this user, so a
    hit needs no permission query: another user's key never holds it.
    """
    if not is_plain_get(request) or request.session.get(SessionStorage.session_key):
        return render()
    user_id = request.user.pk
    key = f"{PREFIX}:user:{user_id}:{key}"
    return cached_page(request, key, render, (CONTENT, user_topic(user_id), topic))
