"""The table printed at the end, and every request of the run in a CSV file."""

import csv
from pathlib import Path

from tools.faults.check import Row
from tools.faults.load import Load
from tools.faults.scenarios import BEGAN


def table(rows: list[Row]) -> str:
    header = (
        "| Scenario | Requests | Successes | Errors by kind | Slowest (s) "
        "| Signups accepted / in DB | Edits saved / in DB "
        "| E-mails queued / retried / delivered / duplicates | Recovery | Result |"
    )
    lines = [header, "|" + " --- |" * 10]
    for row in rows:
        errors = ", ".join(f"{kind} {n}" for kind, n in sorted(row.errors.items())) or "none"
        lines.append(
            f"| {row.scenario.number}. {row.scenario.name} | {row.requests} | {row.successes} "
            f"| {errors} | {row.slowest:.2f} | {row.signups} / {row.signups_found} "
            f"| {row.edits} / {row.edits_found} "
            f"| {row.queued} / {row.retried} / {row.delivered} / {row.duplicates} "
            f"| {row.scenario.recovery} | {'PASS' if row.passed else 'FAIL'} |"
        )
    return "\n".join(lines)


def write_requests(path: Path, load: Load):
    """Every request of the run, for a closer look: seconds from the start, outcome, duration."""
    with open(path, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["scenario", "kind", "path", "result", "sent at (s)", "took (s)", "value"])
        for o in sorted(load.outcomes, key=lambda o: o.started):
            writer.writerow(
                [
                    o.scenario,
                    o.kind,
                    o.path,
                    o.result,
                    f"{o.started - BEGAN:.3f}",
                    f"{o.finished - o.started:.3f}",
                    o.value,
                ]
            )
