"""The runner's answers and the rules that refuse answers no plan can be built from."""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.db import models

from exercises.models import BODYWEIGHT, Focus

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Phase(models.TextChoices):
    OFF_SEASON = "off_season", "Off-season"
    BASE = "base", "Base"
    BUILD = "build", "Build"
    PEAK = "peak", "Peak and racing"
    TAPER = "taper", "Taper (race in the next 2 weeks)"
    RETURNING = "returning", "Returning from a break"


PHASE_NAMES = {
    Phase.OFF_SEASON: "Off-season",
    Phase.BASE: "Base",
    Phase.BUILD: "Build",
    Phase.PEAK: "Peak",
    Phase.TAPER: "Taper",
    Phase.RETURNING: "Returning",
}


class Experience(models.TextChoices):
    NEW = "new", "New to lifting"
    SOME = "some", "Some lifting experience"
    REGULAR = "regular", "I lift regularly"


# The focuses a plan can have: every routine focus but the pre-run warm-up.
PLAN_FOCUSES = tuple(focus for focus in Focus if focus != Focus.WARMUP)

RUNNING_DAYS_RANGE = (2, 7)
MINUTES_RANGE = (15, 60)
SESSIONS_RANGE = (1, 3)
WEEKS_RANGE = (4, 16)
# Three sessions a week need at least this many minutes each (see `validate`).
THREE_SESSION_MINUTES = 20
# A taper phase is the last days before a race: at most this many days ahead.
TAPER_DAYS = 21


@dataclass(frozen=True, kw_only=True)
class PlanRequest:
    """What the runner told us. Days are 0 = Monday to 6 = Sunday.

    Lists and plain strings are accepted (a form gives those) and stored as
    frozensets and choices, so two equal requests compare and hash equal.
    `equipment` holds library equipment slugs; empty (or "bodyweight") means
    bodyweight only.
    """

    running_days: frozenset[int]
    hard_days: frozenset[int] = frozenset()
    long_run_day: int | None = None
    phase: Phase
    experience: Experience
    equipment: frozenset[str] = frozenset()
    minutes: int = 30
    sessions_per_week: int = 2
    focus: Focus = Focus.GENERAL
    weeks: int = 8
    # Optional: the race the plan counts down to, and the day the runner asked (the
    # caller passes today, so the builder itself never reads the clock). With a race
    # date the plan runs from this week to race week, whatever `weeks` says.
    race_date: date | None = None
    start_date: date | None = None

    def __post_init__(self):
        def put(name, value):
            object.__setattr__(self, name, value)

        put("running_days", frozenset(int(day) for day in self.running_days))
        put("hard_days", frozenset(int(day) for day in self.hard_days))
        if self.long_run_day is not None:
            put("long_run_day", int(self.long_run_day))
        put("equipment", frozenset(self.equipment))
        put("phase", Phase(self.phase))
        put("experience", Experience(self.experience))
        put("focus", Focus(self.focus))

    @property
    def key(self) -> str:
        """The same for equal requests in every process (a str's hash() is not)."""
        answers = {
            name: sorted(value) if isinstance(value, frozenset) else value
            for name, value in asdict(self).items()
        }
        return hashlib.sha256(json.dumps(answers, sort_keys=True, default=str).encode()).hexdigest()

    @property
    def first_monday(self) -> date | None:
        """Week 1 is the week of the start date, from its Monday."""
        if self.start_date is None:
            return None
        return self.start_date - timedelta(days=self.start_date.weekday())

    @property
    def plan_weeks(self) -> int:
        """The plan's length: up to race week when there is a race date, else `weeks`."""
        if self.race_date is None or self.start_date is None:
            return self.weeks
        return (self.race_date - self.first_monday).days // 7 + 1

    def session_date(self, week: int, weekday: int) -> date | None:
        if self.first_monday is None:
            return None
        return self.first_monday + timedelta(days=7 * (week - 1) + weekday)

    @property
    def gear(self) -> frozenset[str]:
        """Equipment slugs the runner has, without the "bodyweight" placeholder."""
        return self.equipment - {BODYWEIGHT}

    @property
    def strength_sessions(self) -> int:
        """Sessions the plan uses: the peak phase always has one (see PHASE_NOTES)."""
        return 1 if self.phase == Phase.PEAK else self.sessions_per_week


