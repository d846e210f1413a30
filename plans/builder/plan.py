"""The plan as values: the week-by-week plan, and the drafts it is made from.

A draft is a session while the selection fills it and the time fit trims it;
`plans.builder.doses` turns drafts into the frozen PlanSessions of each week.
"""

from dataclasses import dataclass, field

from django.db import models

from exercises.models import Exercise, amount_text, dose_text
from plans import timing
from plans.builder.library import LibraryExercise
from plans.builder.request import PHASE_NAMES, WEEKDAYS, PlanRequest
from plans.builder.schedule import ScheduledDay
from plans.models import session_name

# Progression: four-week blocks, three loading weeks then a lighter week (the
# 3:1 pattern of periodisation texts such as Bompa and Haff, "Periodization").
# Within a block a loaded lift adds a rep a week at the same load, so its reps
# in reserve fall a rep a week; the next block starts heavier, at fewer reps
# (see plans.builder.doses). Bodyweight exercises climb their own rep range and
# holds grow by HOLD_STEP seconds a week. The lighter week keeps the load with
# about half the sets at the block's first-week reps.
BLOCK_WEEKS = 4


class WeekKind(models.TextChoices):
    LOADING = "loading", "Loading week"
    LIGHTER = "lighter", "Lighter week"
    TAPER = "taper", "Taper week"


WEEK_STEPS = (
    "first week of the block: each loaded lift at its rep target and reps in reserve",
    "a rep more at the same load, holds 5 s longer",
    "another rep at the same load, holds 10 s longer",
)
HEAVIER_BLOCK_STEP = "a new block, heavier: fewer reps (or fewer in reserve) at a higher load"
MAINTAIN_STEP = "the same reps at the same load (peak maintains)"


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
    role: str = ""  # a plans.builder.doses.DoseRole value; "" for a warm-up drill
    # The load target of a loaded exercise: the reps left in reserve at the end of each set.
    reps_in_reserve: int | None = None
    progression: str = ""  # what changes from the last block, in the first week of a block
    warmup_sets: int = 0  # lighter sets before the working sets (plans.timing)

    @property
    def timed(self) -> timing.TimedRow:
        return timing.TimedRow(
            sets=self.sets,
            reps=self.reps_max or self.reps_min,
            hold_seconds=self.hold_seconds,
            per_side=self.per_side,
            rest_seconds=self.rest_seconds,
            drill=self.exercise.kind == Exercise.Kind.WARMUP,
            warmup_sets=self.warmup_sets,
        )

    @property
    def work_seconds(self) -> int:
        return self.timed.work_seconds

    @property
    def seconds(self) -> int:
        """Its warm-up sets, its sets and the rests between them (plans.timing)."""
        return self.timed.seconds

    @property
    def reserve_text(self) -> str:
        """ "2 reps in reserve"; empty without a load target."""
        if self.reps_in_reserve is None:
            return ""
        return f"{self.reps_in_reserve} rep{'s' * (self.reps_in_reserve != 1)} in reserve"

    @property
    def load_target(self) -> str:
        """The load as a saved routine states it: "Heavy enough for 2 reps in reserve"."""
        return f"Heavy enough for {self.reserve_text}" if self.reserve_text else ""

    @property
    def warmup_sets_text(self) -> str:
        if not self.warmup_sets:
            return ""
        return f"{self.warmup_sets} warm-up set{'s' * (self.warmup_sets > 1)} first"

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
        return timing.session_seconds(item.timed for item in self.warmup)

    @property
    def estimated_seconds(self) -> int:
        """The warm-up drills, then every exercise with its warm-up sets, sets and rests,
        and the changeovers between them (plans.timing)."""
        return timing.session_seconds(item.timed for item in (*self.warmup, *self.items))

    @property
    def estimated_minutes(self) -> int:
        """Rounded up, so it is never an underestimate of `estimated_seconds`."""
        return timing.minutes(self.estimated_seconds)

    @property
    def warmup_minutes(self) -> int:
        return timing.minutes(self.warmup_seconds)


@dataclass(frozen=True)
class PlanWeek:
    number: int
    kind: WeekKind
    sessions: tuple[PlanSession, ...]
    taper_text: str = ""  # a taper week's summary (it depends on the week's place in the taper)
    maintaining: bool = False  # the peak phase: the same reps every loading week

    @property
    def label(self) -> str:
        return f"Week {self.number}"

    @property
    def summary(self) -> str:
        if self.kind == WeekKind.TAPER:
            return self.taper_text
        if self.kind == WeekKind.LIGHTER:
            return "lighter week: about half the sets, the block's first-week reps, same load"
        if self.maintaining:
            return MAINTAIN_STEP
        step = (self.number - 1) % BLOCK_WEEKS
        return HEAVIER_BLOCK_STEP if step == 0 and self.number > 1 else WEEK_STEPS[step]

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
