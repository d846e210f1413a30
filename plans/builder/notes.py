"""The plan's notes: the reasons behind the phase, the focus and the trims, in plain words."""

from exercises.models import Focus, MovementPattern
from plans import timing
from plans.builder.doses import (
    HARDER_VARIATION_NOTE,
    HOLD_MAX,
    HOLD_STEP,
    LIGHT_REPS,
    LIGHT_RESERVE,
    PEAK_RESERVE,
    RESERVE_MIN,
    RESERVE_START,
    RETURNING_RESERVE,
    DoseRole,
)
from plans.builder.library import Library
from plans.builder.plan import BLOCK_WEEKS, FOCUS, Draft, PlanWeek, WeekKind
from plans.builder.request import Phase, PlanRequest
from plans.builder.schedule import RunKind, ScheduledDay
from plans.builder.selection import PATTERN_LABELS

Role = MovementPattern.Role
# Kept in step with plans.builder.build, which imports this module.
RACE_CUTOFF_DAYS = 5
RACE_DAYS_NOTE = (
    "Race week: upper body and core only, short and easy, so your legs arrive at the start "
    "fresh. Skip it if you would rather rest."
)

PHASE_NOTES = {
    Phase.OFF_SEASON: "Off-season: with no race close, this is the time to build general "
    "strength, with more sets of moderate reps, every set stopped a few reps short of failure.",
    Phase.BASE: "Base: more sets of moderate reps build strength, and the tendons' tolerance of "
    "load, while your running volume grows.",
    Phase.BUILD: "Build: fewer, heavier reps with longer rests. Heavy strength work makes "
    "running more economical without adding bulk.",
    Phase.PEAK: "Peak and racing: one short session a week keeps the strength you have built, "
    "with few sets at a heavy load, so your legs stay fresh for racing.",
    Phase.TAPER: "Taper: every week of this plan counts down to your race, with the build-phase "
    "exercises at the same load and fewer sets each week.",
    Phase.RETURNING: "Returning from a break: light loads and two sets to start, with a third "
    "set on the main lifts from week 5. Stop every set well short of failure while your body "
    "gets used to lifting again.",
}
FOCUS_NOTES = {
    Focus.KNEE: "Knee focus: each session adds a quad-dominant knee exercise and hip-stability "
    "work, time allowing, and the jumps stay at entry level (no bounding or lateral landings). "
    "Strong hips and thighs keep the knee tracking over the foot.",
    Focus.HIP_GLUTE: "Hip and glute focus: each session adds, time allowing, work for the small "
    "hip muscles that keep your pelvis level when you stand on one leg.",
    Focus.CORE: "Core focus: each session adds, time allowing, a second core exercise, so a "
    "session has both a core hold and a moving core exercise.",
    Focus.CALF_SHIN: "Calf and shin focus: each session adds, time allowing, the other calf "
    "raise, so it has both straight-knee and bent-knee raises. Your calves take several times "
    "your body weight with every stride.",
}


def focus_note(request: PlanRequest, drafts: list[Draft], weeks: tuple[PlanWeek, ...]) -> str:
    """What the focus changed, naming the exercises it added that the weeks hold (after the
    time fit, and but for race week's legs)."""
    if request.focus not in FOCUS_NOTES:
        return ""
    done = {item.exercise for week in weeks for session in week.sessions for item in session.items}
    added = dict.fromkeys(
        item.exercise.name
        for draft in drafts
        for item in draft.items
        if item.slot.priority == FOCUS and item.exercise in done
    )
    if not added:
        return FOCUS_NOTES[request.focus]
    return f"{FOCUS_NOTES[request.focus]} In this plan it adds: {', '.join(added)}."


TRIM_NOTES = {
    "short_rests": "To fit your minutes, rests are shorter than ideal: alternate a lower-body set "
    "with an upper-body or core set, so one rests while the other works.",
    "single_sets": "To fit your minutes, some exercises have a single set. One hard set still "
    "builds strength, especially early on; two or more bring more.",
    "plyo": "There was no room for the short jumps in your minutes; with more time, the plan "
    "adds them.",
    "focus": "There was no room for the extra focus exercise in your minutes; with more time, "
    "the plan adds it.",
    "calf": "There was no room for the calf and shin work in some sessions; with more time, "
    "the plan adds it. Do a set of calf raises and shin raises on a run day instead.",
}


