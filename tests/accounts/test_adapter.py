"""allauth as the site adapts it: links in its e-mails point at SITE_URL, whatever Host was sent."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("on_the_site"),
]

SITE = "https://runnerstrength.example"
FORGED_HOST = "testserver:6666"  # ALLOWED_HOSTS ignores the port
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def on_the_site():
    with override_settings(SITE_URL=SITE):
        yield


def links_in(message) -> list[str]:
    return URL.findall(message.body)


def test_a_password_reset_link_points_at_the_site_whatever_host_was_sent(client):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST=FORGED_HOST)

    (message,) = mail.outbox
    assert links_in(message)
    assert all(link.startswith(SITE + "/accounts/") for link in links_in(message))
    assert "6666" not in message.body


def test_sign_up_mails_point_at_the_site_whatever_host_was_sent(client):
    member = UserFactory()
    for email in ("new-runner@example.com", member.email):
        client.post(
            reverse("account_signup"),
            {"email": email, "password1": PASSWORD, "password2": PASSWORD},
            HTTP_HOST=FORGED_HOST,
        )

    assert [m.to for m in mail.outbox] == [["new-runner@example.com"], [member.email]]
    for message in mail.outbox:
        assert links_in(message)
        assert all(link.startswith(SITE + "/accounts/") for link in links_in(message))
        assert "6666" not in message.body
