"""The access log: one line per request, written by Django rather than by gunicorn.

gunicorn's own log writes the request line as the client sent it, and so every
credential a URL carries: newsletter confirmation and unsubscribe tokens, calendar
feed and share tokens, allauth's e-mail and password-reset keys. Here a captured URL
part whose name says it is a credential (`key`, or ending in `token`) is written as
"…". The URL is resolved again for the log, because a page served from the page
cache never reaches the URL resolver.
"""

import logging
import time

from django.urls import Resolver404, resolve

from core.http import client_ip

logger = logging.getLogger("core.access")

REDACTED = "…"


def is_credential(name: str) -> bool:
    return name == "key" or name.endswith("token")


def loggable_path(request) -> str:
    """The path and query of `request` with every credential in the path replaced."""
    path = request.path
    try:
        match = request.resolver_match or resolve(request.path_info)
    except Resolver404:
        match = None
    if match:
        for name, value in match.captured_kwargs.items():
            if is_credential(name) and str(value):
                path = path.replace(str(value), REDACTED)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path


class AccessLogMiddleware:
    """Outermost, so that the time and the status are what the client got."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        if not logger.isEnabledFor(logging.INFO):
            return response
        logger.info(
            '%s "%s %s" %s %.1f ms',
            client_ip(request),
            request.method,
            loggable_path(request),
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response