def _overload_notes(request: PlanRequest, weeks: tuple[PlanWeek, ...]) -> list[str]:
    """How the doses rise, week by week and block by block: only what this plan holds."""
    items = [item for week in weeks for session in week.sessions for item in session.items]
    loaded = [item for item in items if item.reps_in_reserve is not None]
    holds = any(item.role == DoseRole.HOLD for item in items)
    bodyweight = any(
        item.role not in (DoseRole.HOLD, DoseRole.PLYO) and item.reps_in_reserve is None
        for item in items
    )
    if request.phase == Phase.RETURNING:
        start, least = RETURNING_RESERVE
    else:
        start, least = RESERVE_START[request.experience], RESERVE_MIN[request.experience]
    parts = []
    if loaded:
        parts.append(
            "a loaded exercise starts with "
            f"{start} reps in reserve and adds a rep a week at the same load, so the reserve "
            f"falls a rep a week (never below {least})"
        )
    if bodyweight:
        parts.append("a bodyweight exercise climbs its rep range")
    if holds:
        parts.append(f"holds grow {HOLD_STEP} s a week")
    notes = [
        "Progressive overload: in each block of four weeks, "
        + "; ".join(parts)
        + ". Every fourth week is lighter, with about half the sets at the block's first-week "
        "reps and the same load, so that the work of the three weeks before can sink in."
    ]
    loading = [week for week in weeks if week.kind != WeekKind.TAPER]
    if len(loading) <= BLOCK_WEEKS:
        return notes
    # What the first week of block 2 changes, read off the plan itself.
    changes = [item for session in loading[BLOCK_WEEKS].sessions for item in session.items]
    loaded = any(item.progression.startswith("Heavier") for item in changes)
    bodyweight = any(
        item.progression == HARDER_VARIATION_NOTE and item.role != DoseRole.HOLD for item in changes
    )
    holds = any(item.role == DoseRole.HOLD for item in changes)
    parts = []
    if loaded:
        parts.append(
            "a loaded exercise goes heavier (add 2.5–5 % or take the next dumbbell up) with "
            "two reps fewer, or, once the reps are low, the same reps with one fewer in reserve"
        )
    if bodyweight:
        parts.append(
            "a bodyweight exercise moves to its harder variation (see the exercise page) or "
            "a three-second lowering"
        )
    if holds:
        parts.append(
            f"holds start {HOLD_STEP} s longer than the last block did, up to {HOLD_MAX} s, "
            "then move to the harder variation"
        )
    if parts:
        notes.append(
            "Each new block starts heavier than the last: " + "; ".join(parts) + ". The week "
            "table marks the first week of each block."
        )
    return notes


