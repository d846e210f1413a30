"""Doses: sets, reps and rest by phase and lifting experience, and how they change week by week
(progression, lighter weeks, taper)."""

import math
from dataclasses import dataclass, replace

from exercises.models import MovementPattern
from plans.builder.library import LibraryExercise
from plans.builder.plan import BLOCK_WEEKS, Draft, DraftItem, PlanItem, PlanSession
from plans.builder.request import Experience, Phase, PlanRequest

Role = MovementPattern.Role
LOWER_BODY_ROLES = {Role.SQUAT, Role.HINGE, Role.KNEE_FLEXION, Role.LUNGE}


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
    # see `taper_item`.
    Phase.RETURNING: {
        Experience.NEW: PhaseDose(sets=2, reps=(10, 12), rest=60, accessory_sets=1),
        Experience.SOME: PhaseDose(sets=2, reps=(10, 12), rest=75, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=2, reps=(8, 12), rest=90, accessory_sets=2),
    },
}
RETURNING_EXTRA_SET_FROM_WEEK = 5
ACCESSORY_REST = 45
# Plyometrics: in every phase and for every runner, one short drill a session
# (never on a light day), first after the warm-up. Saunders et al. 2006 (J
# Strength Cond Res) found that nine weeks of plyometrics improved running
# economy in trained runners; Blagrove et al. 2018 and Beattie et al. 2017
# (J Strength Cond Res) find low-volume jumps safe and useful alongside
# running. The dose is counted in foot contacts: it rises a step a week within
# a block, up to PLYO_MAX_CONTACTS a drill (well under the 80-100 contacts a
# session that coaching texts give beginners), and the drill itself steps up
# from pogo hops to harder jumps in the build and peak phases (see
# plans.builder.selection.target_level). The peak phase holds the contacts.
PLYO_SETS = {Experience.NEW: 2, Experience.SOME: 2, Experience.REGULAR: 3}
PLYO_MAX_CONTACTS = {Experience.NEW: 30, Experience.SOME: 36, Experience.REGULAR: 45}
PLYO_REST = 60
PLYO_PHASES = set(Phase)
# Calf and shin work: at least two sets of each exercise, since calves take
# several times body weight every stride and recover quickly from bodyweight
# raises (two exercises a session give at least four sets a session).
CALF_MIN_SETS = 2
# A light day (see plans.builder.schedule.light_days): at most two sets of each
# lower-body exercise, at a moderate load for 8-10 reps, never the heavy range.
LIGHT_LOWER_SETS = 2
LIGHT_REPS = (8, 10)
LIGHT_NOTE = "Light day: a moderate load you could lift four or five more times."
# A bodyweight exercise the runner can hold a weight for ("load_options" in the content).
OPTIONAL_LOAD_NOTE = "Hold a weight in one or both hands, heavy enough for the reps."
# Eccentric-heavy work (the Nordic curl) leaves the muscle sore for days at
# first, so the first block has at most this many sets (the repeated-bout
# effect protects from then on).
FIRST_BLOCK_ECCENTRIC_SETS = 2
# Shortest rests the time fit may use: alternate a lower-body set with an
# upper-body or core set so that one group rests while the other works.
REST_FLOOR = {"main": 60, "accessory": 30, "plyo": 45}
WARMUP_REST = 15
# Holds grow by this many seconds a week within a block (see plans.builder.plan.BLOCK_WEEKS).
HOLD_STEP = 5

# Taper: keep intensity and frequency, cut volume by roughly 40-60 % over about
# two weeks (Mujika and Padilla 2003, Med Sci Sports Exerc; Bosquet et al.
# 2007 meta-analysis, Med Sci Sports Exerc). Here: half the sets (rounded up)
# and a rep or two fewer at the same load, no plyometrics.


def loading_sets(item: DraftItem, request: PlanRequest, week: int) -> int:
    """Sets in a loading week before the time fit's cap."""
    row = PHASE_DOSES[request.phase][request.experience]
    if item.role == "plyo":
        return PLYO_SETS[request.experience]
    if item.exercise.pattern.role == Role.CALF:
        sets = max(row.accessory_sets, CALF_MIN_SETS)
    elif item.role == "accessory":
        sets = row.accessory_sets
    elif request.phase == Phase.RETURNING and week >= RETURNING_EXTRA_SET_FROM_WEEK:
        sets = row.sets + 1
    else:
        sets = row.sets
    if item.light and item.exercise.pattern.role in LOWER_BODY_ROLES:
        sets = min(sets, LIGHT_LOWER_SETS)
    if item.exercise.eccentric_heavy and week <= BLOCK_WEEKS:
        sets = min(sets, FIRST_BLOCK_ECCENTRIC_SETS)
    return sets


