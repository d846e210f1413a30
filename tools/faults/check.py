"""The verdict: what the load was told, against what the database and the sink hold."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tools.faults.load import Outcome, accepted_signups
from tools.faults.newsletter import running_sends, send_tasks
from tools.faults.scenarios import Scenario


@dataclass
class Row:
    scenario: Scenario
    requests: int = 0
    successes: int = 0
    errors: Counter = field(default_factory=Counter)
    slowest: float = 0.0
    signups: int = 0
    signups_found: int = 0
    edits: int = 0
    edits_found: int = 0
    queued: int = 0
    retried: int = 0
    delivered: int = 0
    duplicates: int = 0

    @property
    def passed(self) -> bool:
        return not self.scenario.problems


@dataclass
class Held:
    """What the database and the sink hold at the end of the run, read once."""

    session_names: dict[int, str]  # session pk → its name now
    subscribers: dict[str, int]  # address → subscriber pk
    sends: dict[int, list[bool]]  # subscriber pk → its send tasks: is each a retry?
    per_recipient: Counter  # address → e-mails the sink accepted for it
    per_message: Counter  # (Message-ID, address) → times the sink accepted it
    running: set[str]  # send tasks still RUNNING


def held(load, sink) -> Held:
    from newsletter.models import Subscriber
    from plans.models import Session

    edited = {o.target for o in load.outcomes if o.kind == "edit"}
    addresses = {o.value for o in load.outcomes if o.kind == "signup"}
    sends = defaultdict(list)
    for args in send_tasks().values_list("args_kwargs", flat=True):
        sends[args["args"][0]].append(len(args["args"]) > 3)  # a fourth argument: a retry
    return Held(
        session_names=dict(Session.objects.filter(pk__in=edited).values_list("pk", "name")),
        subscribers=dict(Subscriber.objects.filter(email__in=addresses).values_list("email", "pk")),
        sends=sends,
        per_recipient=Counter(rcpt for _, _, rcpt in sink.deliveries),
        per_message=Counter((message_id, rcpt) for _, message_id, rcpt in sink.deliveries),
        running=running_sends(),
    )


def check(load, sink, scenarios: list[Scenario]) -> list[Row]:
    """Compare what the load was told with what the database and the sink hold."""
    found = held(load, sink)
    lost = lost_edits(load.outcomes, found.session_names)
    rows = []
    for scenario in scenarios:
        mine = [o for o in load.outcomes if o.scenario == scenario.number]
        row = Row(scenario)
        count_requests(row, mine)
        check_signups(row, mine, found)
        row.edits = sum(o.kind == "edit" and o.ok for o in mine)
        row.edits_found = row.edits - lost[scenario.number]
        repeated = check_emails(row, mine, found)
        judge(row, repeated)
        describe(row, mine, found.running)
        rows.append(row)
    return rows


def count_requests(row: Row, outcomes: list[Outcome]):
    row.requests = len(outcomes)
    row.successes = sum(o.ok for o in outcomes)
    row.errors = Counter(o.result for o in outcomes if not o.ok)
    row.slowest = max((o.finished - o.started for o in outcomes), default=0.0)


def lost_edits(outcomes: list[Outcome], session_names: dict[int, str]) -> Counter:
    """Per scenario, the sessions whose last saved edit is not what the database holds."""
    lost = Counter()
    by_session = defaultdict(list)
    for outcome in sorted(outcomes, key=lambda o: o.started):
        if outcome.kind == "edit":
            by_session[outcome.target].append(outcome)
    for session_pk, edits in by_session.items():
        last_ok = max((i for i, o in enumerate(edits) if o.ok), default=None)
        if last_ok is None:
            continue
        # A later edit that failed may still have been saved (its answer was lost).
        allowed = {o.value for o in edits[last_ok:] if o is edits[last_ok] or not o.ok}
        if session_names.get(session_pk) not in allowed:
            lost[edits[last_ok].scenario] += 1
    return lost


def check_signups(row: Row, outcomes: list[Outcome], found: Held):
    addresses = accepted_signups(outcomes)
    row.signups = len(addresses)
    row.signups_found = len(addresses & found.subscribers.keys())


def check_emails(row: Row, outcomes: list[Outcome], found: Held) -> int:
    """Queued, retried, delivered and duplicate e-mails; the repeated Message-IDs."""
    addresses = accepted_signups(outcomes)
    pks = [found.subscribers[a] for a in addresses if a in found.subscribers]
    row.queued = sum(1 for pk in pks if pk in found.sends)
    row.retried = sum(1 for pk in pks if any(found.sends[pk]))
    row.delivered = sum(1 for a in addresses if found.per_recipient[a])
    tried = {o.value for o in outcomes if o.kind == "signup"}
    row.duplicates = sum(n - 1 for a, n in found.per_recipient.items() if a in tried and n > 1)
    return sum(n - 1 for (_, rcpt), n in found.per_message.items() if rcpt in tried and n > 1)


def describe(row: Row, outcomes: list[Outcome], running: set[str]):
    """Notes: the first failures other than 503s, and what became of interrupted sends."""
    scenario = row.scenario
    odd = [o for o in outcomes if not o.ok and o.result != "503"]
    for o in odd[:5]:
        scenario.notes.append(
            f"{o.result}: {o.kind} {o.path} sent at +{o.started - scenario.started:.1f} s, "
            f"ended after {o.finished - o.started:.1f} s"
        )
    if scenario.orphans:
        still = len(scenario.orphans & running)
        scenario.notes.append(
            f"{len(scenario.orphans)} send(s) left RUNNING by the tasks worker that died: "
            + (f"{still} still RUNNING at the end" if still else "put back in the queue and run")
        )


def judge(row: Row, repeated_message_ids: int):
    problems = row.scenario.problems
    if row.signups_found < row.signups:
        problems.append(f"{row.signups - row.signups_found} accepted signups not in the database")
    if row.edits_found < row.edits:
        problems.append(f"{row.edits - row.edits_found} saved routine edits not in the database")
    if row.delivered < row.signups:
        problems.append(f"{row.signups - row.delivered} accepted signups got no e-mail")
    if row.duplicates or repeated_message_ids:
        problems.append(
            f"{row.duplicates} duplicate e-mails "
            f"({repeated_message_ids} of them with a repeated Message-ID)"
        )
    for kind in ("timeout", "5xx", "4xx", "unexpected"):
        if row.errors[kind]:
            problems.append(f"{row.errors[kind]} requests: {kind}")
    number = row.scenario.number
    if number == 2 and row.errors:
        problems.append("requests failed while only the mail server was down")
    if number == 1 and row.errors["connection"]:
        problems.append(f"{row.errors['connection']} connection errors")
    if number == 3 and row.errors["connection"] > 1:
        # Only the request the killed worker was serving may go unanswered.
        problems.append(f"{row.errors['connection']} connection errors (at most 1 expected)")
