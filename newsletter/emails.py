"""The newsletter's e-mails: plain text and HTML, with one-click unsubscribe headers."""

import email.policy
from enum import StrEnum

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from core.http import site_url
from newsletter.models import Issue, Subscriber
from newsletter.tokens import Purpose, make_token


class Mail(StrEnum):
    CONFIRM = "confirm"
    ALREADY_SUBSCRIBED = "already_subscribed"
    REMINDER = "reminder"


SUBJECTS = {
    Mail.CONFIRM: "Confirm your e-mail to get your strength training template",
    Mail.ALREADY_SUBSCRIBED: "You're already subscribed: here is your template",
    Mail.REMINDER: "Still want your strength training template? Confirm your e-mail",
}
# The reminder is the confirmation e-mail with a line of its own.
TEMPLATES = {Mail.REMINDER: Mail.CONFIRM}


def links(subscriber: Subscriber, base_url: str) -> dict[str, str]:
    def absolute(name, purpose, **kwargs):
        token = make_token(subscriber, purpose)
        return base_url + reverse(f"newsletter:{name}", kwargs={"token": token, **kwargs})

    return {
        "confirm_url": absolute("confirm", Purpose.CONFIRM),
        "pdf_url": absolute("template-pdf", Purpose.DOWNLOAD),
        "xlsx_url": absolute("template-xlsx", Purpose.DOWNLOAD),
        "unsubscribe_url": absolute("unsubscribe", Purpose.UNSUBSCRIBE),
    }


class ListMessage(EmailMultiAlternatives):
    """An e-mail whose List-Unsubscribe header goes out as the plain URL.

    Python's e-mail policies fold a header at 78 characters, and a header
    with no space to fold at (a long signed URL) becomes an RFC 2047 encoded
    word (``=?utf-8?q?...``), which mailbox providers ignore for one-click
    unsubscribe. RFC 5322 allows lines of 998 characters: with that limit
    the header stays the URL it is.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def one_click_headers(unsubscribe_url: str) -> dict[str, str]:
    """RFC 8058: the mail app POSTs to the link, no page in between."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def build_message(subscriber: Subscriber, mail: Mail, base_url: str) -> EmailMultiAlternatives:
    """Plain text and HTML, with RFC 8058 one-click unsubscribe headers."""
    context = {
        "subscriber": subscriber,
        "reminder": mail == Mail.REMINDER,
        **links(subscriber, base_url),
    }
    template = TEMPLATES.get(mail, mail)
    message = ListMessage(
        subject=SUBJECTS[mail],
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        to=[subscriber.email],
        headers=one_click_headers(context["unsubscribe_url"]),
    )
    message.attach_alternative(
        render_to_string(f"newsletter/email/{template}.html", context), "text/html"
    )
    return message


def build_issue_message(
    issue: Issue, subscriber: Subscriber | None, *, to: str, base_url: str, test: bool = False
) -> EmailMultiAlternatives:
    """An issue as sent to `subscriber`, with their own one-click unsubscribe link.

    A test goes to `to` (a staff member's address); it carries the unsubscribe
    link of that address's subscription when there is one, and none otherwise.
    """
    unsubscribe_url = ""
    if subscriber is not None:
        token = make_token(subscriber, Purpose.UNSUBSCRIBE)
        unsubscribe_url = base_url + reverse("newsletter:unsubscribe", kwargs={"token": token})
    context = {
        "issue": issue,
        "subscriber": subscriber,
        "browser_url": site_url(issue.get_absolute_url()),
        "unsubscribe_url": unsubscribe_url,
        "test": test,
    }
    message = ListMessage(
        subject=f"[Test] {issue.subject}" if test else issue.subject,
        body=render_to_string("newsletter/email/issue.txt", context),
        to=[to],
        headers=one_click_headers(unsubscribe_url) if unsubscribe_url else {},
    )
    message.attach_alternative(
        render_to_string("newsletter/email/issue.html", context), "text/html"
    )
    return message
