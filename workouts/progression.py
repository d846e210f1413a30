"""Next time: double progression from the last log of an exercise.

Work in a range (say 8–10 reps). When every set, on each side, reached the top of the
range with at least a rep in reserve, make it harder: about 2.5 kg (5 lb) more and back to
the bottom of the range for a loaded exercise; a rep or two more for a bodyweight one;
5 s more for a hold. A bodyweight exercise or hold that has grown past the point where
more of the same stops building strength (15 reps, 60 s) moves on to the harder variation
the library names, when it names one. Otherwise: the same again until every set gets there.
"""

from dataclasses import dataclass
from decimal import Decimal

from plans.loads import KG, LB, from_kg, to_kg, weight_text

KG_STEP = Decimal("2.5")
LB_STEP = Decimal("5")
HOLD_STEP = 5
REPS_CEILING = 15  # bodyweight reps beyond this train endurance more than strength
HOLD_CEILING = 60
MAX_REPS, MAX_HOLD = 100, 600  # the limits of a planned dose


@dataclass(frozen=True)
class Plan:
    sets: int
    reps_min: int | None
    reps_max: int | None
    hold_seconds: int | None
    per_side: bool


@dataclass(frozen=True)
class Done:
    reps: int | None
    hold_seconds: int | None
    load_kg: Decimal | None
    reps_in_reserve: int | None


@dataclass(frozen=True)
class Suggestion:
    """What to plan next time, and why, in one sentence."""

    text: str
    reps_min: int | None
    reps_max: int | None
    hold_seconds: int | None
    load_kg: Decimal | None = None
    harder_variation: str = ""


def add_step(load_kg: Decimal, unit: str) -> Decimal:
    """About 2.5 kg more, or 5 lb in pounds, landing on a round number in the runner's unit."""
    if unit == LB:
        return to_kg(from_kg(load_kg, LB) + LB_STEP, LB)
    return to_kg(load_kg + KG_STEP, KG)


def reps_text(low: int, top: int) -> str:
    return f"{low}–{top}" if top != low else f"{top}"


def reps_step(top: int) -> int:
    return 2 if top < 10 else 1


def suggest(*, plan: Plan, done: list[Done], unit: str, harder: list[str]) -> Suggestion | None:
    """The suggestion for the next workout from the sets done last time (None if there are
    none). `harder` names the harder variations, easiest first."""
    if not done:
        return None
    expected = plan.sets * (2 if plan.per_side else 1)
    each = " on each side" if plan.per_side else ""
    if plan.hold_seconds is not None:
        return _suggest_hold(plan, done, expected, each, harder)
    return _suggest_reps(plan, done, expected, each, unit, harder)


def _suggest_hold(plan, done, expected, each, harder):
    target = plan.hold_seconds
    reached = sum(1 for d in done if (d.hold_seconds or 0) >= target)
    same = {"reps_min": None, "reps_max": None, "hold_seconds": target}
    if reached < expected:
        return Suggestion(
            f"Stay at {target} s: {reached} of {expected} holds{each} lasted the full time; "
            f"add {HOLD_STEP} s once every one does.",
            **same,
        )
    if target + HOLD_STEP > HOLD_CEILING and harder:
        return Suggestion(
            f"Every hold{each} lasted the full {target} s: move on to {harder[0]}, "
            "starting with shorter holds.",
            **same,
            harder_variation=harder[0],
        )
    longer = min(target + HOLD_STEP, MAX_HOLD)
    return Suggestion(
        f"Every hold{each} lasted the full {target} s: try {longer} s.",
        reps_min=None,
        reps_max=None,
        hold_seconds=longer,
    )


def _suggest_reps(plan, done, expected, each, unit, harder):
    low, top = plan.reps_min, plan.reps_max or plan.reps_min
    loads = [d.load_kg for d in done if d.load_kg]
    load = min(loads) if loads else None  # the weight every set was done with at least
    reached = sum(
        1
        for d in done
        if (d.reps or 0) >= top and (d.reps_in_reserve is None or d.reps_in_reserve >= 1)
    )
    at = f" at {weight_text(load, unit)}" if load else ""
    same = {"reps_min": plan.reps_min, "reps_max": plan.reps_max, "hold_seconds": None}
    if reached < expected:
        return Suggestion(
            f"Same again{at}: {reached} of {expected} sets{each} reached {top} reps with a rep "
            "or more in reserve; progress once every one does.",
            **same,
            load_kg=load,
        )
    why = f"Every set{each} reached {top} reps with reps in reserve"
    if load:
        heavier = add_step(load, unit)
        return Suggestion(
            f"{why}: try {weight_text(heavier, unit)} for {reps_text(low, top)} reps.",
            **same,
            load_kg=heavier,
        )
    if top >= REPS_CEILING and harder:
        return Suggestion(
            f"{why}: move on to {harder[0]}, starting at the bottom of the range.",
            **same,
            harder_variation=harder[0],
        )
    step = reps_step(top)
    new_low, new_top = min(low + step, MAX_REPS), min(top + step, MAX_REPS)
    return Suggestion(
        f"{why}: aim for {reps_text(new_low, new_top)} reps.",
        reps_min=new_low,
        reps_max=new_top if plan.reps_max else None,
        hold_seconds=None,
    )
