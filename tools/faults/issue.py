"""The fourth fault: a newsletter issue to 500 subscribers, its worker killed and the mail
server down in the middle of the send. Every subscriber must get exactly one copy.

The issue goes through the site's own service (newsletter.services.start_sending),
so its Delivery rows and batches are the ones production makes; the tasks
worker runs with batches of ISSUE_BATCH_SIZE one second apart
(NEWSLETTER_SEND_BATCH_SIZE and NEWSLETTER_SEND_BATCH_SECONDS, set in the
environment by __main__), so that a run takes seconds, not the minutes the
production pace would.
"""

import time
from collections import Counter
from dataclasses import dataclass

from tools.faults.scenarios import Scenario, drain, event, say

ISSUE_BATCH_SIZE = 50
ISSUE_BATCH_SECONDS = 1
MARKER = "-issue-"  # in every recipient's address, and in no signup's


@dataclass
class Copies:
    """How many copies of the issue the sink accepted for each recipient."""

    recipients: int
    once: int
    none: int
    more: int

    @classmethod
    def count(cls, deliveries, recipients: set[str]) -> "Copies":
        per_recipient = Counter(rcpt for _, _, rcpt in deliveries if rcpt in recipients)
        return cls(
            recipients=len(recipients),
            once=sum(1 for r in recipients if per_recipient[r] == 1),
            none=sum(1 for r in recipients if per_recipient[r] == 0),
            more=sum(1 for r in recipients if per_recipient[r] > 1),
        )


def subscribers_and_issue(run_id: str, count: int):
    """`count` confirmed subscribers and a draft issue, written straight to the database."""
    from django.utils import timezone

    from newsletter import services
    from newsletter.models import Issue, Subscriber

    now = timezone.now()
    addresses = [f"faults-{run_id}{MARKER}{n}@example.com" for n in range(1, count + 1)]
    Subscriber.objects.bulk_create(
        Subscriber(
            email=address,
            first_name="Fault",
            status=Subscriber.Status.CONFIRMED,
            consent_text=services.CONSENT_TEXT,
            consent_version=services.CONSENT_VERSION,
            consent_page="/newsletter/",
            consented_at=now,
            confirmed_at=now,
        )
        for address in addresses
    )
    issue = Issue.objects.create(
        subject=f"Faults run {run_id}: hill strength",
        preheader="Three moves",
        body="## Hills\n\n- Step-ups: 3 × 8 a side\n- Split squats: 3 × 8 a side\n",
    )
    return set(addresses), issue


def delivered_to(sink, recipients: set[str]) -> int:
    return len({rcpt for _, _, rcpt in sink.deliveries} & recipients)


def issue_send(load, sink, worker, run_id, recipients_wanted, outage_seconds, load_seconds):
    """Scenario 4: kill the tasks worker in the middle of the issue, then stop the sink."""
    from django.conf import settings
    from django.db import connections

    from newsletter import services
    from newsletter.models import Delivery
    from tools.faults.newsletter import longest_retry_gap

    scenario = Scenario(4, f"Issue to {recipients_wanted}: worker killed, SMTP sink stopped")
    say(
        f"4. an issue to {recipients_wanted} subscribers: the tasks worker killed mid-send, "
        f"then the SMTP sink stopped for {outage_seconds} s"
    )
    recipients, issue = subscribers_and_issue(run_id, recipients_wanted)
    scenario.started = time.monotonic()
    load.start(4)
    services.start_sending(issue=issue, base_url=settings.SITE_URL)
    event(f"issue {issue.pk} queued for {len(recipients)} subscribers")

    while delivered_to(sink, recipients) < len(recipients) // 4:
        if time.monotonic() - scenario.started > 120:
            scenario.problems.append("the issue's first quarter was not sent within 120 s")
            break
        time.sleep(0.05)
    sink.hold(MARKER)
    if not sink.held.wait(timeout=15):
        scenario.notes.append("no issue e-mail was being sent when the worker was killed")
    worker.kill()
    before_kill = delivered_to(sink, recipients)
    event(f"tasks worker killed in the middle of the issue, {before_kill} delivered")
    time.sleep(0.5)  # the sink sees the connection drop before it may answer
    sink.release()
    sink.stop()
    scenario.fault_at = time.monotonic()
    event("SMTP sink stopped")
    time.sleep(min(3, outage_seconds))
    worker.start()
    event("tasks worker started again, with the mail server still down")
    time.sleep(max(outage_seconds - (time.monotonic() - scenario.fault_at), 0))
    sink.start()
    scenario.back_at = time.monotonic()
    event("SMTP sink started again")
    time.sleep(min(load_seconds / 3, 10))
    load.stop()

    batches = len(recipients) / ISSUE_BATCH_SIZE * (ISSUE_BATCH_SECONDS + 2)
    deadline = scenario.back_at + longest_retry_gap(outage_seconds) + batches + 30
    shown = 0.0
    while delivered_to(sink, recipients) < len(recipients) and time.monotonic() < deadline:
        if time.monotonic() - shown >= 10:
            left = deadline - time.monotonic()
            done = delivered_to(sink, recipients)
            say(f"   waiting for the issue: {done}/{len(recipients)} ({left:.0f} s left)")
            shown = time.monotonic()
        time.sleep(0.5)
    drain(load, sink, 4, deadline)
    connections.close_all()

    after = sorted(
        t for t, _, rcpt in sink.deliveries if rcpt in recipients and t > scenario.back_at
    )
    copies = Copies.count(sink.deliveries, recipients)
    counts = issue.deliveries.counts()
    if after:
        scenario.recovery = (
            f"issue resumed {after[0] - scenario.back_at:.1f} s after the sink was back; "
            f"finished {after[-1] - scenario.back_at:.1f} s after"
        )
    scenario.notes.append(
        f"issue to {copies.recipients}: {copies.once} got exactly one copy, {copies.none} none, "
        f"{copies.more} more than one; {before_kill} had it when the worker was killed; "
        f"Delivery rows: {counts[Delivery.Status.SENT]} sent, "
        f"{counts[Delivery.Status.PENDING]} waiting, {counts[Delivery.Status.FAILED]} failed"
    )
    if copies.none:
        scenario.problems.append(f"{copies.none} subscribers never got the issue")
    if copies.more:
        scenario.problems.append(f"{copies.more} subscribers got the issue more than once")
    if counts[Delivery.Status.SENT] != len(recipients):
        scenario.problems.append(f"{counts[Delivery.Status.SENT]} Delivery rows marked sent")
    return scenario
