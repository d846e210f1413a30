"""Doses: sets, reps, rest and load targets by exercise role, phase and lifting experience,
and how they change week by week and block by block (progression, lighter weeks, taper)."""

import math
from dataclasses import dataclass, replace

from django.db import models

from exercises.models import MovementPattern
from plans import timing
from plans.builder.library import LibraryExercise
from plans.builder.plan import BLOCK_WEEKS, Draft, DraftItem, PlanItem, PlanSession
from plans.builder.request import Experience, Phase, PlanRequest

Role = MovementPattern.Role
# Lower-body work for light days and race week; hamstring curls (knee flexion) among it,
# though as accessory work they never take a heavy lift's dose.
LOWER_BODY_ROLES = {Role.SQUAT, Role.HINGE, Role.KNEE_FLEXION, Role.LUNGE}
HEAVY_LOWER_ROLES = {Role.SQUAT, Role.HINGE, Role.LUNGE}
UPPER_BODY_ROLES = {Role.PUSH, Role.PULL}


class DoseRole(models.TextChoices):
    """What an exercise is for the dose: its rest and its reps follow from this, then the phase.

    Derived from the exercise (`dose_role`), finer than DraftItem.role, which sets
    only the number of sets.
    """

    HEAVY_LOWER = "heavy-lower", "Loaded lower-body lift"
    UPPER = "upper", "Upper-body lift"
    ACCESSORY = "accessory", "Accessory"
    PLYO = "plyo", "Jumps"
    HOLD = "hold", "Hold"


def dose_role(exercise: LibraryExercise, gear: frozenset[str]) -> DoseRole:
    """A squat, hinge or lunge with a load is a heavy lift; the same without one is accessory
    work (so a bodyweight exercise never gets a heavy lift's rest), as are hip, moving core,
    calf and knee-flexion exercises."""
    role = exercise.pattern.role
    if role == Role.PLYOMETRIC:
        return DoseRole.PLYO
    if exercise.hold_seconds is not None:
        return DoseRole.HOLD
    if role in HEAVY_LOWER_ROLES and exercise.loaded_for(gear):
        return DoseRole.HEAVY_LOWER
    if role in UPPER_BODY_ROLES:
        return DoseRole.UPPER
    return DoseRole.ACCESSORY


@dataclass(frozen=True)
class PhaseDose:
    """A loading week's dose for one phase and level of experience.

    `sets` apply to the main lifts (squat, hinge, lunge, push, pull), and core,
    hip and calf work gets `accessory_sets`. `reps` is week 1's rep target for a
    loaded leg lift (a loaded upper-body lift takes at least UPPER_MIN_REPS);
    `rest` is the rest of a loaded leg lift (other roles: ROLE_REST). A
    bodyweight exercise keeps its own rep range, since it cannot be made heavier
    by choosing a load.
    """

    sets: int
    reps: int
    rest: int
    accessory_sets: int


