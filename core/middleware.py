"""Site-wide middleware: a database outage is a 503 page, not a 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers 503 with Retry-After.

    While PostgreSQL restarts, queries fail at once with OperationalError (no
    server to connect to) or InterfaceError (a connection the restart cut).
    That is an outage, not a bug: the visitor is told to try again shortly.
    Other database errors (an IntegrityError, a ProgrammingError) stay 500s.

    The page is rendered without the request, as Django renders 500.html: the
    layout's context processors would look up the signed-in user, in the
    database that is down.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable (%s %s): %s", request.method, request.path, exception)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
