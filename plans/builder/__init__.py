"""The plan builder: a periodised strength plan that fits a runner's week and training phase.

Plain rules, each module small enough to check by hand, imported one way:

1. `request`: the runner's answers and `validate`.
2. `schedule`: which days of the week take a strength session, and why.
3. `library` and `plan`: the values the builder reads and writes.
4. `doses`: sets, reps, rest and load targets by exercise role, phase and experience,
   week by week and block by block (the time model itself is `plans.timing`).
5. `selection`: which library exercises fill each session.
6. `fit`: each session's estimated length, trimmed to the runner's minutes.
7. `notes`: the reasons, in plain words; `build` puts it all together.

`build_plan(request, library)` reads no database: the caller loads the library
with `plans.selectors.builder_library()`, and `plans.services.save_plan` stores
week 1 as a routine. The evidence each rule rests on is named in comments
beside the rule (facts only; see the sources for detail).
"""

from plans.builder.build import build_plan
from plans.builder.library import Library, LibraryExercise, LibraryPattern
from plans.builder.plan import (
    Plan,
    PlanItem,
    PlanSession,
    PlanWeek,
    TableRow,
    WeekKind,
    WeeklyTable,
    weekly_table,
)
from plans.builder.request import (
    PHASE_NAMES,
    PLAN_FOCUSES,
    THREE_SESSION_MINUTES,
    WEEKDAYS,
    Experience,
    Phase,
    PlanRequest,
    race_date_problem,
    validate,
)
from plans.builder.schedule import RunKind, ScheduledDay, schedule
from plans.builder.selection import ALLOWED_LEVELS

__all__ = [
    "ALLOWED_LEVELS",
    "PHASE_NAMES",
    "PLAN_FOCUSES",
    "THREE_SESSION_MINUTES",
    "WEEKDAYS",
    "Experience",
    "Library",
    "LibraryExercise",
    "LibraryPattern",
    "Phase",
    "Plan",
    "PlanItem",
    "PlanRequest",
    "PlanSession",
    "PlanWeek",
    "RunKind",
    "ScheduledDay",
    "TableRow",
    "WeekKind",
    "WeeklyTable",
    "build_plan",
    "race_date_problem",
    "schedule",
    "validate",
    "weekly_table",
]
