"""Which pages a shared cache may keep, decided in one place.

A view marked ``@public_page`` shows the same page to every visitor who is not
signed in: no CSRF token (the newsletter signup needs none, see
newsletter.views.signup), no session, nothing personal. Such a page goes out
``Cache-Control: public`` and Django's cache middleware keeps it (in the
``pages`` cache, emptied when content changes: core.invalidation), as would
any shared HTTP cache or CDN in front of the site.

It fails closed. A marked page is public only when the request carried no
cookie and no query parameter the view did not name (a made-up parameter
would otherwise fill the cache with copies), the response sets none and the
content did not change while it was rendered. A response that sets a
cookie to a visitor who sent none means per-visitor state reached the page
(a ``{% csrf_token %}``, or the htmx idiom
``hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'``, makes Django set the
CSRF cookie): it is sent as private, never stored, and logged as an error.
Every other response without its own Cache-Control is ``private, no-cache``.
"""

import logging
from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.invalidation import CONTENT, versions

logger = logging.getLogger(__name__)

# Responses differ by these request headers: the session cookie (signed-in pages
# are never shared, but they share the URL) and htmx's fragment requests.
VARY = ("Cookie", "HX-Request")


def public_page(view=None, *, query_params=()):
    """Mark a view as the same for every visitor without a session (see the module).

    `query_params` names the query parameters that may shape the page; a
    request with any other is answered, but not shared.
    """
    if view is None:
        return lambda view: public_page(view, query_params=query_params)

    @wraps(view)
    def public_view(request, *args, **kwargs):
        request.content_version = versions(CONTENT)
        return view(request, *args, **kwargs)

    public_view.is_public_page = True
    public_view.public_query_params = frozenset(query_params)
    return public_view


def is_shareable(request, response, query_params: frozenset) -> bool:
    if response.cookies and not request.COOKIES:
        logger.error(
            "Public page %s set the cookies %s: sent as private, not cached",
            request.path,
            ", ".join(sorted(response.cookies)),
        )
        return False
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not request.COOKIES
        and set(request.GET) <= query_params
        and not response.cookies
        and getattr(request, "content_version", None) == versions(CONTENT)
    )


class PublicPageMiddleware:
    """Sets the cache headers of every view's response (see the module).

    It sits just below UpdateCacheMiddleware, so it sees the response after
    every other middleware has added its cookies and headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None:
            return response  # a static file (whitenoise) or a request no view saw
        if getattr(match.func, "is_public_page", False):
            patch_vary_headers(response, VARY)
            if is_shareable(request, response, match.func.public_query_params):
                patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
                return response
            patch_cache_control(response, private=True, no_cache=True)
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response
