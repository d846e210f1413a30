"""The plan builder: a periodised strength plan that fits a runner's week and training phase.

Plain rules in four parts, each small enough to check by hand:

1. ``PHASE_DOSES``: sets, reps and rest by phase and lifting experience, and how
   they change week by week (progression, lighter weeks, taper).
2. ``schedule()``: which days of the week take a strength session, and why.
3. The selector: which library exercises fill each session (key patterns,
   single-leg work, focus, equipment, level).
4. The time fit: an estimate of each session's length, and the trimming that
   keeps every week within the runner's minutes.

``build_plan()`` puts them together and ``save_plan()`` stores week 1 as a routine.
Nothing is random: the same request always gives the same plan, because every
choice is a minimum over a fixed ranking whose last tie-break is the slug.

The evidence each rule rests on is named in comments beside the rule (facts
only; see the sources for detail).
"""

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field, replace
from itertools import combinations, pairwise

from django.db import models, transaction

from accounts.models import User
from exercises.models import BODYWEIGHT, Exercise, amount_text, dose_text
from plans.balance import KEY_PATTERNS
from plans.models import (
    MAX_ITEMS_PER_SESSION,
    MAX_SESSIONS_PER_ROUTINE,
    Routine,
    RoutineItem,
    Session,
)
from plans.services import check_routine_limit, dose_of, session_name

# ---------------------------------------------------------------- the runner's answers

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


class Focus(models.TextChoices):
    GENERAL = "general", "General strength"
    KNEES = "knees", "Knees"
    HIPS_GLUTES = "hips_glutes", "Hips and glutes"
    CORE = "core", "Core"
    CALVES_SHINS = "calves_shins", "Calves and shins"


ROUTINE_FOCUS = {
    Focus.GENERAL: Routine.Focus.GENERAL,
    Focus.KNEES: Routine.Focus.KNEE,
    Focus.HIPS_GLUTES: Routine.Focus.HIP_GLUTE,
    Focus.CORE: Routine.Focus.CORE,
    Focus.CALVES_SHINS: Routine.Focus.CALF_SHIN,
}

RUNNING_DAYS_RANGE = (2, 7)
MINUTES_RANGE = (15, 60)
SESSIONS_RANGE = (1, 3)
WEEKS_RANGE = (4, 16)
# Three sessions a week need at least this many minutes each (see `validate`).
THREE_SESSION_MINUTES = 20


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
        return hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()

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
    return messages


# ---------------------------------------------------------------- the scheduler


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


def _smallest_gap(days: tuple[int, ...]) -> int:
    if len(days) == 1:
        return 7
    gaps = [later - earlier for earlier, later in pairwise(days)]
    return min([*gaps, 7 - days[-1] + days[0]])


