"""For the builder's tests: the shipped library, any valid request, a typical one, and what
to read off a plan."""

from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from exercises.content import parse_reps, read_exercises, read_vocabulary
from exercises.models import Focus
from plans.builder import (
    PLAN_FOCUSES,
    THREE_SESSION_MINUTES,
    Experience,
    Library,
    LibraryExercise,
    LibraryPattern,
    Phase,
    PlanRequest,
    validate,
)

EQUIPMENT = [
    "dumbbell",
    "kettlebell",
    "barbell",
    "resistance-band",
    "bench",
    "pull-up-bar",
    "stability-ball",
    "cable-machine",
    "slider",
]
SECONDS_PER_REP = 3

# The builder reads no database, so an example costs a few milliseconds; these
# counts keep each file quick on two shared cores.
FAST = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=25)


START = date(2026, 12, 2)  # a Wednesday: the day the runner asks, as the view passes it


@st.composite
def requests(draw, phase=None, race=None):
    """Any request `validate` accepts: a taper always has a race date, other phases may
    (race=True: always, race=False: never)."""
    running = draw(st.frozensets(st.integers(0, 6), min_size=2, max_size=7))
    days = sorted(running)
    hard = draw(st.frozensets(st.sampled_from(days)))
    long_run = draw(st.none() | st.sampled_from(days))
    # race=False: no race date, so no taper (a taper needs one).
    phase = phase or draw(st.sampled_from([p for p in Phase if race is not False or p != "taper"]))
    sessions = draw(st.integers(1, 3))
    lowest = THREE_SESSION_MINUTES if sessions == 3 and phase != Phase.PEAK else 15
    # Short sessions are where the rules pinch, so draw them often.
    minutes = draw(st.sampled_from([lowest, lowest + 5]) | st.integers(lowest, 60))
    equipment = draw(st.frozensets(st.sampled_from([*EQUIPMENT, "bodyweight"])))
    runner = PlanRequest(
        running_days=running,
        hard_days=hard,
        long_run_day=long_run,
        phase=phase,
        experience=draw(st.sampled_from(Experience)),
        equipment=equipment,
        minutes=minutes,
        sessions_per_week=sessions,
        focus=draw(st.sampled_from(PLAN_FOCUSES)),
        weeks=draw(st.integers(4, 16)),
        **_race(draw, phase, race),
    )
    assert validate(runner) == []
    return runner


def _race(draw, phase, race):
    if phase == Phase.TAPER:
        days = draw(st.integers(1, 21))
    elif race is False or (race is None and not draw(st.booleans())):
        return {}
    else:
        days = draw(st.integers(1, 7 * 15))  # up to 16 weeks counted from this Monday
    return {"race_date": START + timedelta(days=days), "start_date": START}


def answers(**changes):
    """A typical runner: five runs, hard Tuesday and Thursday, long run on Sunday."""
    defaults = {
        "running_days": {0, 1, 3, 5, 6},
        "hard_days": {1, 3},
        "long_run_day": 6,
        "phase": Phase.BASE,
        "experience": Experience.SOME,
        "equipment": {"dumbbell", "bench"},
        "minutes": 30,
        "sessions_per_week": 2,
        "focus": Focus.GENERAL,
        "weeks": 8,
    }
    return PlanRequest(**defaults | changes)


def strength_days(plan):
    return [day for day in plan.days if day.has_strength]


def items_of(plan, *, warmup=False):
    for week in plan.weeks:
        for session in week.sessions:
            yield from session.items
            if warmup:
                yield from session.warmup


def work_seconds(item):
    """One set's work, recomputed here from the rule: 3 s a rep or the hold, doubled per side."""
    work = item.hold_seconds if item.hold_seconds is not None else SECONDS_PER_REP * item.reps_min
    return work * (2 if item.per_side else 1)


def shipped_library() -> Library:
    """The library as the content files ship it, read without a database.

    Numbered in file order, as the data migration creates the rows;
    `tests/plans/test_selectors.py` checks it equals what `builder_library()` reads.
    """
    vocabulary = read_vocabulary()
    patterns = {
        entry["slug"]: LibraryPattern(entry["slug"], entry["name"], entry.get("role", ""))
        for entry in vocabulary["pattern"]
    }
    focuses = {entry["slug"]: entry.get("routine_focus", "") for entry in vocabulary["focus"]}
    adds_load = {entry["slug"]: entry.get("adds_load", False) for entry in vocabulary["equipment"]}
    groups = {entry["slug"]: entry.get("balance_group", "") for entry in vocabulary["muscle"]}
    exercises = []
    for pk, entry in enumerate(read_exercises(), start=1):
        reps_min, reps_max = parse_reps(entry["reps"]) if "reps" in entry else (None, None)
        exercises.append(
            LibraryExercise(
                pk=pk,
                slug=entry["slug"],
                name=entry["name"],
                kind=entry["kind"],
                level=entry["level"],
                pattern=patterns[entry["pattern"]],
                unilateral=entry["unilateral"],
                equipment=frozenset(entry["equipment"]),
                loaded=entry.get("load_required", False)
                or any(adds_load[slug] for slug in entry["equipment"]),
                load_options=frozenset(entry.get("load_options", [])),
                load_required=entry.get("load_required", False),
                primary_groups=frozenset(
                    groups[slug] for slug in entry["primary_muscles"] if groups[slug]
                ),
                focuses=frozenset(focuses[slug] for slug in entry["focus"] if focuses[slug]),
                warmup_priority=entry.get("warmup_priority"),
                calf_role=entry.get("calf_role", ""),
                eccentric_heavy=entry.get("eccentric_heavy", False),
                sets=entry["sets"],
                reps_min=reps_min,
                reps_max=reps_max,
                hold_seconds=entry.get("hold_seconds"),
                per_side=entry["per_side"],
                first_cue=entry["cues"][0],
            )
        )
    return Library(
        exercises=tuple(sorted(exercises, key=lambda exercise: exercise.slug)),
        load_equipment=frozenset(slug for slug, adds in adds_load.items() if adds),
    )
