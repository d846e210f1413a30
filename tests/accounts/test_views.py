import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from plans.models import Routine, RoutineItem, Session
from tests.accounts.factories import PASSWORD, UserFactory
from tests.plans.factories import RoutineItemFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
LINK = re.compile(r"https?://[^\s]+/accounts/[^\s]+")


def link_in_last_mail():
    assert mail.outbox, "no e-mail was sent"
    return LINK.search(mail.outbox[-1].body).group(0)


def logged_in_user(client):
    return client.session.get("_auth_user_id")


def log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_sign_up_sends_verification_and_login_works_only_after_it(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "New.Runner@Example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="new.runner@example.com")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    confirm_url = link_in_last_mail()

    client.logout()
    response = log_in(client, "new.runner@example.com", PASSWORD)
    assert logged_in_user(client) is None, "an unverified address must not log in"
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")

    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "Confirm" in page.content.decode()
    client.post(confirm_url)
    assert EmailAddress.objects.get(user=user).verified

    response = log_in(client, "NEW.runner@example.com", PASSWORD)
    assert response.status_code == 302
    assert logged_in_user(client) == str(user.pk)


def test_sign_up_form_shows_errors_next_to_fields(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "not-an-email", "password1": PASSWORD, "password2": "different"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_email"' in html
    assert "is-invalid" in html
    assert 'for="id_email"' in html, "the e-mail field has a visible label"
    assert not User.objects.exists()


def test_login_with_wrong_password_fails(client, user):
    response = log_in(client, user.email, "not-the-password")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert logged_in_user(client) is None


def test_logout_needs_post(client, user):
    client.force_login(user)
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert logged_in_user(client) == str(user.pk), "GET must not log out"
    client.post(reverse("account_logout"))
    assert logged_in_user(client) is None


def test_password_reset_link_sets_a_new_password(client, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    reset_url = link_in_last_mail()
    page = client.get(reset_url, follow=True)
    assert page.status_code == 200
    set_password_url = page.redirect_chain[-1][0] if page.redirect_chain else reset_url
    new_password = "a-new-spring-marathon-block"
    response = client.post(set_password_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    log_in(client, user.email, new_password)
    assert logged_in_user(client) == str(user.pk)


def test_password_change_needs_the_old_password(client, user):
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "wrong",
            "password1": "brand-new-pass-99",
            "password2": "brand-new-pass-99",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_profile_saves_display_name_and_unit(client, user):
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "Paula", "weight_unit": "lb"}, follow=True
    )
    assert "Your account settings are saved." in response.content.decode()
    user.refresh_from_db()
    assert (user.display_name, user.weight_unit) == ("Paula", "lb")


def test_profile_rejects_unknown_unit_with_a_field_error(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"display_name": "P", "weight_unit": "st"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_account_pages_need_login(client):
    for name in ["accounts:profile", "accounts:export", "accounts:delete"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_data_export_contains_my_data_and_nobody_elses(client, user, other_user):
    mine = RoutineItemFactory(
        session__routine__owner=user,
        session__routine__name="Mine",
        load_kind="",
        load_note="2 × 16 kg",
    )
    RoutineItemFactory(session__routine__owner=other_user, session__routine__name="Theirs")
    client.force_login(user)
    response = client.get(reverse("accounts:export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert [a["email"] for a in data["email_addresses"]] == [user.email]
    assert [r["name"] for r in data["routines"]] == ["Mine"]
    exported = data["routines"][0]["sessions"][0]["exercises"][0]
    assert exported["exercise"] == mine.exercise.name
    assert exported["load"] == "2 × 16 kg"
    assert other_user.email not in response.content.decode()
    assert "Theirs" not in response.content.decode()


def test_delete_account_with_wrong_password_keeps_everything(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account_removes_the_user_and_their_data(client, user, other_user):
    RoutineItemFactory(session__routine__owner=user)
    theirs = RoutineItemFactory(session__routine__owner=other_user)
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD}, follow=True)
    assert "Your account and everything in it have been deleted." in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert not Routine.objects.filter(owner_id=user.pk).exists()
    assert Session.objects.filter(routine__owner=other_user).count() == 1
    assert RoutineItem.objects.filter(pk=theirs.pk).exists()
    assert logged_in_user(client) is None
    assert User.objects.filter(pk=other_user.pk).exists()


def test_email_is_unique_whatever_its_case(db):
    UserFactory(email="pace@example.com")
    with pytest.raises(Exception, match=r"(?i)unique"):
        UserFactory(email="PACE@example.com")


def test_export_and_deletion_cover_the_newsletter_signup(client, user):
    from newsletter.models import Subscriber

    Subscriber.objects.create(
        email=user.email.upper(), consent_text="Yes please", consented_at="2026-01-01T00:00Z"
    )
    client.force_login(user)
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert data["newsletter"][0]["consent_text"] == "Yes please"
    client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert not Subscriber.objects.exists()
