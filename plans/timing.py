"""How long a session takes: one model for the plan builder, saved routines and templates.

A set takes about 3 s a repetition (lifting and lowering under control) or the hold,
twice that when it is done per side. Between the sets of an exercise comes its rest;
after its last set, a changeover to the next exercise (walking over, setting up, picking
up the weight) instead, shorter between warm-up drills, which flow from one to the next.
Before the session's first loaded leg lift come two lighter warm-up sets, and one before
its first loaded upper-body lift: about half and then three quarters of the working load,
so the first heavy set is not also the first time the muscles meet a load that day.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

SECONDS_PER_REP = 3
# Reps a set when a routine item gives none (it always does; a guard for odd rows).
DEFAULT_REPS = 10
CHANGEOVER_SECONDS = 45
DRILL_CHANGEOVER_SECONDS = 10
# A warm-up set: a few light reps and the minute of changing the weight around it.
WARMUP_SET_SECONDS = 60
LOWER_LIFT, UPPER_LIFT = "lower", "upper"
WARMUP_SETS = {LOWER_LIFT: 2, UPPER_LIFT: 1}
LOWER_BODY_ROLES = frozenset({"squat", "hinge", "lunge"})
UPPER_BODY_ROLES = frozenset({"push", "pull"})


@dataclass(frozen=True)
class TimedRow:
    """What the model reads of one exercise in a session (a plan item or a routine item)."""

    sets: int
    reps: int | None
    hold_seconds: int | None
    per_side: bool
    rest_seconds: int
    drill: bool = False
    warmup_sets: int = 0

    @property
    def work_seconds(self) -> int:
        """One set: about 3 s a rep, or the hold; twice that when done per side."""
        if self.hold_seconds is not None:
            work = self.hold_seconds
        else:
            work = SECONDS_PER_REP * (self.reps or DEFAULT_REPS)
        return work * 2 if self.per_side else work

    @property
    def seconds(self) -> int:
        """Its warm-up sets, its sets and the rests between them (not after the last)."""
        rests = max(0, self.sets - 1) * self.rest_seconds
        return self.warmup_sets * WARMUP_SET_SECONDS + self.sets * self.work_seconds + rests


def lift_kind(pattern_role: str, *, loaded: bool, hold: bool) -> str:
    """ "lower" or "upper" for a lift done with a weight that needs warm-up sets, else ""."""
    if not loaded or hold:
        return ""
    if pattern_role in LOWER_BODY_ROLES:
        return LOWER_LIFT
    return UPPER_LIFT if pattern_role in UPPER_BODY_ROLES else ""


def warmup_sets(kinds: Iterable[str]) -> list[int]:
    """Warm-up sets for each exercise in session order, from its `lift_kind`: only the first
    loaded lift of each kind gets them (the muscles are warm for the next)."""
    seen = set()
    sets = []
    for kind in kinds:
        sets.append(WARMUP_SETS[kind] if kind and kind not in seen else 0)
        seen.add(kind)
    return sets


def session_seconds(rows: Iterable[TimedRow]) -> int:
    """Every exercise's time plus a changeover before each exercise but the first."""
    total = 0
    for position, row in enumerate(rows):
        if position:
            total += DRILL_CHANGEOVER_SECONDS if row.drill else CHANGEOVER_SECONDS
        total += row.seconds
    return total


def minutes(seconds: int) -> int:
    """Rounded up, so the minutes shown are never an underestimate."""
    return math.ceil(seconds / 60)
