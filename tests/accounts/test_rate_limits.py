"""Brute force and e-mail flooding: allauth's limits as config/settings.py states them.

Real allauth through the test client; the client address is REMOTE_ADDR, and the counters
live in the cache, which tests/conftest.py empties before each test.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed login attempts"
PAUSED_HINT = 'id="login-paused"'
TOO_MANY = "Too many attempts"  # templates/429.html
NEW_PASSWORD = "a-new-spring-marathon-block"
LINK = re.compile(r"https?://[^\s]+/accounts/[^\s]+")


def limit(action: str, per: str) -> int:
    """The first (shortest) amount configured for `action` per `ip` or `key`."""
    rates = [rate.split("/") for rate in settings.ACCOUNT_RATE_LIMITS[action].split(",")]
    return next(int(amount) for amount, _duration, unit in rates if unit == per)


def log_in(client, email, password, ip):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


def logged_in(client):
    return client.session.get("_auth_user_id")


def reset(client, email, ip):
    return client.post(reverse("account_reset_password"), {"email": email}, REMOTE_ADDR=ip)


def sign_up(client, email, ip):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=ip,
    )


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


# --- Logins -----------------------------------------------------------------------------------


def test_limits_are_stated_in_settings_and_lock_one_address_before_one_ip():
    assert limit("login_failed", "key") < limit("login_failed", "ip")
    assert {"login_failed", "signup", "reset_password", "confirm_email"} <= set(
        settings.ACCOUNT_RATE_LIMITS
    )


def test_wrong_passwords_lock_the_address_even_for_the_right_password_from_another_ip(client):
    user = UserFactory()
    for attempt in range(limit("login_failed", "key")):
        response = log_in(client, user.email, "not-the-password", f"198.51.100.{attempt + 1}")
        assert "not correct" in response.text

    response = log_in(client, user.email.upper(), PASSWORD, "203.0.113.99")

    assert response.status_code == 200
    assert logged_in(client) is None
    assert LOCKED in response.text
    assert PAUSED_HINT in response.text
    assert reverse("account_reset_password") in response.text


def test_a_locked_address_does_not_lock_out_another_runner_on_the_same_ip(client):
    user, neighbour = UserFactory(), UserFactory()
    for _attempt in range(limit("login_failed", "key")):
        log_in(client, user.email, "not-the-password", "198.51.100.1")

    response = log_in(client, neighbour.email, PASSWORD, "198.51.100.1")

    assert response.status_code == 302
    assert logged_in(client) == str(neighbour.pk)


def test_fewer_wrong_passwords_than_the_limit_still_let_the_runner_in(client):
    user = UserFactory()
    for _attempt in range(limit("login_failed", "key") - 1):
        log_in(client, user.email, "not-the-password", "198.51.100.1")

    response = log_in(client, user.email, PASSWORD, "198.51.100.1")

    assert response.status_code == 302
    assert logged_in(client) == str(user.pk)


def test_a_password_reset_unlocks_a_locked_address(client):
    user = UserFactory()
    for _attempt in range(limit("login_failed", "key")):
        log_in(client, user.email, "not-the-password", "198.51.100.1")
    assert LOCKED in log_in(client, user.email, PASSWORD, "198.51.100.1").text

    reset(client, user.email, "198.51.100.1")
    page = client.get(LINK.search(mails_to(user.email)[-1].body).group(0), follow=True)
    set_password_url = page.redirect_chain[-1][0]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    response = log_in(client, user.email, NEW_PASSWORD, "198.51.100.1")
    assert response.status_code == 302
    assert logged_in(client) == str(user.pk)


def test_wrong_passwords_for_many_addresses_from_one_ip_are_refused(client):
    users = UserFactory.create_batch(limit("login_failed", "ip") + 1)
    for user in users[:-1]:
        response = log_in(client, user.email, "not-the-password", "198.51.100.7")
        assert "not correct" in response.text

    response = log_in(client, users[-1].email, PASSWORD, "198.51.100.7")
    assert logged_in(client) is None
    assert LOCKED in response.text

    response = log_in(client, users[-1].email, PASSWORD, "203.0.113.8")
    assert response.status_code == 302, "the address itself was never locked"
    assert logged_in(client) == str(users[-1].pk)


def test_the_lockout_holds_whatever_host_header_the_attacker_sends(client):
    user = UserFactory()
    for attempt in range(limit("login_failed", "key")):
        log_in(client, user.email, "not-the-password", f"198.51.100.{attempt + 1}")

    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.99",
        HTTP_HOST="testserver:8443",
    )

    assert logged_in(client) is None
    assert LOCKED in response.text


# --- Sign-up ----------------------------------------------------------------------------------


def test_signups_from_one_ip_are_limited(client):
    allowed = limit("signup", "ip")
    for number in range(allowed):
        assert sign_up(client, f"new{number}@example.com", "198.51.100.3").status_code == 302
        client.logout()

    response = sign_up(client, "one-too-many@example.com", "198.51.100.3")

    assert response.status_code == 429
    assert TOO_MANY in response.text
    assert not EmailAddress.objects.filter(email="one-too-many@example.com").exists()
    assert sign_up(client, "one-too-many@example.com", "203.0.113.4").status_code == 302


def test_signing_up_again_with_a_taken_address_sends_one_already_exists_mail(client):
    user = UserFactory()
    for attempt in range(3):
        response = sign_up(client, user.email, f"198.51.100.{attempt + 1}")
        assert response.status_code == 302, "the same answer as for a new address"

    sent = mails_to(user.email)
    assert len(sent) == 1
    assert "Already Exists" in sent[0].subject


# --- Verification e-mails ---------------------------------------------------------------------


def test_confirmation_mail_is_not_resent_on_every_login_attempt(client):
    sign_up(client, "unverified@example.com", "198.51.100.1")
    client.logout()
    assert len(mails_to("unverified@example.com")) == 1

    for attempt in range(3):
        response = log_in(client, "unverified@example.com", PASSWORD, f"203.0.113.{attempt + 1}")
        assert response.url == reverse("account_email_verification_sent")

    assert len(mails_to("unverified@example.com")) == 1
    sign_up(client, "other-runner@example.com", "203.0.113.50")
    assert len(mails_to("other-runner@example.com")) == 1, "the limit is per address"


# --- Password reset ---------------------------------------------------------------------------


@pytest.mark.parametrize("known", [True, False], ids=["account", "no-account"])
def test_password_reset_mails_to_one_address_are_limited(client, known):
    email = UserFactory().email if known else "nobody-here@example.com"
    allowed = limit("reset_password", "key")
    for attempt in range(allowed):
        assert reset(client, email, f"198.51.100.{attempt + 1}").status_code == 302

    response = reset(client, email.upper(), "203.0.113.9")

    assert response.status_code == 429
    assert TOO_MANY in response.text
    assert len(mails_to(email)) == allowed


def test_password_reset_mails_from_one_ip_are_limited(client):
    allowed = limit("reset_password", "ip")
    users = UserFactory.create_batch(allowed + 1)
    for user in users[:-1]:
        assert reset(client, user.email, "198.51.100.5").status_code == 302

    response = reset(client, users[-1].email, "198.51.100.5")

    assert response.status_code == 429
    assert len(mail.outbox) == allowed
    assert not mails_to(users[-1].email)
    assert reset(client, users[-1].email, "203.0.113.5").status_code == 302
    assert len(mails_to(users[-1].email)) == 1