def _plyo_reps(exercise: LibraryExercise, sets: int, step: int, request: PlanRequest) -> int:
    """Foot contacts a set: a step more each week of the block, within the session's cap."""
    base = exercise.reps_min
    reps = base + step * math.ceil(base / 5)
    sides = 2 if exercise.per_side else 1
    return max(1, min(reps, PLYO_MAX_CONTACTS[request.experience] // (sets * sides)))


def _rest(item: DraftItem, request: PlanRequest) -> int:
    row = PHASE_DOSES[request.phase][request.experience]
    rest = {"main": row.rest, "accessory": ACCESSORY_REST, "plyo": PLYO_REST}[item.role]
    return rest if item.rest_cap is None else min(rest, item.rest_cap)


def week_item(item: DraftItem, request: PlanRequest, week: int) -> PlanItem:
    """The dose of one exercise in one week of a (non-taper) phase."""
    planned = _week_item(item, request, week)
    lighter = (week - 1) % BLOCK_WEEKS == BLOCK_WEEKS - 1
    light_lower = item.light and item.exercise.pattern.role in LOWER_BODY_ROLES
    if request.phase == Phase.PEAK and lighter and not light_lower:
        # Peak holds its reps, so its lighter week also takes a rep (or 5 s) off.
        return taper_item(planned, share=1, step=1)
    return planned


def _week_item(item: DraftItem, request: PlanRequest, week: int) -> PlanItem:
    exercise = item.exercise
    step = (week - 1) % BLOCK_WEEKS
    lighter = step == BLOCK_WEEKS - 1
    # The lighter week uses the sets of the loading weeks before it.
    sets = min(loading_sets(item, request, week - 1 if lighter else week), item.set_cap)
    if lighter:
        sets = math.ceil(sets / 2)
    # The peak phase maintains: the same reps every week.
    level = 0 if lighter or request.phase == Phase.PEAK else step
    lower = exercise.pattern.role in LOWER_BODY_ROLES
    note = item.note or (LIGHT_NOTE if item.light and lower else "")
    common = {"sets": sets, "per_side": exercise.per_side, "rest_seconds": _rest(item, request)}
    if exercise.hold_seconds is not None:
        hold = exercise.hold_seconds + HOLD_STEP * level
        return PlanItem(
            exercise, reps_min=None, reps_max=None, hold_seconds=hold, note=note, **common
        )
    if item.role == "plyo":
        reps = _plyo_reps(exercise, sets, level, request)
        return PlanItem(
            exercise, reps_min=reps, reps_max=None, hold_seconds=None, note=note, **common
        )
    loaded = exercise.loaded_for(request.gear)
    if exercise.optional_load_for(request.gear) and not note:
        note = OPTIONAL_LOAD_NOTE
    if item.light and loaded and lower:
        low, high = LIGHT_REPS
    elif item.role == "main" and loaded:
        low, high = PHASE_DOSES[request.phase][request.experience].reps
    else:
        low, high = exercise.reps_min, exercise.reps_max or exercise.reps_min
    if exercise.eccentric_heavy and week <= BLOCK_WEEKS:
        level = 0
    target = (low, (low + high + 1) // 2, high)[level]
    return PlanItem(
        exercise, reps_min=target, reps_max=None, hold_seconds=None, note=note, **common
    )


# The taper's sets, as a share of the week-1 sets, week by week to the race:
# the volume falls progressively while the load stays (Bosquet et al. 2007:
# a 41-60 % cut over about two weeks, intensity kept).
TAPER_SHARES = {1: (0.5,), 2: (0.75, 0.5), 3: (0.8, 0.65, 0.5)}


def taper_item(build_week_one: PlanItem, share: float = 0.5, step: int = 1) -> PlanItem:
    """A share of the sets (rounded up) and, `step` weeks into the taper, that many reps fewer
    (or 5 s less of a hold), at the same load."""
    sets = max(1, math.ceil(build_week_one.sets * share))
    if build_week_one.hold_seconds is not None:
        hold = build_week_one.hold_seconds
        return replace(build_week_one, sets=sets, hold_seconds=max(5, hold - 5 * step))
    reps = build_week_one.reps_min
    return replace(build_week_one, sets=sets, reps_min=max(2, reps - step))


def _warmup_item(exercise: LibraryExercise) -> PlanItem:
    return PlanItem(
        exercise,
        sets=exercise.sets,
        reps_min=exercise.reps_min,
        reps_max=exercise.reps_max,
        hold_seconds=exercise.hold_seconds,
        per_side=exercise.per_side,
        rest_seconds=WARMUP_REST,
    )


LIGHT_SESSION_NOTE = (
    "A light session: no jumps, at most two sets of each lower-body exercise at a moderate "
    "load, the upper body and core first. Stop every set well short of failure."
)


def plan_session(draft: Draft, items, note: str = "") -> PlanSession:
    return PlanSession(
        name=draft.name,
        weekday=draft.weekday,
        warmup=tuple(_warmup_item(exercise) for exercise in draft.warmup),
        items=tuple(items),
        note=note or (LIGHT_SESSION_NOTE if draft.light else ""),
    )


def week_session(draft: Draft, request: PlanRequest, week: int) -> PlanSession:
    return plan_session(draft, (week_item(item, request, week) for item in draft.items))
