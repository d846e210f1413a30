"""Doses: sets, reps and rest by phase and lifting experience, and how they change week by week
(progression, lighter weeks, taper)."""

import math
from dataclasses import dataclass, replace

from plans.builder.library import LibraryExercise
from plans.builder.plan import BLOCK_WEEKS, Draft, DraftItem, PlanItem, PlanSession
from plans.builder.request import Experience, Phase, PlanRequest


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
    if item.role == "accessory":
        return row.accessory_sets
    if request.phase == Phase.RETURNING and week >= RETURNING_EXTRA_SET_FROM_WEEK:
        return row.sets + 1
    return row.sets


def _rest(item: DraftItem, request: PlanRequest) -> int:
    row = PHASE_DOSES[request.phase][request.experience]
    rest = {"main": row.rest, "accessory": ACCESSORY_REST, "plyo": PLYO_REST}[item.role]
    return rest if item.rest_cap is None else min(rest, item.rest_cap)


def week_item(item: DraftItem, request: PlanRequest, week: int) -> PlanItem:
    """The dose of one exercise in one week of a (non-taper) phase."""
    exercise = item.exercise
    step = (week - 1) % BLOCK_WEEKS
    lighter = step == BLOCK_WEEKS - 1
    # The lighter week uses the sets of the loading weeks before it.
    sets = min(loading_sets(item, request, week - 1 if lighter else week), item.set_cap)
    if lighter:
        sets = math.ceil(sets / 2)
    level = 0 if lighter or item.role == "plyo" else step
    common = {"sets": sets, "per_side": exercise.per_side, "rest_seconds": _rest(item, request)}
    if exercise.hold_seconds is not None:
        hold = exercise.hold_seconds + HOLD_STEP * level
        return PlanItem(
            exercise, reps_min=None, reps_max=None, hold_seconds=hold, note=item.note, **common
        )
    if item.role == "main" and exercise.loaded:
        low, high = PHASE_DOSES[request.phase][request.experience].reps
    else:
        low, high = exercise.reps_min, exercise.reps_max or exercise.reps_min
    target = (low, (low + high + 1) // 2, high)[level]
    return PlanItem(
        exercise, reps_min=target, reps_max=None, hold_seconds=None, note=item.note, **common
    )


def taper_item(build_week_one: PlanItem) -> PlanItem:
    """Half the sets (rounded up) and a rep or two fewer, or a shorter hold, at the same load."""
    sets = math.ceil(build_week_one.sets / 2)
    if build_week_one.hold_seconds is not None:
        hold = build_week_one.hold_seconds
        return replace(
            build_week_one, sets=sets, hold_seconds=max(5, (hold - max(5, hold // 4)) // 5 * 5)
        )
    reps = build_week_one.reps_min
    return replace(build_week_one, sets=sets, reps_min=reps - max(1, reps // 4))


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


def plan_session(draft: Draft, items) -> PlanSession:
    return PlanSession(
        name=draft.name,
        weekday=draft.weekday,
        warmup=tuple(_warmup_item(exercise) for exercise in draft.warmup),
        items=tuple(items),
    )


def week_session(draft: Draft, request: PlanRequest, week: int) -> PlanSession:
    return plan_session(draft, (week_item(item, request, week) for item in draft.items))
