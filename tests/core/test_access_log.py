"""The access log: a line per request, with the credentials URLs carry left out (finding I5)."""

import logging
import re

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.access_log import REDACTED, is_credential
from tests.newsletter.signups import links_in, path_of, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def access_log(caplog):
    caplog.set_level(logging.INFO, logger="core.access")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "core.access"]


def test_a_newsletter_confirmation_link_is_logged_without_its_token(client, access_log):
    sign_up(client)
    confirm = path_of(links_in(mail.outbox[0])[0])
    token = confirm.rstrip("/").rsplit("/", 1)[1]

    client.get(confirm)

    line = access_log()[-1]
    redacted = reverse("newsletter:confirm", args=["TOKEN"]).replace("TOKEN", REDACTED)
    assert f'"GET {redacted}" 200 ' in line
    assert token not in "\n".join(access_log())


def test_a_wrong_token_is_left_out_too(client, access_log):
    client.get(reverse("newsletter:unsubscribe", args=["made-up-token"]))
    assert "made-up-token" not in access_log()[-1]
    assert " 400 " in access_log()[-1] or " 404 " in access_log()[-1]


def test_allauths_password_reset_key_is_left_out(client, access_log):
    client.get("/accounts/password/reset/key/1a-set-a-secret-key/")
    assert "set-a-secret-key" not in access_log()[-1]


def test_other_pages_are_logged_with_their_path_query_status_and_client(client, access_log):
    client.get(reverse("exercises:list"), {"q": "squats"}, REMOTE_ADDR="203.0.113.9")
    line = access_log()[-1]
    assert re.fullmatch(r'203\.0\.113\.9 "GET /exercises/\?q=squats" 200 [\d.]+ ms', line)


def url_parameters(resolver=None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_parameters(pattern)
        elif isinstance(pattern, URLPattern):
            converters = getattr(pattern.pattern, "converters", {})
            yield from converters
            yield from pattern.pattern.regex.groupindex


def test_every_url_part_named_like_a_secret_is_left_out_of_the_log():
    names = set(url_parameters())
    secret_looking = {n for n in names if re.search(r"token|key|secret|code|password", n)}
    assert {"token", "key"} <= secret_looking
    assert all(is_credential(name) for name in secret_looking), sorted(secret_looking)
