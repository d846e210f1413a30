"""The newsletter's pages: signup, confirmation, downloads, unsubscribe, limits."""

import io
import re
import time

import pytest
from django.core import mail, signing
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from newsletter import emails, services, tokens
from newsletter.models import Subscriber
from tests.newsletter.signups import (
    CHECK_INBOX,
    SIGNUP,
    links_in,
    minutes_later,
    path_of,
    sign_up,
    template_exercise_names,
)

pytestmark = pytest.mark.django_db


def test_the_whole_happy_path(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == CHECK_INBOX
    assert "Check your inbox" in client.get(CHECK_INBOX).text

    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_text == services.CONSENT_TEXT
    assert subscriber.consent_page == "/exercises/"
    assert subscriber.consented_at is not None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@example.com"]
    assert message.alternatives[0].mimetype == "text/html"
    confirm_url = links_in(message)[0]
    assert "/newsletter/confirm/" in confirm_url
    assert confirm_url in message.alternatives[0].content
    assert str(subscriber.pk) not in path_of(confirm_url).split("/")

    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    assert "Confirm and download my template" in page.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING, "opening changes nothing"

    pressed = client.post(path_of(confirm_url))
    assert pressed.status_code == 303
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    page = client.get(pressed.url)
    assert page.status_code == 200
    assert re.search(r"<script src=\"/static/js/download-now\.\w+\.js\" defer>", page.text), (
        "the download starts by itself"
    )
    pdf_url = re.search(r'href="([^"]+\.pdf)" download data-download-now', page.text).group(1)
    xlsx_url = re.search(r'href="([^"]+\.xlsx)"', page.text).group(1)

    pdf = client.get(pdf_url)
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for name in template_exercise_names():
        assert name in text
    xlsx = client.get(xlsx_url)
    sheet = load_workbook(io.BytesIO(xlsx.content))["Routine"]
    assert [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)] == (
        template_exercise_names()
    )


def confirm_path():
    return path_of(links_in(mail.outbox[0])[0])


@pytest.mark.parametrize("method", ["get", "head"])
def test_opening_the_confirmation_link_changes_nothing(client, method):
    """Link scanners open every link in an e-mail before the person does."""
    sign_up(client)
    response = getattr(Client(enforce_csrf_checks=True), method)(confirm_path())
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmed_at is None


def test_the_press_confirms_and_answers_with_the_download(client):
    sign_up(client)
    response = Client(enforce_csrf_checks=True).post(confirm_path())
    assert response.status_code == 303
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    page = client.get(response.url)
    pdf_path = re.search(r'href="([^"]+\.pdf)" download data-download-now', page.text).group(1)
    download = client.get(pdf_path)
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_pressing_twice_or_coming_back_later_offers_the_template_again(client):
    sign_up(client)
    first = client.post(confirm_path())
    confirmed_at = Subscriber.objects.get().confirmed_at
    again = client.post(confirm_path())
    assert again.status_code == 303
    assert again.url == first.url
    assert Subscriber.objects.get().confirmed_at == confirmed_at
    later = client.get(confirm_path())
    assert "You're already subscribed" in later.text
    assert "Confirm and download my template" in later.text
    assert ".pdf" in client.get(again.url).text


def test_an_old_link_after_unsubscribing_does_not_subscribe_again(client):
    sign_up(client)
    old_confirm = confirm_path()
    client.post(old_confirm)
    client.post(path_of(mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]))
    for method in (client.get, client.post):
        response = method(old_confirm)
        assert response.status_code == 400
        assert "This confirmation link is from an earlier signup" in response.text
        assert 'action="/newsletter/"' in response.text, "it offers to sign up again"
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED

    minutes_later()
    sign_up(client)
    assert client.post(old_confirm).status_code == 400, "a new signup has a new link"
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    client.post(path_of(links_in(mail.outbox[-1])[0]))
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_the_four_repeat_cases_look_the_same_and_send_the_right_mail(client):
    new = sign_up(client, "new@example.com")
    Subscriber.objects.create(
        email="pending@example.com", consent_text="x", consented_at="2026-01-01T00:00Z"
    )
    Subscriber.objects.create(
        email="confirmed@example.com",
        status=Subscriber.Status.CONFIRMED,
        consent_text="x",
        consented_at="2026-01-01T00:00Z",
    )
    Subscriber.objects.create(
        email="left@example.com",
        status=Subscriber.Status.UNSUBSCRIBED,
        consent_text="x",
        consented_at="2026-01-01T00:00Z",
    )
    mail.outbox.clear()
    responses = [
        new,
        sign_up(client, "Pending@Example.com"),
        sign_up(client, "confirmed@example.com"),
        sign_up(client, "left@example.com"),
    ]
    assert {(r.status_code, r.url) for r in responses} == {(302, CHECK_INBOX)}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["pending@example.com"] == emails.SUBJECTS[emails.Mail.CONFIRM]
    assert subjects["left@example.com"] == emails.SUBJECTS[emails.Mail.CONFIRM]
    assert subjects["confirmed@example.com"] == (emails.SUBJECTS[emails.Mail.ALREADY_SUBSCRIBED])
    already = next(m for m in mail.outbox if m.to == ["confirmed@example.com"])
    assert any(link.endswith(".pdf") for link in links_in(already))
    assert Subscriber.objects.get(email="left@example.com").status == Subscriber.Status.PENDING
    assert Subscriber.objects.count() == 4, "addresses are unique whatever their case"


