"""core.http.client_ip: one rule for who a request comes from, for every rate limit."""

import pytest
from django.test import RequestFactory

from accounts.adapter import AccountAdapter
from core.http import client_ip


def request_from(remote_addr, forwarded=None):
    headers = {"x-forwarded-for": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_without_a_proxy_the_client_is_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


def test_behind_the_tls_proxy_the_client_is_the_address_the_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed_then_real = "198.51.100.1, 203.0.113.7"
    assert client_ip(request_from("10.0.0.2", forwarded=spoofed_then_real)) == "203.0.113.7"


def test_behind_the_proxy_a_request_without_the_header_counts_as_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("203.0.113.7", "203.0.113.7"),
    ],
)
def test_an_ipv6_address_counts_as_its_64_network(settings, address, counted_as):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(address)) == counted_as


def test_allauths_limits_use_the_same_rule(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_from("10.0.0.2", forwarded="2001:db8:1:2:aaaa::1")
    assert AccountAdapter(request).get_client_ip(request) == "2001:db8:1:2::/64"
