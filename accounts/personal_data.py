"""What each app keeps about a member, for the data export and for account deletion.

accounts knows no other app: each app that stores something about a member
registers its part from its AppConfig.ready(), with what the export shows and
which rows go when the account is deleted.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class Part:
    key: str  # the part's name in the export
    export: Callable  # user -> JSON-able data
    rows: Callable  # user -> the QuerySet deleted with the account


PARTS: dict[str, Part] = {}


def register(*, key: str, export: Callable, rows: Callable[..., QuerySet]) -> None:
    PARTS[key] = Part(key=key, export=export, rows=rows)
