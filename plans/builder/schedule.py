"""Which days of the week take a strength session, and why."""

from dataclasses import dataclass
from itertools import combinations, pairwise

from django.db import models

from plans.builder.request import WEEKDAYS, PlanRequest
from plans.models import session_name


class RunKind(models.TextChoices):
    REST = "rest", "Rest day"
    EASY = "easy", "Easy run"
    HARD = "hard", "Hard run"
    LONG = "long", "Long run"


# The rules, most important first. The scheduler tries every placement of the
# sessions in the week (at most 35) and keeps the one that breaks the fewest of
# the most important rules; a rule is only bent when no placement keeps it.
# The week wraps around: Sunday is the day before Monday.
#
# - No strength the day before the long run or a hard session: heavy lower-body
#   lifting can impair running performance and economy for up to a day or two
#   after (Doma, Deakin and Bentley 2017, Sports Medicine, a review of endurance
#   performance after single bouts of resistance training).
# - A day without strength between strength days: ACSM's resistance-training
#   guidance leaves about 48 hours between sessions for the same muscles
#   (ACSM position stand, Garber et al. 2011, Med Sci Sports Exerc).
# - Lift on a hard-run day (after the run) or an easy or rest day, not after the
#   long run, the week's biggest single load. Stacking strength on hard days keeps
#   easy days easy (the "hard days hard" habit of most coaches). Running first
#   and lifting hours later reduces the interference between the two (Robineau
#   et al. 2016, J Strength Cond Res: 0, 6 or 24 h between strength and
#   endurance sessions).
BEFORE_LONG, BEFORE_HARD, BACK_TO_BACK, AFTER_LONG = range(4)
RULES = (BEFORE_LONG, BEFORE_HARD, BACK_TO_BACK, AFTER_LONG)
# Among placements that break nothing: hard-run days first, then easy-run days,
# then days without a run (which keeps full rest days free where it can).
PLACEMENT_PREFERENCE = {RunKind.HARD: 0, RunKind.EASY: 1, RunKind.REST: 2, RunKind.LONG: 3}


@dataclass(frozen=True)
class ScheduledDay:
    """One day of the week: its run, its strength session (if any) and why."""

    weekday: int
    run: RunKind
    session: str | None
    reason: str
    bent_rules: tuple[str, ...] = ()
    # A strength day next to the week's big loads (see `light_days`): its
    # session takes the light dose of plans.builder.doses.
    light: bool = False

    @property
    def name(self) -> str:
        return WEEKDAYS[self.weekday]

    @property
    def has_strength(self) -> bool:
        return self.session is not None


@dataclass(frozen=True)
class _Break:
    rule: int
    day: int


def _run_kind(request: PlanRequest, day: int) -> RunKind:
    if day == request.long_run_day:
        return RunKind.LONG
    if day in request.hard_days:
        return RunKind.HARD
    if day in request.running_days:
        return RunKind.EASY
    return RunKind.REST


def _next(day: int) -> int:
    return (day + 1) % 7


def _broken_rules(request: PlanRequest, days: tuple[int, ...]) -> list[_Break]:
    broken = []
    for day in days:
        if _next(day) == request.long_run_day:
            broken.append(_Break(BEFORE_LONG, day))
        elif _next(day) in request.hard_days:
            broken.append(_Break(BEFORE_HARD, day))
        if _next(day) in days:
            broken.append(_Break(BACK_TO_BACK, day))
        if day == request.long_run_day:
            broken.append(_Break(AFTER_LONG, day))
    return broken


def _previous(day: int) -> int:
    return (day - 1) % 7


def light_days(request: PlanRequest, days: tuple[int, ...]) -> frozenset[int]:
    """Strength days whose session must be light: the day before the long run or a hard
    session, the long-run day itself, the day after the long run, and the second of two
    strength days in a row. Legs that are tired, or must be fresh tomorrow, get a light
    dose rather than heavy or jumping work (Doma, Deakin and Bentley 2017)."""
    chosen = set(days)
    return frozenset(
        day
        for day in days
        if _next(day) == request.long_run_day
        or _next(day) in request.hard_days
        or day == request.long_run_day
        or _previous(day) == request.long_run_day
        or _previous(day) in chosen
    )


def _smallest_gap(days: tuple[int, ...]) -> int:
    if len(days) == 1:
        return 7
    gaps = [later - earlier for earlier, later in pairwise(days)]
    return min([*gaps, 7 - days[-1] + days[0]])


