"""The newsletter's e-mails: plain text and HTML, with one-click unsubscribe headers."""

import email.policy
from enum import StrEnum

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletter.models import Subscriber
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
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string(f"newsletter/email/{template}.html", context), "text/html"
    )
    return message
