"""The plan as values: the week-by-week plan, and the drafts it is made from.

A draft is a session while the selection fills it and the time fit trims it;
`plans.builder.doses` turns drafts into the frozen PlanSessions of each week.
"""

import math
from dataclasses import dataclass, field

from django.db import models

from exercises.models import amount_text, dose_text
from plans.builder.library import LibraryExercise
from plans.builder.request import PHASE_NAMES, WEEKDAYS, PlanRequest
from plans.builder.schedule import ScheduledDay
from plans.models import session_name

# The time estimate: about 3 seconds a repetition (lifting and lowering under control).
SECONDS_PER_REP = 3

# Progression: four-week blocks, three loading weeks then a lighter week (the
# 3:1 pattern of periodisation texts such as Bompa and Haff, "Periodization").
# Within a block the rep target climbs from the bottom of the range to the top
# (holds by HOLD_STEP seconds a week, see plans.builder.doses); the notes tell
# the runner to add load, or move to the harder variation, before the next
# block. The lighter week keeps the load with about half the sets at the bottom
# of the range.
BLOCK_WEEKS = 4


class WeekKind(models.TextChoices):
    LOADING = "loading", "Loading week"
    LIGHTER = "lighter", "Lighter week"
    TAPER = "taper", "Taper week"


WEEK_STEPS = (
    "bottom of each rep range",
    "middle of the range, holds 5 s longer",
    "top of the range, holds 10 s longer",
)


# ---------------------------------------------------------------- drafts

REQUIRED, CALF, FOCUS, PLYO, EXTRA = range(5)


@dataclass(frozen=True)
class Slot:
    """A place in a session for one exercise of a pattern (a key of SLOT_ROLES).

    REQUIRED slots together cover the six key patterns across the week and
    give every session single-leg work; CALF slots give every session calf and
    shin work; FOCUS, PLYO and EXTRA slots are added when time allows, and
    dropped first when it does not. `core_role` asks for
    a core hold or moving core work; `calf_role` for one turn of the calf and
    shin rotation.
    """

    pattern: str
    priority: int = REQUIRED
    unilateral: bool = False
    core_role: str | None = None
    calf_role: str | None = None


@dataclass(eq=False)
class DraftItem:
    """A chosen exercise while the time fit caps its sets and rest (compared by identity)."""

    exercise: LibraryExercise
    slot: Slot
    role: str  # "main", "accessory" or "plyo": which dose it takes
    set_cap: int = 10
    rest_cap: int | None = None
    note: str = ""
    light: bool = False  # on a light day: the light dose (plans.builder.doses)


@dataclass
class Draft:
    """A session while it is chosen and fitted; frozen into PlanSessions per week."""

    index: int
    weekday: int
    slots: tuple[Slot, ...]
    warmup: list[LibraryExercise] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    events: set[str] = field(default_factory=set)
    light: bool = False

    @property
    def name(self) -> str:
        return session_name(self.index)


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class PlanItem:
    """One exercise with its dose for one week (a warm-up drill or a strength exercise)."""

    exercise: LibraryExercise
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
    note: str = ""  # what is special about this session (light, the last days before a race)

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
    taper_text: str = ""  # a taper week's summary (it depends on the week's place in the taper)

    @property
    def label(self) -> str:
        return f"Week {self.number}"

    @property
    def summary(self) -> str:
        if self.kind == WeekKind.TAPER:
            return self.taper_text
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
    """A whole plan. `sessions` is week 1, which is what `plans.services.save_plan` stores."""

    request: PlanRequest
    days: tuple[ScheduledDay, ...]
    weeks: tuple[PlanWeek, ...]
    notes: tuple[str, ...]
    bent_rules: tuple[str, ...]

    @property
    def name(self) -> str:
        weeks = len(self.weeks)
        return f"{PHASE_NAMES[self.request.phase]} phase plan ({weeks} week{'s' * (weeks > 1)})"

    @property
    def sessions(self) -> tuple[PlanSession, ...]:
        return self.weeks[0].sessions

    @property
    def table(self) -> "WeeklyTable":
        return weekly_table(self)


@dataclass(frozen=True)
class TableRow:
    session: str
    exercise: LibraryExercise
    doses: tuple[PlanItem | None, ...]  # one a week, in week order; None: not that week


@dataclass(frozen=True)
class WeeklyTable:
    weeks: tuple[PlanWeek, ...]
    rows: tuple[TableRow, ...]


def weekly_table(plan: Plan) -> WeeklyTable:
    """Sets × reps for every exercise in every week: one row an exercise, one column a week.

    Every week has week 1's exercises in the same order and only the dose changes,
    but for the last days before a race, which leave out the lower-body work (None).
    """

    def dose(week: PlanWeek, session: str, exercise: LibraryExercise) -> PlanItem | None:
        for planned in week.sessions:
            if planned.name == session:
                return next((i for i in planned.items if i.exercise == exercise), None)
        return None

    rows = [
        TableRow(
            session=session.name,
            exercise=item.exercise,
            doses=tuple(dose(week, session.name, item.exercise) for week in plan.weeks),
        )
        for session in plan.sessions
        for item in session.items
    ]
    return WeeklyTable(weeks=plan.weeks, rows=tuple(rows))