def plan_notes(
    request: PlanRequest,
    days: list[ScheduledDay],
    drafts: list[Draft],
    weeks: tuple[PlanWeek, ...],
    selection_notes: list[str],
    library: Library,
) -> tuple[str, ...]:
    notes = [PHASE_NOTES[request.phase]]
    week_one = [item for session in weeks[0].sessions for item in session.items]
    if request.phase == Phase.PEAK and request.sessions_per_week > 1:
        notes.append(
            f"You asked for {request.sessions_per_week} sessions a week; in the peak phase the "
            "plan uses one, so that racing comes first."
        )
    tapering = any(week.kind == WeekKind.TAPER for week in weeks)
    if request.race_date is not None:
        notes.append(
            f"Your race is on {request.race_date:%A} {request.race_date.day} "
            f"{request.race_date:%B %Y}, so the plan runs {len(weeks)} week"
            f"{'s' * (len(weeks) > 1)}, from the week of {request.first_monday.day} "
            f"{request.first_monday:%B} to race week."
        )
    if tapering:
        taper = [week for week in weeks if week.kind == WeekKind.TAPER]
        notes.append(
            f"The last {len(taper)} week{'s are' if len(taper) > 1 else ' is a'} taper"
            f"{'' if len(taper) > 1 else ' week'}: the same exercises at the same load, with "
            "fewer sets each week and a rep or two fewer, so you keep your strength and arrive "
            "fresh."
        )
    race_days = [
        session for week in weeks for session in week.sessions if session.note == RACE_DAYS_NOTE
    ]
    if race_days:
        notes.append(
            f"In the last {RACE_CUTOFF_DAYS} days before the race the sessions leave out all "
            "lower-body strength work, calf work and jumps: upper body and core only."
        )
    if any(draft.light for draft in drafts):
        names = " and ".join(draft.name for draft in drafts if draft.light)
        notes.append(
            f"{names} {'is a light session' if ' and ' not in names else 'are light sessions'}"
            ", because of the runs around it: no jumps or eccentric-heavy work, at most two sets "
            f"of each lower-body exercise at a moderate load ({LIGHT_REPS} reps with "
            f"{LIGHT_RESERVE} in reserve), and the upper body and core first."
        )
    if request.phase == Phase.PEAK:
        notes.append(
            "Peak maintains: the same reps every week at a load you know, with "
            f"{PEAK_RESERVE} reps in reserve, so you keep your strength without new soreness. "
            "Every fourth week is still lighter, with a rep fewer."
        )
    elif not all(week.kind == WeekKind.TAPER for week in weeks):
        notes.extend(_overload_notes(request, weeks))
    if request.phase == Phase.PEAK or tapering:
        notes.append(
            "As racing nears, the plan cuts sets rather than load: that keeps your strength "
            "while leaving energy for running."
        )
    if any(item.reps_in_reserve is not None for item in week_one):
        notes.append(
            "Reps in reserve: each loaded exercise says how many more reps you could still do "
            "at the end of a set, for example “3 reps in reserve”. Choose the load "
            "that leaves that many: the aim is to get stronger without leaving your legs too "
            "tired to run well the next day."
        )
    else:
        notes.append(
            "Finish each set with two or three good reps still in you: the aim is to get "
            "stronger without leaving your legs too tired to run well the next day."
        )
    if any(day.has_strength and day.run != RunKind.REST for day in days):
        notes.append(
            "On a day with both, run first and lift afterwards, ideally a few hours later: "
            "heavy leg work before a run leaves you tired for it, and the run matters more."
        )
    if any(
        item.exercise.pattern.role == Role.PLYOMETRIC
        for week in weeks
        for session in week.sessions
        for item in session.items
    ):
        notes.append(
            "The short jumps come first after the warm-up, while you are fresh. The reps are "
            "foot contacts; they rise a little week by week. Keep the contacts quick and quiet, "
            "and stop the set when they slow down."
        )
    if not request.gear & library.load_equipment:
        notes.append(
            "With no weights, make an exercise harder by lowering more slowly (three seconds "
            "down) or by moving to the harder variation, rather than by adding ever more reps."
        )
    if note := focus_note(request, drafts, weeks):
        notes.append(note)
    if any(item.warmup_sets for item in week_one):
        ramped = {item.role for item in week_one if item.warmup_sets}
        where = [
            text
            for role, text in (
                (DoseRole.HEAVY_LOWER, "two before the first loaded leg lift"),
                (DoseRole.UPPER, "one before the first loaded upper-body lift"),
            )
            if role in ramped
        ]
        ramp = (
            "Then do the lighter warm-up sets the plan lists (about half and then three "
            f"quarters of the working load, a few reps each): {' and '.join(where)}."
        )
    else:
        ramp = "Then do a light set of the first exercise before the working sets."
    notes.append(
        f"Each session starts with its warm-up drills. {ramp} On a day without a run, walk or "
        "jog for a few minutes first if you can."
    )
    first = weeks[0].sessions
    estimates = ", ".join(f"{s.name} about {s.estimated_minutes} minutes" for s in first)
    notes.append(
        f"Estimated time in week 1: {estimates}, counting the warm-up drills, the warm-up sets "
        "(about a minute each), every set (about 3 seconds a rep, or the hold) with the rests "
        f"between sets, and about {timing.CHANGEOVER_SECONDS} seconds to move from one "
        f"exercise to the next. No week goes over your {request.minutes} minutes."
    )
    events = set().union(*(draft.events for draft in drafts))
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
