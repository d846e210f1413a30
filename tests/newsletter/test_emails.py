"""The newsletter's e-mails as they leave: one-click unsubscribe headers a provider can read."""

import email
import email.policy
import re

import pytest
from django.core import mail

from newsletter.emails import Mail, build_message
from newsletter.models import Subscriber
from tests.newsletter.signups import sign_up

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("policy", [email.policy.default, email.policy.SMTP])
def test_list_unsubscribe_headers_go_out_as_plain_ascii(client, policy):
    sign_up(client, "a.rather.long.address.for.a.long.header@example.com")
    sent = mail.outbox[0]
    raw = sent.message(policy=policy).as_bytes()
    raw.decode("ascii")
    assert b"=?utf-8?" not in raw.split(b"\n\n", 1)[0].replace(b"\r", b"")
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    unsubscribe = parsed["List-Unsubscribe"]
    assert re.fullmatch(r"<https://testserver/newsletter/unsubscribe/[^>\s]+/>", unsubscribe)
    assert unsubscribe == sent.extra_headers["List-Unsubscribe"]
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"List-Unsubscribe: {unsubscribe}".encode() in raw


def test_the_greeting_echoes_a_plain_first_name(client):
    sign_up(client, first_name="Zoë-Ann O\N{RIGHT SINGLE QUOTATION MARK}Neil")
    assert mail.outbox[0].body.startswith("Hi Zoë-Ann O\N{RIGHT SINGLE QUOTATION MARK}Neil,")


def test_a_name_stored_before_the_rule_is_never_echoed(client):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    subscriber.first_name = "win at http://spam.example"
    message = build_message(subscriber, Mail.CONFIRM, "https://testserver")
    assert message.body.startswith("Hi,")
    assert "spam.example" not in message.body
    assert "spam.example" not in message.alternatives[0].content
