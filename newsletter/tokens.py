"""Signed, purpose-bound tokens in the newsletter's links.

A token carries the subscriber's random key, never a database id, signed with
one salt per purpose: a confirmation link lasts seven days, a download link
thirty, an unsubscribe link for ever.
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


def make_token(subscriber: Subscriber, purpose: Purpose) -> str:
    return signing.TimestampSigner(salt=f"newsletter.{purpose}").sign(subscriber.key.hex)


def read_token(token: str, purpose: Purpose) -> Subscriber:
    signer = signing.TimestampSigner(salt=f"newsletter.{purpose}")
    try:
        key = uuid.UUID(hex=signer.unsign(token, max_age=TOKEN_MAX_AGE[purpose]))
        return Subscriber.objects.get(key=key)
    except (signing.BadSignature, ValueError, Subscriber.DoesNotExist) as error:
        raise BadLink from error
