"""The admin signs in through allauth's login: one set of limits and lockouts for everyone."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.hashers import COUNTING_HASHERS, hashes_during

pytestmark = pytest.mark.django_db


def admin_log_in(client, email, password):
    return client.post(
        reverse("admin:login"), {"username": email, "password": password}, REMOTE_ADDR="192.0.2.7"
    )


def test_the_admin_login_sends_a_visitor_to_the_site_login_and_signs_nobody_in(client):
    staff = UserFactory(is_staff=True)

    response = admin_log_in(client, staff.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert "_auth_user_id" not in client.session


def test_a_locked_staff_account_cannot_sign_in_through_the_admin(client):
    staff = UserFactory(is_staff=True)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": staff.email, "password": "wrong"})

    admin_log_in(client, staff.email, PASSWORD)
    response = client.post(
        reverse("account_login") + "?next=" + reverse("admin:index"),
        {"login": staff.email, "password": PASSWORD},
    )

    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_staff_reach_the_admin_after_the_site_login(client):
    staff = UserFactory(is_staff=True)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})

    assert client.get(reverse("admin:login")).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_member_who_is_not_staff_is_refused_the_admin_login(client):
    client.force_login(UserFactory())

    assert client.get(reverse("admin:login")).status_code == 403


@override_settings(PASSWORD_HASHERS=COUNTING_HASHERS)
def test_a_wrong_password_is_hashed_as_often_as_a_right_one(client):
    """Hashing twice on failure told a timing attacker which passwords were right."""
    user = UserFactory(password=PASSWORD)

    def log_in(password):
        return lambda: client.post(
            reverse("account_login"), {"login": user.email, "password": password}
        )

    wrong = hashes_during(log_in("not-the-password"))
    unknown = hashes_during(
        lambda: client.post(
            reverse("account_login"), {"login": "nobody@example.com", "password": PASSWORD}
        )
    )
    right = hashes_during(log_in(PASSWORD))

    assert wrong == unknown == right == 1
