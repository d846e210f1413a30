"""Signed, purpose-bound tokens in the newsletter's links.

A token carries the subscriber's random key, never a database id, signed with
one salt per purpose: a confirmation link lasts seven days, a download link
thirty, an unsubscribe link for ever.

A confirmation link also carries the moment of the signup it answers
(``consented_at``): a fresh signup after an unsubscribe records a new moment,
so a link mailed before it no longer matches; and no confirmation link works
once the address has unsubscribed (StaleLink): coming back takes a fresh signup.
"""

import uuid
from datetime import timedelta
from enum import StrEnum

from django.core import signing

from newsletter.models import Subscriber


class Purpose(StrEnum):
    CONFIRM = "confirm"
    DOWNLOAD = "download"
    UNSUBSCRIBE = "unsubscribe"


TOKEN_MAX_AGE = {
    Purpose.CONFIRM: timedelta(days=7),
    Purpose.DOWNLOAD: timedelta(days=30),
    Purpose.UNSUBSCRIBE: None,
}


class BadLink(Exception):
    """A link that was tampered with, has expired, or names no subscriber."""


class StaleLink(BadLink):
    """A genuine confirmation link for a signup the subscriber has since replaced or left."""


def signup_stamp(subscriber: Subscriber) -> str:
    return f"{subscriber.consented_at.timestamp():.6f}"


def make_token(subscriber: Subscriber, purpose: Purpose) -> str:
    value = subscriber.key.hex
    if purpose == Purpose.CONFIRM:
        value = f"{value}.{signup_stamp(subscriber)}"
    return signing.TimestampSigner(salt=f"newsletter.{purpose}").sign(value)


def read_token(token: str, purpose: Purpose) -> Subscriber:
    signer = signing.TimestampSigner(salt=f"newsletter.{purpose}")
    try:
        value = signer.unsign(token, max_age=TOKEN_MAX_AGE[purpose])
        key, _, stamp = value.partition(".")
        subscriber = Subscriber.objects.get(key=uuid.UUID(hex=key))
    except (signing.BadSignature, ValueError, Subscriber.DoesNotExist) as error:
        raise BadLink from error
    if purpose == Purpose.CONFIRM and (
        stamp != signup_stamp(subscriber) or subscriber.status == Subscriber.Status.UNSUBSCRIBED
    ):
        raise StaleLink
    return subscriber