def _day_list(days) -> str:
    names = [WEEKDAYS[day] for day in sorted(days)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def validate(request: PlanRequest) -> list[str]:
    """Messages for answers that cannot make a plan; an empty list means build away.

    Besides the ranges the form shows, one rule is a coaching choice: three
    sessions need at least THREE_SESSION_MINUTES minutes each. After its
    warm-up, a 15-minute session holds only a few exercises of one or two sets
    with shortened rests; a third such session adds a strength day (and its
    tired legs) beside the running for little extra work. Two sessions of that
    length already cover all six patterns, so 15 minutes is allowed for one or
    two sessions a week (one in the peak phase, whatever was asked).
    """
    messages = []
    running, hard = request.running_days, request.hard_days
    low, high = RUNNING_DAYS_RANGE
    if not running <= set(range(7)) or not hard <= set(range(7)):
        messages.append("Days must be days of the week, Monday to Sunday.")
    if not low <= len(running) <= high:
        messages.append(f"Choose between {low} and {high} running days a week.")
    if len(hard) > len(running):
        messages.append(
            f"You have chosen more hard days ({len(hard)}) than running days "
            f"({len(running)}). Hard sessions are runs, so choose them from your running days."
        )
    elif {day for day in hard - running if 0 <= day < 7}:
        extra = {day for day in hard - running if 0 <= day < 7}
        verb = "is" if len(extra) == 1 else "are"
        messages.append(
            f"{_day_list(extra)} {verb} marked as a hard day but not as a running day. "
            "Choose hard days from your running days."
        )
    if request.long_run_day is not None and request.long_run_day not in running:
        day = WEEKDAYS[request.long_run_day] if 0 <= request.long_run_day < 7 else "that day"
        messages.append(
            f"Your long run is on {day}, which is not one of your running days. "
            "Choose one of your running days for the long run."
        )
    low, high = MINUTES_RANGE
    if not low <= request.minutes <= high:
        messages.append(f"Minutes per session must be between {low} and {high}.")
    low, high = SESSIONS_RANGE
    if not low <= request.sessions_per_week <= high:
        messages.append(f"Choose {low} to {high} strength sessions a week.")
    elif request.strength_sessions == 3 and request.minutes < THREE_SESSION_MINUTES:
        messages.append(
            f"Three strength sessions need at least {THREE_SESSION_MINUTES} minutes each. "
            f"In {request.minutes} minutes a session holds the warm-up and only a few short "
            "exercises, so a third strength day tires your legs for little extra work. "
            f"Choose two sessions a week, or allow {THREE_SESSION_MINUTES} minutes or more."
        )
    low, high = WEEKS_RANGE
    if not low <= request.weeks <= high:
        messages.append(f"A plan lasts between {low} and {high} weeks.")
    problem = race_date_problem(request)
    if problem:
        messages.append(problem)
    if request.focus not in PLAN_FOCUSES:
        names = ", ".join(focus.label.lower() for focus in PLAN_FOCUSES)
        messages.append(f"A plan's focus is one of: {names}.")
    return messages


def race_date_problem(request: PlanRequest) -> str:
    """What is wrong with the race date for these answers, or "" (shown by the form field)."""
    if request.race_date is None:
        if request.phase == Phase.TAPER:
            return (
                "A taper counts down to a race: give your race date, so that the plan "
                "can cut the work week by week and leave the last days before it free."
            )
        return ""
    if request.start_date is None:
        return "A race date needs the day the plan starts."
    days = (request.race_date - request.start_date).days
    if days <= 0:
        return "Your race date is today or in the past: choose a date after today."
    if request.plan_weeks > WEEKS_RANGE[1]:
        return (
            f"Your race is more than {WEEKS_RANGE[1]} weeks away. Build a plan without a "
            "race date for now, and add the date when the race is closer."
        )
    if request.phase == Phase.TAPER and days > TAPER_DAYS:
        return (
            f"Your race is {days} days away: a taper covers the last two weeks or so. "
            "Choose the build or peak phase; with a race date the plan ends in a taper anyway."
        )
    return ""
