"""The site's one rule for who a request comes from, and its one address for links."""

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

IPV6_NETWORK_BITS = 64  # one subscriber's line gets a /64: counting each address would not limit


def client_ip(request) -> str:
    """The client's address, for rate limits: REMOTE_ADDR, or behind the TLS proxy
    (TRUSTED_PROXY_COUNT proxies, each appending to X-Forwarded-For) the address
    the nearest trusted proxy saw. An IPv6 address stands for its /64 network.

    allauth's limits use the same rule (accounts.adapter.AccountAdapter.get_client_ip).
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address  # not an address (a test client, a misconfigured proxy): counted as given
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_NETWORK_BITS}", strict=False))
    return str(ip)


def site_url(url: str) -> str:
    """`url` (a path, or a URL built from a request) on the site's own address, SITE_URL.

    Links in e-mails are made from SITE_URL, never from the request: a request's
    Host header is the client's to choose, and ALLOWED_HOSTS ignores its port.
    """
    site = urlsplit(settings.SITE_URL)
    parts = urlsplit(url)
    path = site.path.rstrip("/") + parts.path
    return urlunsplit((site.scheme, site.netloc, path, parts.query, parts.fragment))