def _placement_cost(request: PlanRequest, days: tuple[int, ...]) -> tuple:
    broken = [item.rule for item in _broken_rules(request, days)]
    return (
        *(broken.count(rule) for rule in RULES),
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
        if tomorrow == request.long_run_day:
            return STRENGTH_DAY_REASONS[kind] + " Tomorrow is your long run: keep this light."
        if tomorrow in request.hard_days:
            return STRENGTH_DAY_REASONS[kind] + " Tomorrow is a hard session: keep this light."
        return (
            STRENGTH_DAY_REASONS[kind]
            + " Tomorrow has no hard session or long run, so your legs can recover."
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
    names = {day: session_name(index) for index, day in enumerate(chosen)}
    return [
        ScheduledDay(
            weekday=day,
            run=_run_kind(request, day),
            session=names.get(day),
            reason=_day_reason(request, day, chosen),
            bent_rules=tuple(_bent_text(request, item) for item in broken if item.day == day),
        )
        for day in range(7)
    ]


# ---------------------------------------------------------------- doses by phase


@dataclass(frozen=True)
class PhaseDose:
    """A loading week's dose for one phase and level of experience.

    `sets`, `reps` and `rest` apply to the main lifts (squat, hinge, lunge,
    push, pull); `reps` only where the exercise takes a weight, since a
    bodyweight exercise keeps its own rep range (it cannot be made heavier by
    choosing a load). Core, hip and calf work gets `accessory_sets` of the
    exercise's own reps or hold, with ACCESSORY_REST between sets.
    """

    sets: int
    reps: tuple[int, int]
    rest: int
    accessory_sets: int


# Sources for the table:
# - ACSM position stand "Progression models in resistance training for healthy
#   adults" (2009, Med Sci Sports Exerc): novices 1-3 sets of 8-12 reps, heavier
#   loads and fewer reps as training advances, 2-3 minutes' rest for heavy
#   multi-joint lifts and 1-2 minutes for lighter ones, load increases of 2-10 %.
# - Blagrove, Howatson and Hayes 2018 (Sports Medicine, systematic review) and
#   Ronnestad and Mujika 2014 (Scand J Med Sci Sports, review): heavy strength
#   training and plyometrics improve running economy; Storen et al. 2008 (Med
#   Sci Sports Exerc) used 4 x 4 heavy half squats.
# - Ronnestad, Hansen and Raastad 2010 (Eur J Appl Physiol): one session every
#   7-10 days maintained strength gains in-season in cyclists (hence one
#   session at peak).
# - The returning phase starts light and adds a set after four weeks.
PHASE_DOSES = {
    # Off-season and base: more sets of moderate reps.
    Phase.OFF_SEASON: {
        Experience.NEW: PhaseDose(sets=2, reps=(10, 12), rest=60, accessory_sets=2),
        Experience.SOME: PhaseDose(sets=3, reps=(10, 12), rest=75, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=4, reps=(8, 12), rest=90, accessory_sets=3),
    },
    Phase.BASE: {
        Experience.NEW: PhaseDose(sets=3, reps=(8, 12), rest=75, accessory_sets=2),
        Experience.SOME: PhaseDose(sets=3, reps=(8, 10), rest=90, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=4, reps=(6, 10), rest=90, accessory_sets=3),
    },
    # Build: heavier, lower reps, longer rests (plus plyometrics, see PLYO_SETS).
    Phase.BUILD: {
        Experience.NEW: PhaseDose(sets=2, reps=(6, 8), rest=120, accessory_sets=2),
        Experience.SOME: PhaseDose(sets=3, reps=(5, 6), rest=150, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=4, reps=(4, 6), rest=150, accessory_sets=2),
    },
    # Peak: one short maintenance session a week, few sets at a heavy load.
    Phase.PEAK: {
        Experience.NEW: PhaseDose(sets=2, reps=(6, 8), rest=120, accessory_sets=1),
        Experience.SOME: PhaseDose(sets=2, reps=(5, 6), rest=150, accessory_sets=1),
        Experience.REGULAR: PhaseDose(sets=2, reps=(4, 6), rest=150, accessory_sets=1),
    },
    # Taper has no row: it is the build phase's plan at about half the volume,
    # see `_taper_item`.
    Phase.RETURNING: {
        Experience.NEW: PhaseDose(sets=2, reps=(10, 12), rest=60, accessory_sets=1),
        Experience.SOME: PhaseDose(sets=2, reps=(10, 12), rest=75, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=2, reps=(8, 12), rest=90, accessory_sets=2),
    },
}
RETURNING_EXTRA_SET_FROM_WEEK = 5
ACCESSORY_REST = 45
# Plyometrics: build phase only, for runners with some lifting behind them, one
# short drill a session of at most about 30 foot contacts (low volume), first
# after the warm-up. Saunders et al. 2006 (J Strength Cond Res) found that
# nine weeks of plyometrics improved running economy in trained runners.
PLYO_SETS = {Experience.SOME: 2, Experience.REGULAR: 3}
PLYO_REST = 60
PLYO_PHASES = {Phase.BUILD}
# Shortest rests the time fit may use: alternate a lower-body set with an
# upper-body or core set so that one group rests while the other works.
REST_FLOOR = {"main": 60, "accessory": 30, "plyo": 45}
WARMUP_REST = 15
# The time estimate: about 3 seconds a repetition (lifting and lowering under control).
SECONDS_PER_REP = 3

# Progression: four-week blocks, three loading weeks then a lighter week (the
# 3:1 pattern of periodisation texts such as Bompa and Haff, "Periodization").
# Within a block the rep target climbs from the bottom of the range to the top
# (holds by HOLD_STEP seconds a week); the notes tell the runner to add load, or
# move to the harder variation, before the next block. The lighter week keeps
# the load with about half the sets at the bottom of the range.
BLOCK_WEEKS = 4
HOLD_STEP = 5

# Taper: keep intensity and frequency, cut volume by roughly 40-60 % over about
# two weeks (Mujika and Padilla 2003, Med Sci Sports Exerc; Bosquet et al.
# 2007 meta-analysis, Med Sci Sports Exerc). Here: half the sets (rounded up)
# and a rep or two fewer at the same load, no plyometrics.


class WeekKind(models.TextChoices):
    LOADING = "loading", "Loading week"
    LIGHTER = "lighter", "Lighter week"
    TAPER = "taper", "Taper week"


WEEK_STEPS = (
    "bottom of each rep range",
    "middle of the range, holds 5 s longer",
    "top of the range, holds 10 s longer",
)


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class PlanItem:
    """One exercise with its dose for one week (a warm-up drill or a strength exercise)."""

    exercise: Exercise
    sets: int
    reps_min: int | None
    reps_max: int | None
    hold_seconds: int | None
    per_side: bool
    rest_seconds: int
    note: str = ""

    @property
    def work_seconds(self) -> int:
        """One set: about 3 s a rep, or the hold; twice that when done per side."""
        if self.hold_seconds is not None:
            work = self.hold_seconds
        else:
            work = SECONDS_PER_REP * (self.reps_max or self.reps_min)
        return work * 2 if self.per_side else work

    @property
    def seconds(self) -> int:
        return self.sets * (self.work_seconds + self.rest_seconds)

    @property
    def volume(self) -> int:
        """Seconds of work over all sets: the measure compared between weeks."""
        return self.sets * self.work_seconds

    @property
    def dose(self) -> str:
        """As a coach writes it: "3 × 8 per side", "2 × 30 s"."""
        return dose_text(self.sets, self.amount, self.per_side)

    @property
    def amount(self) -> str:
        return amount_text(self.reps_min, self.reps_max, self.hold_seconds)


@dataclass(frozen=True)
class PlanSession:
    name: str
    weekday: int
    warmup: tuple[PlanItem, ...]
    items: tuple[PlanItem, ...]

    @property
    def weekday_name(self) -> str:
        return WEEKDAYS[self.weekday]

    @property
    def warmup_seconds(self) -> int:
        return sum(item.seconds for item in self.warmup)

    @property
    def estimated_seconds(self) -> int:
        """Warm-up plus, for every exercise, sets × (work + rest)."""
        return self.warmup_seconds + sum(item.seconds for item in self.items)

    @property
    def estimated_minutes(self) -> int:
        """Rounded up, so it is never an underestimate of `estimated_seconds`."""
        return math.ceil(self.estimated_seconds / 60)

    @property
    def warmup_minutes(self) -> int:
        return math.ceil(self.warmup_seconds / 60)


@dataclass(frozen=True)
class PlanWeek:
    number: int
    kind: WeekKind
    sessions: tuple[PlanSession, ...]

    @property
    def label(self) -> str:
        return f"Week {self.number}"

    @property
    def summary(self) -> str:
        if self.kind == WeekKind.TAPER:
            return "taper: about half the sets, a rep or two fewer, same load"
        if self.kind == WeekKind.LIGHTER:
            return "lighter week: about half the sets, bottom of the range, same load"
        return WEEK_STEPS[(self.number - 1) % BLOCK_WEEKS]

    @property
    def total_sets(self) -> int:
        return sum(item.sets for session in self.sessions for item in session.items)

    @property
    def volume(self) -> int:
        """Seconds of strength work in the week (warm-ups left out)."""
        return sum(item.volume for session in self.sessions for item in session.items)

    @property
    def longest_session_minutes(self) -> int:
        return max(session.estimated_minutes for session in self.sessions)


@dataclass(frozen=True)
class Plan:
    """A whole plan. `sessions` is week 1, which is what `save_plan` stores."""

    request: PlanRequest
    days: tuple[ScheduledDay, ...]
    weeks: tuple[PlanWeek, ...]
    notes: tuple[str, ...]
    bent_rules: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{PHASE_NAMES[self.request.phase]} phase plan ({self.request.weeks} weeks)"

    @property
    def sessions(self) -> tuple[PlanSession, ...]:
        return self.weeks[0].sessions

    @property
    def table(self) -> "WeeklyTable":
        return weekly_table(self)


@dataclass(frozen=True)
class TableRow:
    session: str
    exercise: Exercise
    doses: tuple[PlanItem, ...]  # one a week, in week order


@dataclass(frozen=True)
class WeeklyTable:
    weeks: tuple[PlanWeek, ...]
    rows: tuple[TableRow, ...]


def weekly_table(plan: Plan) -> WeeklyTable:
    """Sets × reps for every exercise in every week: one row an exercise, one column a week.

    Every week has the same exercises in the same order; only the dose changes.
    """
    rows = [
        TableRow(
            session=session.name,
            exercise=item.exercise,
            doses=tuple(week.sessions[s].items[i] for week in plan.weeks),
        )
        for s, session in enumerate(plan.sessions)
        for i, item in enumerate(session.items)
    ]
    return WeeklyTable(weeks=plan.weeks, rows=tuple(rows))


# ---------------------------------------------------------------- the selector

PATTERN_SLUGS = {key: tuple(slugs) for key, _label, slugs in KEY_PATTERNS} | {
    "calf": ("calf-ankle",),
    "hip": ("hip-isolation",),
    "plyo": ("plyometric",),
}
PATTERN_LABELS = {key: label.lower() for key, label, _slugs in KEY_PATTERNS} | {
    "calf": "calf and shin",
    "hip": "hip stability",
    "plyo": "plyometric",
}
MAIN_PATTERNS = {"squat", "hinge", "lunge", "push", "pull"}
# Equipment that adds load, so an exercise can follow the phase's rep range.
LOAD_EQUIPMENT = {"dumbbell", "kettlebell", "barbell", "cable-machine"}
LEVELS = [choice.value for choice in Exercise.Level]
ALLOWED_LEVELS = {
    Experience.NEW: {Exercise.Level.BEGINNER},
    Experience.SOME: {Exercise.Level.BEGINNER, Exercise.Level.INTERMEDIATE},
    Experience.REGULAR: set(Exercise.Level),
}

REQUIRED, FOCUS, PLYO, EXTRA = range(4)


@dataclass(frozen=True)
class _Slot:
    """A place in a session for one exercise of a pattern.

    REQUIRED slots together cover the six key patterns across the week and
    give every session single-leg work; FOCUS, PLYO and EXTRA slots are added
    when time allows, and dropped first when it does not.
    """

    pattern: str
    priority: int = REQUIRED
    unilateral: bool = False
    subpattern: str | None = None
    prefer: tuple[str, ...] = ()


SQUAT, HINGE, PUSH, PULL, CORE = (_Slot(key) for key in ("squat", "hinge", "push", "pull", "core"))
SINGLE_LEG_LUNGE = _Slot("lunge", unilateral=True)
SINGLE_LEG_HINGE = _Slot("hinge", unilateral=True)
SINGLE_LEG_SQUAT = _Slot("squat", unilateral=True)


def _extra(key: str) -> _Slot:
    return _Slot(key, priority=EXTRA)


# Sessions by sessions per week. Full-body sessions, since runners lift two or
# three times a week at most; the lower body (the running muscles) is in every
# session, and single-leg work is too, because running is a series of
# single-leg landings.
SESSION_SLOTS = {
    1: ((SQUAT, HINGE, SINGLE_LEG_LUNGE, PUSH, PULL, CORE),),
    2: (
        (SQUAT, SINGLE_LEG_LUNGE, PUSH, CORE, _extra("hinge"), _extra("pull")),
        (SINGLE_LEG_HINGE, PULL, CORE, _extra("squat"), _extra("push")),
    ),
    3: (
        (SQUAT, SINGLE_LEG_LUNGE, PUSH, _extra("core"), _extra("hinge")),
        (SINGLE_LEG_HINGE, PULL, CORE, _extra("squat"), _extra("push")),
        (SINGLE_LEG_SQUAT, HINGE, CORE, _extra("pull"), _extra("lunge")),
    ),
}
# Alternate core holds and moving core work between sessions.
CORE_TYPES = ("core-isometric", "core-dynamic")
# Calf work: calf raises, then the shin, then the deep calf (soleus).
CALF_PREFERENCE = (
    ("single-leg-calf-raise", "calf-raise"),
    ("tibialis-raise",),
    ("bent-knee-calf-raise",),
)
# Exercises tagged with these focus areas rank first where the focus applies.
FOCUS_TAGS = {
    Focus.GENERAL: frozenset(),
    Focus.KNEES: frozenset({"knee"}),
    Focus.HIPS_GLUTES: frozenset({"hip", "glute"}),
    Focus.CORE: frozenset({"core"}),
    Focus.CALVES_SHINS: frozenset(),
}
# Warm-up drills for a lifting session, hips and legs first; sessions start at
# different points of the list for variety. A dynamic warm-up raises
# temperature and readiness without fatigue (McGowan et al. 2015, Sports
# Medicine, "Warm-up strategies for sport and exercise").
WARMUP_PREFERENCE = (
    "worlds-greatest-stretch",
    "leg-swing-front-back",
    "leg-swing-side-side",
    "hip-circles",
    "inchworm",
    "walking-lunge",
    "a-skip",
    "high-knees",
    "butt-kicks",
    "carioca",
)
MIN_WARMUP_DRILLS = 2


def _warmup_drills(minutes: int) -> int:
    return 2 if minutes < 25 else 3 if minutes < 40 else 4


def _focus_slots(focus: Focus, index: int) -> tuple[_Slot, ...]:
    """The focus, weighted in: one extra exercise a session (session A only for general).

    Knees: hip-stability work in every session, because combined hip and knee
    exercise is the recommended treatment for patellofemoral (front-of-knee)
    pain, common in runners (Crossley et al. 2016, consensus statement, BJSM).
    Calves and shins: the calves bear several times body weight with every stride
    (Dorn, Schache and Pandy 2012, J Exp Biol), so calf or shin work each session.
    """
    calf = _Slot("calf", FOCUS, prefer=CALF_PREFERENCE[index % len(CALF_PREFERENCE)])
    if focus == Focus.GENERAL:
        return (calf,) if index == 0 else ()
    if focus in (Focus.KNEES, Focus.HIPS_GLUTES):
        return (_Slot("hip", FOCUS),)
    if focus == Focus.CORE:
        return (_Slot("core", FOCUS, subpattern=CORE_TYPES[(index + 1) % 2]),)
    return (calf,)


@dataclass
class _Library:
    """The whole exercise library, loaded once in three queries, then filtered in Python."""

    exercises: list[Exercise]
    equipment: dict[int, frozenset[str]]  # equipment slugs by exercise pk
    focus: dict[int, frozenset[str]]  # focus-area slugs by exercise pk

    @classmethod
    def load(cls) -> "_Library":
        exercises = list(
            Exercise.objects.select_related("pattern")
            .prefetch_related("equipment", "focus_areas")
            .order_by("slug")
        )
        return cls(
            exercises,
            equipment={e.pk: frozenset(_equipment(e)) for e in exercises},
            focus={e.pk: frozenset(area.slug for area in e.focus_areas.all()) for e in exercises},
        )

    def usable(self, request: PlanRequest, kind: str) -> list[Exercise]:
        """Exercises of this kind whose every piece of equipment the runner has."""
        return [
            exercise
            for exercise in self.exercises
            if exercise.kind == kind and self.equipment[exercise.pk] <= request.gear
        ]

    def is_loaded(self, exercise: Exercise) -> bool:
        """Whether it uses equipment that adds load, so it can follow the phase's reps."""
        return bool(self.equipment[exercise.pk] & LOAD_EQUIPMENT)


def _equipment(exercise: Exercise) -> set[str]:
    return {item.slug for item in exercise.equipment.all()}


def _role(exercise: Exercise) -> str:
    slug = exercise.pattern.slug
    if slug == "plyometric":
        return "plyo"
    return "main" if slug in MAIN_PATTERNS else "accessory"


@dataclass(eq=False)
class _DraftItem:
    """A chosen exercise while the time fit caps its sets and rest (compared by identity)."""

    exercise: Exercise
    slot: _Slot
    role: str  # "main", "accessory" or "plyo": which dose it takes
    loaded: bool
    set_cap: int = 10
    rest_cap: int | None = None
    note: str = ""


@dataclass
class _Draft:
    """A session while it is chosen and fitted; frozen into PlanSessions per week."""

    index: int
    weekday: int
    slots: tuple[_Slot, ...]
    warmup: list[Exercise] = field(default_factory=list)
    items: list[_DraftItem] = field(default_factory=list)
    events: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return session_name(self.index)


def _rank(
    exercise: Exercise, slot: _Slot, used: set[int], tags: frozenset[str], library: _Library
) -> tuple:
    """Smaller is better. The slug is the last tie-break, so the choice is stable."""
    level = LEVELS.index(exercise.level)
    return (
        exercise.pk in used,  # variety across the week
        slot.pattern in MAIN_PATTERNS and exercise.hold_seconds is not None,  # reps for lifts
        slot.prefer.index(exercise.slug) if exercise.slug in slot.prefer else len(slot.prefer),
        slot.subpattern is not None and exercise.pattern.slug != slot.subpattern,
        not tags & library.focus[exercise.pk],  # the focus
        not library.is_loaded(exercise),  # a load can be added week by week
        level if slot.pattern == "plyo" else -level,  # easiest jumps; otherwise the hardest allowed
        exercise.slug,
    )


def _pick(
    slot: _Slot, pool: list[Exercise], request: PlanRequest, used: set[int], library: _Library
) -> tuple[Exercise | None, str]:
    """The best exercise for a slot, and a note when a required slot had to go above level."""
    allowed = ALLOWED_LEVELS[request.experience]
    tags = FOCUS_TAGS[request.focus]

    def rank(exercise):
        return _rank(exercise, slot, used, tags, library)

    fitting = [
        exercise
        for exercise in pool
        if exercise.pattern.slug in PATTERN_SLUGS[slot.pattern]
        and (exercise.unilateral or not slot.unilateral)
    ]
    at_level = [exercise for exercise in fitting if exercise.level in allowed]
    if at_level:
        return min(at_level, key=rank), ""
    if slot.priority != REQUIRED or not fitting:
        return None, ""
    # No exercise at the runner's level fits the equipment: take the easiest that does.
    choice = min(fitting, key=lambda e: (LEVELS.index(e.level), rank(e)))
    return choice, (
        f"{choice.name} is rated {choice.get_level_display().lower()}, above your experience, "
        f"because no easier {PATTERN_LABELS[slot.pattern]} exercise fits your equipment. "
        "Start with an easier version (see the exercise page) and build up."
    )


# Order within a session: jumps while fresh, then the big two-legged lifts,
# single-leg work, the upper body, small hip and calf muscles, and core last
# (multi-joint before single-joint, large muscles before small: ACSM 2009).
SESSION_ORDER = ("plyo", "bilateral", "single-leg", "upper", "accessory", "core")


def _order_key(item: _DraftItem) -> int:
    exercise = item.exercise
    slug = exercise.pattern.slug
    if slug == "plyometric":
        place = "plyo"
    elif slug in ("squat", "hinge", "lunge"):
        place = "single-leg" if exercise.unilateral else "bilateral"
    elif slug in ("push", "pull"):
        place = "upper"
    elif slug in PATTERN_SLUGS["core"]:
        place = "core"
    else:
        place = "accessory"
    return SESSION_ORDER.index(place)


def _select(
    request: PlanRequest, library: _Library, days: list[ScheduledDay], notes: list[str]
) -> list[_Draft]:
    """Fill every session's slots, required slots of all sessions first."""
    weekdays = [day.weekday for day in days if day.has_strength]
    drafts = []
    for index, (weekday, slots) in enumerate(
        zip(weekdays, SESSION_SLOTS[len(weekdays)], strict=True)
    ):
        core_type = CORE_TYPES[index % 2]
        slots = tuple(
            replace(slot, subpattern=core_type) if slot.pattern == "core" else slot
            for slot in slots
        )
        slots += _focus_slots(request.focus, index)
        if request.phase in PLYO_PHASES and request.experience in PLYO_SETS:
            slots += (_Slot("plyo", PLYO),)
        drafts.append(_Draft(index=index, weekday=weekday, slots=slots))

    strength = library.usable(request, Exercise.Kind.STRENGTH)
    used: set[int] = set()
    for priority in (REQUIRED, FOCUS, PLYO, EXTRA):
        for draft in drafts:
            in_session = {item.exercise.pk for item in draft.items}
            for slot in draft.slots:
                if slot.priority != priority:
                    continue
                pool = [e for e in strength if e.pk not in in_session]
                exercise, note = _pick(slot, pool, request, used, library)
                if exercise is None:
                    if priority == REQUIRED:
                        notes.append(
                            f"{draft.name}: no {PATTERN_LABELS[slot.pattern]} exercise in the "
                            "library fits your equipment."
                        )
                    continue
                if note:
                    notes.append(f"{draft.name}: {note}")
                draft.items.append(
                    _DraftItem(
                        exercise,
                        slot,
                        role=_role(exercise),
                        loaded=library.is_loaded(exercise),
                        note="Start with an easier version." if note else "",
                    )
                )
                used.add(exercise.pk)
                in_session.add(exercise.pk)

    drills = sorted(
        library.usable(request, Exercise.Kind.WARMUP),
        key=lambda e: (
            WARMUP_PREFERENCE.index(e.slug)
            if e.slug in WARMUP_PREFERENCE
            else len(WARMUP_PREFERENCE),
            e.slug,
        ),
    )
    count = min(_warmup_drills(request.minutes), len(drills))
    for draft in drafts:
        start = draft.index * 2
        draft.warmup = [drills[(start + i) % len(drills)] for i in range(count)]
        draft.items.sort(key=_order_key)  # stable: ties keep the selection order
    return drafts


# ---------------------------------------------------------------- doses week by week


def _loading_sets(item: _DraftItem, request: PlanRequest, week: int) -> int:
    """Sets in a loading week before the time fit's cap."""
    row = PHASE_DOSES[request.phase][request.experience]
    if item.role == "plyo":
        return PLYO_SETS[request.experience]
    if item.role == "accessory":
        return row.accessory_sets
    if request.phase == Phase.RETURNING and week >= RETURNING_EXTRA_SET_FROM_WEEK:
        return row.sets + 1
    return row.sets


def _rest(item: _DraftItem, request: PlanRequest) -> int:
    row = PHASE_DOSES[request.phase][request.experience]
    rest = {"main": row.rest, "accessory": ACCESSORY_REST, "plyo": PLYO_REST}[item.role]
    return rest if item.rest_cap is None else min(rest, item.rest_cap)


def _week_item(item: _DraftItem, request: PlanRequest, week: int) -> PlanItem:
    """The dose of one exercise in one week of a (non-taper) phase."""
    exercise = item.exercise
    step = (week - 1) % BLOCK_WEEKS
    lighter = step == BLOCK_WEEKS - 1
    # The lighter week uses the sets of the loading weeks before it.
    sets = min(_loading_sets(item, request, week - 1 if lighter else week), item.set_cap)
    if lighter:
        sets = math.ceil(sets / 2)
    level = 0 if lighter or item.role == "plyo" else step
    common = {"sets": sets, "per_side": exercise.per_side, "rest_seconds": _rest(item, request)}
    if exercise.hold_seconds is not None:
        hold = exercise.hold_seconds + HOLD_STEP * level
        return PlanItem(
            exercise, reps_min=None, reps_max=None, hold_seconds=hold, note=item.note, **common
        )
    if item.role == "main" and item.loaded:
        low, high = PHASE_DOSES[request.phase][request.experience].reps
    else:
        low, high = exercise.reps_min, exercise.reps_max or exercise.reps_min
    target = (low, (low + high + 1) // 2, high)[level]
    return PlanItem(
        exercise, reps_min=target, reps_max=None, hold_seconds=None, note=item.note, **common
    )


def _taper_item(build_week_one: PlanItem) -> PlanItem:
    """Half the sets (rounded up) and a rep or two fewer, or a shorter hold, at the same load."""
    sets = math.ceil(build_week_one.sets / 2)
    if build_week_one.hold_seconds is not None:
        hold = build_week_one.hold_seconds
        return replace(
            build_week_one, sets=sets, hold_seconds=max(5, (hold - max(5, hold // 4)) // 5 * 5)
        )
    reps = build_week_one.reps_min
    return replace(build_week_one, sets=sets, reps_min=reps - max(1, reps // 4))


def _warmup_item(exercise: Exercise) -> PlanItem:
    return PlanItem(
        exercise,
        sets=exercise.sets,
        reps_min=exercise.reps_min,
        reps_max=exercise.reps_max,
        hold_seconds=exercise.hold_seconds,
        per_side=exercise.per_side,
        rest_seconds=WARMUP_REST,
    )


def _session(draft: _Draft, items) -> PlanSession:
    return PlanSession(
        name=draft.name,
        weekday=draft.weekday,
        warmup=tuple(_warmup_item(exercise) for exercise in draft.warmup),
        items=tuple(items),
    )


def _week_session(draft: _Draft, request: PlanRequest, week: int) -> PlanSession:
    return _session(draft, (_week_item(item, request, week) for item in draft.items))


# ---------------------------------------------------------------- the time fit


def _longest_seconds(draft: _Draft, request: PlanRequest) -> int:
    """The longest week's estimate. Lighter weeks are shorter than the week before
    them, and blocks after the second repeat it, so the first eight weeks tell."""
    return max(
        _week_session(draft, request, week).estimated_seconds
        for week in range(1, min(request.weeks, 2 * BLOCK_WEEKS) + 1)
    )


def _lowest_priority_first(items: list[_DraftItem]) -> list[_DraftItem]:
    positions = {item: position for position, item in enumerate(items)}
    return sorted(items, key=lambda item: (item.slot.priority, positions[item]), reverse=True)


def _most_sets(item: _DraftItem, request: PlanRequest) -> int:
    """The most sets the exercise has in any loading week, before the cap."""
    weeks = range(1, min(request.weeks, 2 * BLOCK_WEEKS) + 1)
    return max(_loading_sets(item, request, week) for week in weeks)


def _lower_set_caps(draft: _Draft, request: PlanRequest, floor: int):
    """Take one set at a time off the lowest-priority exercises, round and round, down to floor."""
    changed = True
    while changed:
        changed = False
        for item in _lowest_priority_first(draft.items):
            most = min(_most_sets(item, request), item.set_cap)
            if most > floor:
                item.set_cap = most - 1
                changed = True
                yield "sets"


def _trims(draft: _Draft, request: PlanRequest):
    """The trimming ladder, one small change at a time, gentlest first.

    Key patterns the week needs go last, and only if nothing else is left.
    """
    lowest_first = _lowest_priority_first(draft.items)
    for item in lowest_first:
        if item.slot.priority == EXTRA:
            draft.items.remove(item)
            yield "extra"
    while len(draft.warmup) > MIN_WARMUP_DRILLS:
        draft.warmup.pop()
        yield "warmup"
    yield from _lower_set_caps(draft, request, floor=2)
    for item in [item for item in draft.items if item.slot.priority == PLYO]:
        draft.items.remove(item)
        yield "plyo"
    for item in lowest_first:
        if item in draft.items:
            item.rest_cap = REST_FLOOR[item.role]
            yield "rest"
    yield from _lower_set_caps(draft, request, floor=1)
    for item in [item for item in draft.items if item.slot.priority == FOCUS]:
        draft.items.remove(item)
        yield "focus"
    for item in reversed(list(draft.items)):
        draft.items.remove(item)
        yield f"dropped:{item.slot.pattern}"


def _fit(draft: _Draft, request: PlanRequest) -> None:
    """Trim until the longest week's estimate is within the minutes (estimate ≤ minutes).

    The ladder may overshoot, so sets and then full rests are given back, most
    important exercise first, as long as every week still fits.
    """
    budget = request.minutes * 60

    def fits():
        return _longest_seconds(draft, request) <= budget

    if fits():
        return
    for event in _trims(draft, request):
        draft.events.add(event)
        if fits():
            break
    most_important_first = _lowest_priority_first(draft.items)[::-1]
    changed = True
    while changed:
        changed = False
        for item in most_important_first:
            if item in draft.items and item.set_cap < _most_sets(item, request):
                item.set_cap += 1
                if fits():
                    changed = True
                else:
                    item.set_cap -= 1
    for item in most_important_first:
        if item.rest_cap is not None:
            floor, item.rest_cap = item.rest_cap, None
            if not fits():
                item.rest_cap = floor


# ---------------------------------------------------------------- notes

PHASE_NOTES = {
    Phase.OFF_SEASON: "Off-season: with no race close, this is the time to build general "
    "strength, with more sets of moderate reps at loads you could lift two or three more times.",
    Phase.BASE: "Base: more sets of moderate reps build strength, and the tendons' tolerance of "
    "load, while your running volume grows.",
    Phase.BUILD: "Build: fewer, heavier reps with longer rests. Heavy strength work makes "
    "running more economical without adding bulk.",
    Phase.PEAK: "Peak and racing: one short session a week keeps the strength you have built, "
    "with few sets at a heavy load, so your legs stay fresh for racing.",
    Phase.TAPER: "Taper: your race is within two weeks, so every week of this plan is a taper "
    "week: the build-phase exercises at about half the sets and a rep or two fewer, at the same "
    "load. Leave out lower-body strength work in the last four days before the race.",
    Phase.RETURNING: "Returning from a break: light loads and two sets to start, with a third "
    "set on the main lifts from week 5. Stop every set well short of failure while your body "
    "gets used to lifting again.",
}
FOCUS_NOTES = {
    Focus.KNEES: "Knee focus: every session adds hip-stability work, and knee-friendly "
    "exercises are chosen where there is a choice. Strong hips and thighs keep the knee "
    "tracking over the foot.",
    Focus.HIPS_GLUTES: "Hip and glute focus: every session adds work for the small hip muscles "
    "that keep your pelvis level when you stand on one leg.",
    Focus.CORE: "Core focus: every session has both a core hold and a moving core exercise.",
    Focus.CALVES_SHINS: "Calf and shin focus: every session adds calf or shin work. Your calves "
    "take several times your body weight with every stride.",
}
TRIM_NOTES = {
    "short_rests": "To fit your minutes, rests are shorter than ideal: alternate a lower-body set "
    "with an upper-body or core set, so one rests while the other works.",
    "single_sets": "To fit your minutes, some exercises have a single set. One hard set still "
    "builds strength, especially early on; two or more bring more.",
    "plyo": "There was no room for the short jumps in your minutes; with more time, the plan "
    "adds them.",
    "focus": "There was no room for the extra focus exercise in your minutes; with more time, "
    "the plan adds it.",
}


def _notes(
    request: PlanRequest,
    days: list[ScheduledDay],
    drafts: list[_Draft],
    weeks: tuple[PlanWeek, ...],
    selection_notes: list[str],
) -> tuple[str, ...]:
    notes = [PHASE_NOTES[request.phase]]
    if request.phase == Phase.PEAK and request.sessions_per_week > 1:
        notes.append(
            f"You asked for {request.sessions_per_week} sessions a week; in the peak phase the "
            "plan uses one, so that racing comes first."
        )
    if request.phase != Phase.TAPER:
        notes.append(
            "Progressive overload: in each block of four weeks the reps (or hold times) rise a "
            "step a week for three weeks. When you reach the top with good form, add a little "
            "load (about 2–10 %) or move to the harder variation on the exercise page, and start "
            "the next block at the bottom of the range again."
        )
        notes.append(
            "Every fourth week is lighter, with about half the sets at the same load, so that "
            "the work of the three weeks before can sink in."
        )
    notes.append(
        "As racing nears, the plan cuts sets rather than load (one session in the peak phase, "
        "about half the sets in a taper): that keeps your strength while leaving energy for "
        "running."
    )
    notes.append(
        "Finish each set with two or three reps still in reserve: the aim is to get stronger "
        "without leaving your legs too tired to run well the next day."
    )
    if any(day.has_strength and day.run != RunKind.REST for day in days):
        notes.append(
            "On a day with both, run first and lift afterwards, ideally a few hours later: "
            "heavy leg work before a run leaves you tired for it, and the run matters more."
        )
    if any(item.role == "plyo" for draft in drafts for item in draft.items):
        notes.append(
            "The short jumps come first after the warm-up, while you are fresh. Keep the "
            "contacts quick and quiet, and stop the set when they slow down."
        )
    if not request.gear & LOAD_EQUIPMENT:
        notes.append(
            "With no weights, make an exercise harder by lowering more slowly (three seconds "
            "down) or by moving to the harder variation, rather than by adding ever more reps."
        )
    if request.focus in FOCUS_NOTES:
        notes.append(FOCUS_NOTES[request.focus])
    notes.append(
        "Each session starts with its warm-up drills. Then do one or two light sets of the "
        "first exercise before the working sets. On a day without a run, walk or jog for a few "
        "minutes first if you can."
    )
    first = weeks[0].sessions
    estimates = ", ".join(f"{s.name} about {s.estimated_minutes} minutes" for s in first)
    notes.append(
        f"Estimated time in week 1: {estimates}, counting the warm-up and, for every exercise, "
        "sets × (about 3 seconds a rep, or the hold, plus the rest). No week goes over your "
        f"{request.minutes} minutes."
    )
    events = set().union(*(draft.events for draft in drafts))
    if request.phase == Phase.TAPER:
        events.discard("plyo")
    fitted = [item for draft in drafts for item in draft.items]
    if any(item.rest_cap is not None for item in fitted):
        events.add("short_rests")
    if any(item.set_cap == 1 for item in fitted):
        events.add("single_sets")
    notes.extend(text for key, text in TRIM_NOTES.items() if key in events)
    for draft in drafts:
        for event in sorted(draft.events):
            if event.startswith("dropped:"):
                label = PATTERN_LABELS[event.removeprefix("dropped:")]
                notes.append(
                    f"{draft.name}: there was no room for the {label} exercise in "
                    f"{request.minutes} minutes. Allow more time to keep the plan balanced."
                )
    notes.extend(selection_notes)
    notes.append("When your phase changes, for example from base to build, build a new plan.")
    return tuple(notes)


# ---------------------------------------------------------------- build and save


def build_plan(request: PlanRequest) -> Plan:
    """The whole plan, week by week. The request must pass `validate` first.

    Three queries: the exercise library with its equipment and focus areas.
    """
    problems = validate(request)
    if problems:
        raise ValueError(" ".join(problems))
    library = _Library.load()
    days = schedule(request)
    # A taper is the build phase's plan at about half the volume, so it is
    # chosen and fitted as a build plan, then cut down.
    fit_request = replace(request, phase=Phase.BUILD) if request.phase == Phase.TAPER else request
    selection_notes: list[str] = []
    drafts = _select(fit_request, library, days, selection_notes)
    for draft in drafts:
        _fit(draft, fit_request)

    if request.phase == Phase.TAPER:
        taper = tuple(
            _session(
                draft,
                (
                    _taper_item(_week_item(item, fit_request, 1))
                    for item in draft.items
                    if item.role != "plyo"
                ),
            )
            for draft in drafts
        )
        weeks = tuple(
            PlanWeek(number=n, kind=WeekKind.TAPER, sessions=taper)
            for n in range(1, request.weeks + 1)
        )
    else:
        weeks = tuple(
            PlanWeek(
                number=n,
                kind=WeekKind.LIGHTER if n % BLOCK_WEEKS == 0 else WeekKind.LOADING,
                sessions=tuple(_week_session(draft, request, n) for draft in drafts),
            )
            for n in range(1, request.weeks + 1)
        )
    return Plan(
        request=request,
        days=tuple(days),
        weeks=weeks,
        notes=_notes(request, days, drafts, weeks, selection_notes),
        bent_rules=tuple(text for day in days for text in day.bent_rules),
    )


ROUTINE_NOTES_LIMIT = Routine._meta.get_field("notes").max_length


def routine_notes(plan: Plan) -> str:
    """The schedule and the week-by-week summary, cut to fit the routine's notes."""
    request = plan.request
    lines = [
        f"Phase: {request.phase.label}. Experience: {request.experience.label}. "
        f"Focus: {request.focus.label}. Sessions a week: {len(plan.sessions)}, "
        f"up to {request.minutes} minutes each.",
        "",
        "Your week:",
    ]
    for day in plan.days:
        strength = f" + {day.session}" if day.session else ""
        lines.append(f"{day.name}: {day.run.label}{strength}. {day.reason}")
    if plan.bent_rules:
        lines += ["", "Rules bent:", *plan.bent_rules]
    lines += ["", "Week by week:"]
    for week in plan.weeks:
        lines.append(
            f"{week.label}: {week.summary} ({week.total_sets} working sets, "
            f"up to {week.longest_session_minutes} min a session)."
        )
    text = "\n".join(lines)
    if len(text) > ROUTINE_NOTES_LIMIT:
        text = text[: ROUTINE_NOTES_LIMIT - 3].rsplit("\n", 1)[0] + "\n..."
    return text


@transaction.atomic
def save_plan(*, plan: Plan, owner: User) -> Routine:
    """Store the plan's week 1 as the owner's routine: warm-up drills first in each session."""
    check_routine_limit(owner)
    if len(plan.sessions) > MAX_SESSIONS_PER_ROUTINE or any(
        len(session.warmup) + len(session.items) > MAX_ITEMS_PER_SESSION
        for session in plan.sessions
    ):
        raise ValueError("The plan is larger than a routine can hold.")
    routine = Routine.objects.create(
        owner=owner,
        name=plan.name,
        notes=routine_notes(plan),
        focus=ROUTINE_FOCUS[plan.request.focus],
        sessions_per_week=len(plan.sessions),
    )
    for order, planned in enumerate(plan.sessions):
        session = Session.objects.create(routine=routine, name=planned.name, order=order)
        RoutineItem.objects.bulk_create(
            RoutineItem(
                session=session,
                exercise=item.exercise,
                order=position,
                load="" if _equipment(item.exercise) else "Bodyweight",
                notes=item.note,
                **dose_of(item),
            )
            for position, item in enumerate((*planned.warmup, *planned.items))
        )
    return routine
