"""How many queries a page costs, for tests that compare pages of different sizes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url, status=200) -> int:
    """The queries a GET of `url` makes, once it answered `status`."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == status
    return len(queries)