def test_every_email_carries_one_click_unsubscribe_headers(client):
    sign_up(client, "one@example.com")
    Subscriber.objects.filter(email="one@example.com").update(status=Subscriber.Status.CONFIRMED)
    minutes_later()
    sign_up(client, "one@example.com")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        header = message.extra_headers["List-Unsubscribe"]
        assert re.fullmatch(r"<https://testserver/newsletter/unsubscribe/[^>]+/>", header)
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert header[1:-1] in message.body
        rendered = message.message().as_string()
        assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in rendered


def test_one_click_unsubscribe_by_post_needs_no_csrf_token(client):
    sign_up(client)
    unsubscribe_url = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(path_of(unsubscribe_url))
    assert "Unsubscribe from the newsletter?" in page.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING, "GET changes nothing"
    response = strict.post(
        path_of(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None


def test_resubscribing_goes_through_confirmation_again(client):
    sign_up(client)
    client.post(path_of(links_in(mail.outbox[0])[0]))
    client.post(path_of(mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]))
    mail.outbox.clear()
    minutes_later()
    sign_up(client)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert mail.outbox[0].subject == emails.SUBJECTS[emails.Mail.CONFIRM]


class OldSigner(signing.TimestampSigner):
    """Signs as if it were eight days ago: a genuinely expired link."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)


def test_an_expired_link_offers_a_new_one(client):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    token = OldSigner(salt="newsletter.confirm").sign(subscriber.key.hex)
    response = client.get(reverse("newsletter:confirm", args=[token]))
    assert response.status_code == 400
    assert "This link has expired or is not valid" in response.text
    assert 'action="/newsletter/"' in response.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a:b:c", "x" * 500, "%00", "1", "..", "' OR 1=1 --"],
)
def test_tampered_links_are_a_clear_400_never_a_500(client, token):
    sign_up(client)
    for name in ("newsletter:confirm", "newsletter:unsubscribe", "newsletter:template-pdf"):
        response = client.get(reverse(name, args=[token]))
        assert response.status_code == 400, name
        assert "This link has expired or is not valid" in response.text


def test_a_link_for_one_purpose_does_not_work_for_another(client):
    sign_up(client)
    subscriber = Subscriber.objects.get()
    confirm_token = tokens.make_token(subscriber, tokens.Purpose.CONFIRM)
    assert client.get(reverse("newsletter:template-pdf", args=[confirm_token])).status_code == 400
    assert client.post(reverse("newsletter:unsubscribe", args=[confirm_token])).status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_the_download_needs_a_confirmed_subscriber(client):
    sign_up(client)
    token = tokens.make_token(Subscriber.objects.get(), tokens.Purpose.DOWNLOAD)
    assert client.get(reverse("newsletter:template-pdf", args=[token])).status_code == 400


def test_honeypot_looks_like_success_but_saves_and_sends_nothing(client):
    response = sign_up(client, website="http://spam.example")
    assert response.url == CHECK_INBOX
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_signups_are_rate_limited_per_ip(client):
    for n in range(services.SIGNUPS_PER_IP_PER_HOUR):
        assert sign_up(client, f"r{n}@example.com").status_code == 302
    response = sign_up(client, "one-more@example.com")
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert not Subscriber.objects.filter(email="one-more@example.com").exists()
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert sign_up(other, "elsewhere@example.com").status_code == 302


def test_one_address_signed_up_from_many_ips_gets_one_email(client):
    victim = "inbox@example.com"
    for n in range(5):
        response = sign_up(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), victim.upper())
        assert response.url == CHECK_INBOX, "the page looks the same past the limit"
    assert [m.to for m in mail.outbox] == [[victim]]
    assert Subscriber.objects.get().consent_page == "/exercises/", "the signup is kept"

    minutes_later()
    sign_up(client, victim)
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b", "x" * 300 + "@example.com"])
def test_invalid_emails_are_form_errors(client, email):
    response = sign_up(client, email)
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert not Subscriber.objects.exists()


def test_a_post_with_no_fields_at_all_says_what_is_missing(client):
    response = client.post(SIGNUP, {})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Subscriber.objects.exists()


def test_form_is_in_the_footer_and_on_home_prefilled_for_members(client, user):
    html = client.get(reverse("core:home")).text
    assert 'id="footer-newsletter-email"' in html
    assert 'id="home-newsletter-email"' in html
    assert services.CONSENT_TEXT in html
    client.force_login(user)
    page = client.get(SIGNUP).text
    assert f'value="{user.email}"' in page


@override_settings(SITE_URL="https://runnerstrength.example")
def test_newsletter_links_point_at_the_site_whatever_host_was_sent(client):
    client.post(
        reverse("newsletter:signup"),
        {"email": "ann@example.com", "first_name": "Ann", "source": "/", "website": ""},
        secure=True,
        HTTP_HOST="testserver:6666",
    )

    (message,) = mail.outbox
    links = re.findall(r"https?://[^\s\"<>]+", message.body)
    assert links
    assert all(link.startswith("https://runnerstrength.example/newsletter/") for link in links)
