"""The sign-up form: a taken address looks, and costs, the same as a new one."""

import pytest
from django.core import mail
from django.db.models.signals import pre_save
from django.test import override_settings
from django.urls import reverse

from accounts.forms import DELETE_ATTEMPTS
from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.hashers import COUNTING_HASHERS, hashes_during

pytestmark = pytest.mark.django_db


def sign_up(client, email):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


@override_settings(PASSWORD_HASHERS=COUNTING_HASHERS)
def test_signing_up_with_a_taken_address_hashes_the_password_as_a_new_account_does(client):
    member = UserFactory()
    responses = []

    taken = hashes_during(lambda: responses.append(sign_up(client, member.email)))
    new = hashes_during(lambda: responses.append(sign_up(client, "new-runner@example.com")))

    assert taken == new == 1
    assert [r["Location"] for r in responses] == [reverse("account_email_verification_sent")] * 2


def test_an_address_taken_while_signing_up_is_answered_as_a_taken_address(client):
    """Two sign-ups with one new address at the same moment: the other request's insert
    lands between this one's check and its own insert (made here on the same connection,
    so it is rolled back with this one's failed insert)."""
    email = "twice@example.com"

    def the_other_request_wins(sender, instance, **kwargs):
        if instance.email == email and not instance.pk:
            pre_save.disconnect(the_other_request_wins, sender=User)
            UserFactory(email=email)

    pre_save.connect(the_other_request_wins, sender=User)
    try:
        response = sign_up(client, email)
    finally:
        pre_save.disconnect(the_other_request_wins, sender=User)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([email], "[Runner Strength] Account Already Exists")
    ]


def test_the_delete_account_form_stops_guessing_after_five_tries(client, user):
    client.force_login(user)
    for _ in range(DELETE_ATTEMPTS[0]):
        response = client.post(reverse("accounts:delete"), {"password": "guess"})
        assert "That is not your password." in response.text

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert "Too many tries. Wait 15 minutes" in response.text
    assert User.objects.filter(pk=user.pk).exists()