def _placement_cost(request: PlanRequest, days: tuple[int, ...]) -> tuple:
    broken = [item.rule for item in _broken_rules(request, days)]
    after_long = sum(_previous(day) == request.long_run_day for day in days)
    return (
        *(broken.count(rule) for rule in RULES),
        after_long,  # the day after the long run only when no other day is free
        sum(PLACEMENT_PREFERENCE[_run_kind(request, day)] for day in days),
        -_smallest_gap(days),
        days,
    )


def _bent_text(request: PlanRequest, item: _Break) -> str:
    day, tomorrow = WEEKDAYS[item.day], WEEKDAYS[_next(item.day)]
    sessions = request.strength_sessions
    why = (
        f"With {sessions} strength session{'s' if sessions > 1 else ''} and your running "
        "week, no placement keeps every rule, so the plan breaks the fewest and least "
        "important."
    )
    if item.rule == BEFORE_LONG:
        return (
            f"{day}: strength the day before your long run on {tomorrow}. {why} "
            "Keep this session light and stop every set well short of failure."
        )
    if item.rule == BEFORE_HARD:
        return (
            f"{day}: strength the day before your hard session on {tomorrow}. {why} "
            "Keep this session light, stop every set well short of failure, and lift early."
        )
    if item.rule == BACK_TO_BACK:
        return (
            f"{day} and {tomorrow}: strength on consecutive days. {why} "
            "Keep the second of the two sessions light."
        )
    return (
        f"{day}: strength on your long-run day. {why} "
        "Lift after the run, once you have eaten, and keep the session short."
    )


STRENGTH_DAY_REASONS = {
    RunKind.HARD: "Hard run day: lift after the run, ideally a few hours later, "
    "so your easy days stay easy.",
    RunKind.EASY: "Easy run day: run first, then lift.",
    RunKind.REST: "No run today.",
    RunKind.LONG: "Long run day: lift after the run.",
}


def _day_reason(request: PlanRequest, day: int, chosen: tuple[int, ...]) -> str:
    kind, tomorrow = _run_kind(request, day), _next(day)
    if day in chosen:
        if day == request.long_run_day:
            return (
                STRENGTH_DAY_REASONS[kind]
                + " The long run is the week's biggest load: keep this light."
            )
        if tomorrow == request.long_run_day:
            return STRENGTH_DAY_REASONS[kind] + " Tomorrow is your long run: keep this light."
        if tomorrow in request.hard_days:
            return STRENGTH_DAY_REASONS[kind] + " Tomorrow is a hard session: keep this light."
        if _previous(day) == request.long_run_day:
            return STRENGTH_DAY_REASONS[kind] + " Yesterday was your long run: keep this light."
        if _previous(day) in chosen:
            return STRENGTH_DAY_REASONS[kind] + " Strength yesterday too: keep this light."
        if tomorrow in chosen:
            return STRENGTH_DAY_REASONS[kind] + " Tomorrow is another strength day."
        return (
            STRENGTH_DAY_REASONS[kind]
            + " Tomorrow has no hard session, long run or strength, so your legs can recover."
        )
    if tomorrow == request.long_run_day:
        ahead = "your long run"
    elif tomorrow in request.hard_days:
        ahead = "a hard session"
    else:
        ahead = None
    if kind in (RunKind.LONG, RunKind.HARD):
        tail = f", and tomorrow is {ahead}" if ahead else ""
        return f"{kind.label}{tail}: no strength work today."
    if ahead:
        return f"Day before {ahead}: no strength work, so your legs are fresh."
    if (day - 1) % 7 in chosen or tomorrow in chosen:
        return "No strength work: a day to recover between strength sessions."
    return "Easy run only." if kind == RunKind.EASY else "Rest day."


def schedule(request: PlanRequest) -> list[ScheduledDay]:
    """Monday to Sunday: the strength sessions placed around the running.

    Session A is the first strength day of the week, B the next, and so on.
    Each day that bends a rule carries the explanation in `bent_rules`.
    """
    chosen = min(
        combinations(range(7), request.strength_sessions),
        key=lambda days: _placement_cost(request, days),
    )
    broken = _broken_rules(request, chosen)
    light = light_days(request, chosen)
    names = {day: session_name(index) for index, day in enumerate(chosen)}
    return [
        ScheduledDay(
            weekday=day,
            run=_run_kind(request, day),
            session=names.get(day),
            reason=_day_reason(request, day, chosen),
            bent_rules=tuple(_bent_text(request, item) for item in broken if item.day == day),
            light=day in light,
        )
        for day in range(7)
    ]
