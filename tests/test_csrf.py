"""config.csrf: the CSRF token cached pages carry, checked by Django's own middleware."""

from collections import Counter

import pytest
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CsrfViewMiddleware
from django.test import RequestFactory

from config import csrf

SECRET = "a" * 16 + "Z9" * 8


def middleware():
    return CsrfViewMiddleware(lambda request: HttpResponse())


def accepted(cookie: str, token: str) -> bool:
    """Whether the middleware lets through a form POST carrying `token` from a
    browser holding the CSRF cookie `cookie` (it checks before the view runs)."""
    request = RequestFactory().post("/newsletter/", {"csrfmiddlewaretoken": token})
    request.COOKIES["csrftoken"] = cookie
    checker = middleware()
    checker.process_request(request)
    refusal = checker.process_view(request, lambda request: None, (), {})
    assert refusal is None or refusal.status_code == 403
    return refusal is None


def test_a_new_visitor_gets_a_secret_the_middleware_sends_as_the_cookie():
    request = RequestFactory().get("/")
    token = csrf.get_token(request)
    response = middleware().process_response(request, HttpResponse())
    cookie = response.cookies["csrftoken"].value
    assert cookie == request.META["CSRF_COOKIE"]
    assert len(cookie) == 32
    assert len(token) == 64
    assert set(token + cookie) <= set(CSRF_ALLOWED_CHARS)
    assert accepted(cookie, token)


def test_the_token_matches_only_the_secret_it_was_made_for():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = SECRET
    token = csrf.get_token(request)
    assert request.META["CSRF_COOKIE"] == SECRET
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert accepted(SECRET, token)
    assert not accepted(SECRET[::-1], token)


def test_each_response_gets_a_new_mask_for_the_same_secret():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = SECRET
    tokens = {csrf.get_token(request) for _ in range(50)}
    assert len(tokens) == 50
    assert all(accepted(SECRET, token) for token in tokens)


def test_every_character_is_equally_likely():
    """Mapping random bytes onto 62 characters without dropping any would make
    the first eight a quarter more likely than the rest."""
    counts = Counter("".join(csrf.random_string(64) for _ in range(2000)))
    expected = 2000 * 64 / len(CSRF_ALLOWED_CHARS)
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    # About 45 either side is one standard deviation; the bias would add about 430.
    assert all(abs(count - expected) < 300 for count in counts.values()), counts


@pytest.mark.parametrize("length", [1, 32, 64, 500])
def test_random_strings_have_the_length_asked_for(length):
    assert len(csrf.random_string(length)) == length