# Sources for the tables:
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
        Experience.NEW: PhaseDose(sets=2, reps=10, rest=90, accessory_sets=2),
        Experience.SOME: PhaseDose(sets=3, reps=10, rest=90, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=4, reps=8, rest=120, accessory_sets=3),
    },
    Phase.BASE: {
        Experience.NEW: PhaseDose(sets=3, reps=8, rest=90, accessory_sets=2),
        Experience.SOME: PhaseDose(sets=3, reps=8, rest=120, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=4, reps=6, rest=120, accessory_sets=3),
    },
    # Build: heavier, lower reps, longer rests (plus plyometrics, see PLYO_SETS).
    Phase.BUILD: {
        Experience.NEW: PhaseDose(sets=2, reps=6, rest=120, accessory_sets=2),
        Experience.SOME: PhaseDose(sets=3, reps=5, rest=150, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=4, reps=4, rest=180, accessory_sets=2),
    },
    # Peak: one short maintenance session a week, few sets at a heavy load.
    Phase.PEAK: {
        Experience.NEW: PhaseDose(sets=2, reps=6, rest=120, accessory_sets=1),
        Experience.SOME: PhaseDose(sets=2, reps=5, rest=150, accessory_sets=1),
        Experience.REGULAR: PhaseDose(sets=2, reps=4, rest=180, accessory_sets=1),
    },
    # Taper has no row: it is the build phase's plan at about half the volume,
    # see `taper_item`.
    Phase.RETURNING: {
        Experience.NEW: PhaseDose(sets=2, reps=10, rest=75, accessory_sets=1),
        Experience.SOME: PhaseDose(sets=2, reps=10, rest=90, accessory_sets=2),
        Experience.REGULAR: PhaseDose(sets=2, reps=8, rest=90, accessory_sets=2),
    },
}
# Rest between sets, in seconds, for the other dose roles, by phase (a loaded leg
# lift's is in PHASE_DOSES). ACSM 2009: 1-2 minutes for lighter multi-joint lifts
# (upper body, which a runner trains for posture and arm drive, not maximal
# strength), shorter for single-joint and small-muscle work. Holds: about as long
# as the hold itself. Jumps: enough for every set of contacts to stay quick and
# springy, a minute, and a minute and a half once the jumps get harder in build.
ROLE_REST = {
    DoseRole.UPPER: {
        Phase.OFF_SEASON: 90,
        Phase.BASE: 90,
        Phase.BUILD: 120,
        Phase.PEAK: 120,
        Phase.RETURNING: 75,
    },
    DoseRole.ACCESSORY: {
        Phase.OFF_SEASON: 45,
        Phase.BASE: 45,
        Phase.BUILD: 60,
        Phase.PEAK: 60,
        Phase.RETURNING: 45,
    },
    DoseRole.HOLD: {
        Phase.OFF_SEASON: 30,
        Phase.BASE: 30,
        Phase.BUILD: 45,
        Phase.PEAK: 45,
        Phase.RETURNING: 30,
    },
    DoseRole.PLYO: {
        Phase.OFF_SEASON: 60,
        Phase.BASE: 60,
        Phase.BUILD: 90,
        Phase.PEAK: 90,
        Phase.RETURNING: 60,
    },
}
# A bodyweight upper-body lift (push-up, inverted row, prone Y-T raise) rests at
# most this long: it is never as heavy as a loaded lift.
BODYWEIGHT_REST_MAX = 75
# A loaded upper-body lift keeps at least this many reps (runners need no maximal
# upper-body strength), and a loaded leg lift on a light day rests at most this long.
UPPER_MIN_REPS = 6
LIGHT_REST = 90
# A loaded single-leg lift rests at most this long: each leg rests while the other works.
SINGLE_LEG_REST_MAX = 120

# Load targets: reps in reserve (RIR), the reps a runner could still have done at
# the end of a set (Zourdos et al. 2016, J Strength Cond Res, on the RIR scale;
# Helms et al. 2016, Strength Cond J). A block starts at RESERVE_START reps in
# reserve and adds a rep a week at the same load, so the reserve falls a rep a
# week, never below RESERVE_MIN (two for new and returning lifters: well short
# of failure while the technique settles, and a runner's legs must run the next
# day). The next block starts heavier: BLOCK_REP_DROP reps fewer at the start
# (about 5 % more load, or the next dumbbell up: ACSM 2009's 2-10 %), once for a
# leg lift (so the phase keeps its rep range) and never below the floors here; a
# block that cannot drop its reps starts a rep nearer failure instead.
RESERVE_START = {Experience.NEW: 4, Experience.SOME: 3, Experience.REGULAR: 3}
RESERVE_MIN = {Experience.NEW: 2, Experience.SOME: 1, Experience.REGULAR: 1}
RETURNING_RESERVE = (4, 2)  # start and least, whatever the experience
PEAK_RESERVE = 2  # peak maintains: the same reps at the same load every week
LIGHT_RESERVE = 4
BLOCK_REP_DROP = 2
LEG_REP_FLOOR = {Experience.NEW: 6, Experience.SOME: 4, Experience.REGULAR: 3}
UPPER_REP_FLOOR = 6
ACCESSORY_REP_FLOOR = 8
# What the first week of a new block says, in the week table.
HEAVIER_BLOCK_NOTE = "Heavier: add 2.5–5 % or the next dumbbell"
HEAVIER_SAME_REPS_NOTE = "Heavier: a little more load, same reps"
HARDER_VARIATION_NOTE = "Harder variation, or a 3-second lowering"
RETURNING_EXTRA_SET_FROM_WEEK = 5
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
PLYO_PHASES = set(Phase)
# Calf and shin work: at least two sets of each exercise, since calves take
# several times body weight every stride and recover quickly from bodyweight
# raises (two exercises a session give at least four sets a session).
CALF_MIN_SETS = 2
# A light day (see plans.builder.schedule.light_days): at most two sets of each
# lower-body exercise, at a moderate load for 8 reps, never the heavy range.
LIGHT_LOWER_SETS = 2
LIGHT_REPS = 8
LIGHT_NOTE = "Light day: a moderate load you could lift four or five more times."
# A bodyweight exercise the runner can hold a weight for ("load_options" in the content).
OPTIONAL_LOAD_NOTE = "Hold a weight in one or both hands, heavy enough for the reps."
# Eccentric-heavy work (the Nordic curl) leaves the muscle sore for days at
# first, so the first block has at most this many sets (the repeated-bout
# effect protects from then on).
FIRST_BLOCK_ECCENTRIC_SETS = 2
# Shortest rests the time fit may use: alternate a lower-body set with an
# upper-body or core set so that one group rests while the other works.
REST_FLOOR = {
    DoseRole.HEAVY_LOWER: 60,
    DoseRole.UPPER: 45,
    DoseRole.ACCESSORY: 30,
    DoseRole.HOLD: 20,
    DoseRole.PLYO: 45,
}
WARMUP_REST = 15
# Holds grow by HOLD_STEP seconds a week within a block, and each block starts
# HOLD_STEP longer than the last, up to HOLD_MAX; past that, the harder variation.
HOLD_STEP = 5
HOLD_MAX = 60

