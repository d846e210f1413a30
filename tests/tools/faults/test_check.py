"""`make faults`'s verdict: what the load was told, checked against the database and the sink.

The faults run itself stops PostgreSQL and is not run by the suite; its check
is, on rows made here, so that a lost signup, edit or e-mail is always caught.
"""

import itertools

import pytest
from django.utils import timezone

from newsletter.models import Subscriber
from tests.plans.factories import SessionFactory
from tools.faults.check import check
from tools.faults.load import Load, Outcome
from tools.faults.scenarios import Scenario
from tools.faults.sink import Sink

pytestmark = pytest.mark.django_db

clock = itertools.count()


def outcome(kind: str, result: str = "ok", **values) -> Outcome:
    started = next(clock)
    return Outcome(1, kind, started, started + 0.5, result, **values)


def verdict(outcomes: list[Outcome], deliveries: list[tuple[str, str]]):
    """The one row `check` gives scenario 1 for these outcomes and e-mails (Message-ID, to)."""
    load = Load(runners=[], pages=[], run_id="test")
    load.outcomes = outcomes
    sink = Sink()
    sink.deliveries = [(0.0, message_id, rcpt) for message_id, rcpt in deliveries]
    [row] = check(load, sink, [Scenario(1, "PostgreSQL restart")])
    return row


def test_a_run_where_everything_was_stored_and_sent_once_passes():
    session = SessionFactory(name="Edit 2")
    Subscriber.objects.create(email="kept@example.com", consented_at=timezone.now())
    row = verdict(
        [
            outcome("view"),
            outcome("edit", value="Edit 1", target=session.pk),
            outcome("edit", value="Edit 2", target=session.pk),
            outcome("signup", value="kept@example.com"),
        ],
        [("<1@example.com>", "kept@example.com")],
    )
    assert (row.requests, row.successes, row.signups, row.signups_found) == (4, 4, 1, 1)
    assert (row.edits, row.edits_found, row.delivered, row.duplicates) == (2, 2, 1, 0)
    assert row.passed, row.scenario.problems


def test_an_accepted_signup_missing_from_the_database_and_the_sink_fails():
    row = verdict([outcome("signup", value="lost@example.com")], [])
    assert not row.passed
    assert "1 accepted signups not in the database" in row.scenario.problems
    assert "1 accepted signups got no e-mail" in row.scenario.problems


def test_a_saved_edit_the_database_does_not_hold_fails():
    session = SessionFactory(name="Day 1")
    row = verdict([outcome("edit", value="Edit 1", target=session.pk)], [])
    assert row.edits_found == 0
    assert "1 saved routine edits not in the database" in row.scenario.problems


def test_a_later_edit_whose_answer_was_lost_may_be_what_the_database_holds():
    session = SessionFactory(name="Edit 2")
    row = verdict(
        [
            outcome("edit", value="Edit 1", target=session.pk),
            outcome("edit", result="503", value="Edit 2", target=session.pk),
        ],
        [],
    )
    assert (row.edits, row.edits_found) == (1, 1)
    assert row.errors == {"503": 1}
    assert row.passed, row.scenario.problems


def test_an_e_mail_delivered_twice_fails_and_says_whether_its_message_id_repeated():
    Subscriber.objects.create(email="twice@example.com", consented_at=timezone.now())
    row = verdict(
        [outcome("signup", value="twice@example.com")],
        [("<1@example.com>", "twice@example.com"), ("<1@example.com>", "twice@example.com")],
    )
    assert row.duplicates == 1
    assert "1 duplicate e-mails (1 of them with a repeated Message-ID)" in row.scenario.problems


def test_the_issue_check_counts_recipients_with_no_copy_one_copy_or_more():
    from tools.faults.issue import Copies

    recipients = {"a@example.com", "b@example.com", "c@example.com"}
    deliveries = [
        (0.0, "<1@x>", "a@example.com"),
        (0.1, "<2@x>", "b@example.com"),
        (0.2, "<3@x>", "b@example.com"),  # b twice
        (0.3, "<4@x>", "someone-else@example.com"),
    ]
    assert Copies.count(deliveries, recipients) == Copies(recipients=3, once=1, none=1, more=1)
