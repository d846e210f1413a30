"""The canonical address of every page, on SITE_URL."""

from core.http import site_url


def canonical(request):
    """The page's path without its query: filters, pages and unknown parameters never make
    a page of their own. A view whose page a parameter does name (a movement pattern of
    the library) passes its own `canonical_url`, which wins over this."""
    return {"canonical_url": site_url(request.path)}