# Taper: keep intensity and frequency, cut volume by roughly 40-60 % over about
# two weeks (Mujika and Padilla 2003, Med Sci Sports Exerc; Bosquet et al.
# 2007 meta-analysis, Med Sci Sports Exerc). Here: half the sets (rounded up)
# and a rep or two fewer at the same load (so a rep or two more in reserve),
# no plyometrics.


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


def _rest(item: DraftItem, request: PlanRequest, role: DoseRole) -> int:
    if role == DoseRole.HEAVY_LOWER:
        rest = PHASE_DOSES[request.phase][request.experience].rest
        if item.light:
            rest = min(rest, LIGHT_REST)
        if item.exercise.unilateral:
            rest = min(rest, SINGLE_LEG_REST_MAX)
    else:
        rest = ROLE_REST[role][request.phase]
        if role == DoseRole.UPPER and not item.exercise.loaded_for(request.gear):
            rest = min(rest, BODYWEIGHT_REST_MAX)
    return rest if item.rest_cap is None else min(rest, item.rest_cap)


def item_rest_floor(item: DraftItem, request: PlanRequest) -> int:
    """The shortest rest the time fit may give this exercise (REST_FLOOR)."""
    return REST_FLOOR[dose_role(item.exercise, request.gear)]


def week_item(item: DraftItem, request: PlanRequest, week: int) -> PlanItem:
    """The dose of one exercise in one week of a (non-taper) phase."""
    planned = _week_item(item, request, week)
    lighter = (week - 1) % BLOCK_WEEKS == BLOCK_WEEKS - 1
    light_lower = item.light and item.exercise.pattern.role in LOWER_BODY_ROLES
    if request.phase == Phase.PEAK and lighter and not light_lower:
        # Peak holds its reps, so its lighter week also takes a rep (or 5 s) off.
        return taper_item(planned, share=1, step=1)
    return planned


@dataclass(frozen=True)
class LoadTarget:
    reps: int
    reserve: int
    progression: str = ""


def _block_start(low: int, floor: int, start: int, least: int, block: int) -> tuple[int, int, str]:
    """A block's first-week reps and reserve (block 0 is the first), and how it is heavier
    than the block before: fewer reps, or else fewer in reserve."""
    reps, reserve, how = low, start, ""
    for _ in range(block):
        if reps > floor:
            reps, how = max(floor, reps - BLOCK_REP_DROP), HEAVIER_BLOCK_NOTE
        elif reserve > least:
            reserve, how = reserve - 1, HEAVIER_SAME_REPS_NOTE
        else:
            how = ""
    return reps, reserve, how


def _load_target(item: DraftItem, request: PlanRequest, role: DoseRole, week: int) -> LoadTarget:
    """Reps and reps in reserve for an exercise done with a load (see RESERVE_START)."""
    exercise = item.exercise
    row = PHASE_DOSES[request.phase][request.experience]
    if item.light and role == DoseRole.HEAVY_LOWER:
        return LoadTarget(LIGHT_REPS, LIGHT_RESERVE)
    if role == DoseRole.HEAVY_LOWER:
        # One drop of reps at most: the phase's rep range stays the phase's.
        low = row.reps
        floor = max(LEG_REP_FLOOR[request.experience], low - BLOCK_REP_DROP)
    elif role == DoseRole.UPPER:
        low, floor = max(row.reps, UPPER_MIN_REPS), UPPER_REP_FLOOR
    else:
        low, floor = exercise.reps_min, ACCESSORY_REP_FLOOR
    if request.phase == Phase.PEAK:
        return LoadTarget(low, PEAK_RESERVE)
    if request.phase == Phase.RETURNING:
        start, least = RETURNING_RESERVE
    else:
        start, least = RESERVE_START[request.experience], RESERVE_MIN[request.experience]
    block, step = divmod(week - 1, BLOCK_WEEKS)
    reps, reserve, how = _block_start(low, min(floor, low), start, least, block)
    if step == BLOCK_WEEKS - 1 or (exercise.eccentric_heavy and week <= BLOCK_WEEKS):
        step = 0  # the lighter week, and a first block of eccentric work: week 1's target
    closer = min(step, reserve - least)
    return LoadTarget(reps + closer, reserve - closer, how if week % BLOCK_WEEKS == 1 else "")


def _week_item(item: DraftItem, request: PlanRequest, week: int) -> PlanItem:
    exercise = item.exercise
    role = dose_role(exercise, request.gear)
    block, step = divmod(week - 1, BLOCK_WEEKS)
    lighter = step == BLOCK_WEEKS - 1
    # The lighter week uses the sets of the loading weeks before it.
    sets = min(loading_sets(item, request, week - 1 if lighter else week), item.set_cap)
    if lighter:
        sets = math.ceil(sets / 2)
    # The peak phase maintains: the same reps every week, block after block.
    peak = request.phase == Phase.PEAK
    level = 0 if lighter or peak else step
    if peak:
        block = 0
    lower = exercise.pattern.role in LOWER_BODY_ROLES
    new_block = block > 0 and step == 0 and not (item.light and lower)
    note = item.note or (LIGHT_NOTE if item.light and lower else "")
    common = {
        "sets": sets,
        "per_side": exercise.per_side,
        "rest_seconds": _rest(item, request, role),
        "role": role,
    }
    if role == DoseRole.HOLD:
        cap = max(HOLD_MAX, exercise.hold_seconds)
        start = min(cap, exercise.hold_seconds + HOLD_STEP * block)
        capped = start == min(cap, exercise.hold_seconds + HOLD_STEP * (block - 1))
        return PlanItem(
            exercise,
            reps_min=None,
            reps_max=None,
            hold_seconds=min(cap, start + HOLD_STEP * level),
            note=note,
            progression=HARDER_VARIATION_NOTE if new_block and capped else "",
            **common,
        )
    if role == DoseRole.PLYO:
        reps = _plyo_reps(exercise, sets, level, request)
        return PlanItem(
            exercise, reps_min=reps, reps_max=None, hold_seconds=None, note=note, **common
        )
    if exercise.optional_load_for(request.gear) and not note:
        note = OPTIONAL_LOAD_NOTE
    if exercise.loaded_for(request.gear):
        target = _load_target(item, request, role, week)
        return PlanItem(
            exercise,
            reps_min=target.reps,
            reps_max=None,
            hold_seconds=None,
            note=note,
            reps_in_reserve=target.reserve,
            progression=target.progression,
            **common,
        )
    low, high = exercise.reps_min, exercise.reps_max or exercise.reps_min
    if exercise.eccentric_heavy and week <= BLOCK_WEEKS:
        level = 0
    return PlanItem(
        exercise,
        reps_min=(low, (low + high + 1) // 2, high)[level],
        reps_max=None,
        hold_seconds=None,
        note=note,
        progression=HARDER_VARIATION_NOTE if new_block and not peak else "",
        **common,
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
    fewer = max(2, reps - step)
    reserve = build_week_one.reps_in_reserve
    return replace(
        build_week_one,
        sets=sets,
        reps_min=fewer,
        # The same load for fewer reps leaves that many more in reserve.
        reps_in_reserve=None if reserve is None else reserve + reps - fewer,
    )


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


def with_warmup_sets(items) -> tuple[PlanItem, ...]:
    """The session's exercises with warm-up sets before its first loaded leg lift and its
    first loaded upper-body lift (plans.timing)."""
    items = tuple(items)
    kinds = (
        timing.lift_kind(
            item.exercise.pattern.role,
            loaded=item.exercise.loaded,
            hold=item.hold_seconds is not None,
        )
        for item in items
    )
    return tuple(
        replace(item, warmup_sets=sets)
        for item, sets in zip(items, timing.warmup_sets(kinds), strict=True)
    )


def plan_session(draft: Draft, items, note: str = "") -> PlanSession:
    return PlanSession(
        name=draft.name,
        weekday=draft.weekday,
        warmup=tuple(_warmup_item(exercise) for exercise in draft.warmup),
        items=with_warmup_sets(items),
        note=note or (LIGHT_SESSION_NOTE if draft.light else ""),
    )


def week_session(draft: Draft, request: PlanRequest, week: int) -> PlanSession:
    return plan_session(draft, (week_item(item, request, week) for item in draft.items))
