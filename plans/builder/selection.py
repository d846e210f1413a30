"""Which library exercises fill each session: key patterns, single-leg work, focus,
equipment and level. Every choice is a minimum over a fixed ranking whose last
tie-break is the slug, so the same library and answers always give the same sessions.
"""

from dataclasses import replace

from exercises.models import Exercise, Focus, MovementPattern
from plans.balance import KEY_PATTERNS
from plans.builder.doses import PLYO_PHASES
from plans.builder.library import Library, LibraryExercise
from plans.builder.plan import CALF, EXTRA, FOCUS, PLYO, REQUIRED, Draft, DraftItem, Slot
from plans.builder.request import Experience, Phase, PlanRequest
from plans.builder.schedule import ScheduledDay

Role = MovementPattern.Role
CalfRole = Exercise.CalfRole

# The pattern roles each kind of slot takes. A hamstring curl (knee flexion) may fill a
# hinge slot, as the posterior-chain work of the session, but is dosed as an accessory.
SLOT_ROLES = {key: roles for key, _label, roles in KEY_PATTERNS} | {
    "hinge": (Role.HINGE, Role.KNEE_FLEXION),
    "calf": (Role.CALF,),
    "hip": (Role.HIP,),
    "plyo": (Role.PLYOMETRIC,),
    "knee": (Role.SQUAT, Role.LUNGE),
}
PATTERN_LABELS = {key: label.lower() for key, label, _roles in KEY_PATTERNS} | {
    "calf": "calf and shin",
    "hip": "hip stability",
    "plyo": "plyometric",
    "knee": "quad-dominant knee",
}
MAIN_PATTERNS = {"squat", "hinge", "lunge", "push", "pull"}
MAIN_ROLES = {role for key in MAIN_PATTERNS for role in SLOT_ROLES[key]} - {Role.KNEE_FLEXION}
LEVELS = [choice.value for choice in Exercise.Level]
ALLOWED_LEVELS = {
    Experience.NEW: {Exercise.Level.BEGINNER},
    Experience.SOME: {Exercise.Level.BEGINNER, Exercise.Level.INTERMEDIATE},
    Experience.REGULAR: set(Exercise.Level),
}
# The level a choice aims at (an index of LEVELS), which is not the ceiling:
# the main lifts at the runner's level, up to intermediate (an advanced lift,
# such as the pistol, is a goal on the exercise page, not a default); core,
# hip and calf work at beginner level for everyone, since a plank or a Pallof
# press done well is enough trunk work for a runner (the L-sit calls itself a
# long-term goal). A runner returning from a break starts at beginner level.
MAIN_TARGET_LEVEL = {Experience.NEW: 0, Experience.SOME: 1, Experience.REGULAR: 1}

SQUAT, HINGE, PUSH, PULL, CORE = (Slot(key) for key in ("squat", "hinge", "push", "pull", "core"))
SINGLE_LEG_LUNGE = Slot("lunge", unilateral=True)
SINGLE_LEG_HINGE = Slot("hinge", unilateral=True)
SINGLE_LEG_SQUAT = Slot("squat", unilateral=True)


def _extra(key: str) -> Slot:
    return Slot(key, priority=EXTRA)


# Sessions by sessions per week. Full-body sessions, since runners lift two or
# three times a week at most; the lower body (the running muscles) is in every
# session, and single-leg work is too, because running is a series of
# single-leg landings.
SESSION_SLOTS = {
    1: ((SQUAT, HINGE, SINGLE_LEG_LUNGE, PUSH, PULL, CORE),),
    # The two-legged hinge is required in session B: it is the week's heaviest
    # posterior-chain lift (glutes and hamstrings), which a bodyweight
    # single-leg deadlift cannot replace once there is a weight to hold.
    2: (
        (
            SQUAT,
            SINGLE_LEG_LUNGE,
            PUSH,
            CORE,
            Slot("hinge", EXTRA, unilateral=True),
            _extra("pull"),
        ),
        (HINGE, SINGLE_LEG_SQUAT, PULL, CORE, _extra("push")),
    ),
    3: (
        (SQUAT, SINGLE_LEG_LUNGE, PUSH, _extra("core"), _extra("hinge")),
        (SINGLE_LEG_HINGE, PULL, CORE, _extra("squat"), _extra("push")),
        (SINGLE_LEG_SQUAT, HINGE, CORE, _extra("pull"), _extra("lunge")),
    ),
}
# Alternate core holds and moving core work between sessions.
CORE_TYPES = (Role.CORE_HOLD, Role.CORE_MOVING)
# Calf work in every session: straight-knee raises (the gastrocnemius) and
# bent-knee raises (the soleus, which takes the biggest share of the load in
# running: Dorn, Schache and Pandy 2012) in turn, session by session, and a
# shin raise (tibialis anterior) in each, which balances the calf and is cheap
# in time. Single-leg first within a turn.
CALF_ROTATION = (CalfRole.CALF_RAISE, CalfRole.SOLEUS)
MIN_WARMUP_DRILLS = 2


def _warmup_drills(minutes: int) -> int:
    return 2 if minutes < 25 else 3 if minutes < 40 else 4


def _focus_slots(focus: Focus, index: int) -> tuple[Slot, ...]:
    """The focus, weighted in: one or two extra exercises a session.

    Knees: hip-stability work and a quad-dominant knee exercise (a step-down, a
    Spanish squat, a split-squat hold) in every session, because combined hip
    and knee exercise is the recommended treatment for patellofemoral
    (front-of-knee) pain, common in runners (Crossley et al. 2016, consensus
    statement, BJSM), and isometric or slow quadriceps work is how rehabilitation
    loads an irritable knee within comfort; the jumps stay low-impact (see
    `_fits_slot`).
    Calves and shins: the calves bear several times body weight with every stride
    (Dorn, Schache and Pandy 2012, J Exp Biol), so calf or shin work each session.
    """
    # The calf focus adds the other calf turn to the session's own.
    calf = Slot("calf", FOCUS, calf_role=CALF_ROTATION[(index + 1) % len(CALF_ROTATION)])
    if focus == Focus.GENERAL:
        return ()
    if focus == Focus.KNEE:
        return (Slot("knee", FOCUS), Slot("hip", FOCUS))
    if focus == Focus.HIP_GLUTE:
        return (Slot("hip", FOCUS),)
    if focus == Focus.CORE:
        return (Slot("core", FOCUS, core_role=CORE_TYPES[(index + 1) % 2]),)
    return (calf,)


def _dose_role(exercise: LibraryExercise) -> str:
    role = exercise.pattern.role
    if role == Role.PLYOMETRIC:
        return "plyo"
    return "main" if role in MAIN_ROLES else "accessory"


def _calf_rank(exercise: LibraryExercise, slot: Slot, request: PlanRequest) -> int:
    """The calf rotation's turn first, single-leg before two-legged (two-legged first for a
    runner returning from a break); 0 for other slots."""
    if slot.calf_role is None:
        return 0
    if exercise.calf_role != slot.calf_role:
        return 2
    return 0 if exercise.unilateral != (request.phase == Phase.RETURNING) else 1


def target_level(request: PlanRequest, slot: Slot) -> int:
    """The level (an index of LEVELS) the slot aims at for this runner; see MAIN_TARGET_LEVEL.

    Jumps start at beginner level (pogo hops) and step up to the runner's level
    in the build and peak phases, when the intensity of the contacts rises.
    """
    if request.phase == Phase.RETURNING:
        return 0
    if slot.pattern == "plyo":
        building = request.phase in (Phase.BUILD, Phase.PEAK, Phase.TAPER)
        return MAIN_TARGET_LEVEL[request.experience] if building else 0
    if slot.pattern in MAIN_PATTERNS:
        return MAIN_TARGET_LEVEL[request.experience]
    return 0


def _rank(exercise: LibraryExercise, slot: Slot, used: set[int], request: PlanRequest) -> tuple:
    """Smaller is better. The slug is the last tie-break, so the choice is stable."""
    level = LEVELS.index(exercise.level)
    bilateral_lift = slot.pattern in ("squat", "hinge") and not slot.unilateral
    target = target_level(request, slot)
    returning = request.phase == Phase.RETURNING
    return (
        _calf_rank(
            exercise, slot, request
        ),  # the calf turn before variety: a shin raise every session
        # A hinge slot takes a hip hinge; a hamstring curl only when none fits.
        slot.pattern in MAIN_PATTERNS and exercise.pattern.role not in MAIN_ROLES,
        # The level before variety for jumps, core, hip and calf work, and for a runner
        # returning from a break: the same easy exercise twice a week beats a harder one.
        abs(level - target) if slot.pattern not in MAIN_PATTERNS or returning else 0,
        exercise.pk in used,  # variety across the week
        slot.pattern in MAIN_PATTERNS and exercise.hold_seconds is not None,  # reps for lifts
        slot.core_role is not None and exercise.pattern.role != slot.core_role,
        bilateral_lift and exercise.unilateral,  # a two-legged slot takes a two-legged lift
        bilateral_lift and not exercise.loaded_for(request.gear),  # the big lifts take a weight
        request.focus not in exercise.focuses,  # the focus
        not exercise.loaded_for(request.gear),  # a load can be added week by week
        abs(level - target),  # the runner's level, not the ceiling
        level,  # then the easier
        exercise.slug,
    )


def light_day_suits(exercise: LibraryExercise) -> bool:
    """A light day takes no jumps, no eccentric-heavy work and no advanced lower-body lift."""
    role = exercise.pattern.role
    if role == Role.PLYOMETRIC or exercise.eccentric_heavy:
        return False
    return not (role in LOWER_BODY_ROLES and exercise.level == Exercise.Level.ADVANCED)


def _fits_slot(exercise: LibraryExercise, slot: Slot, request: PlanRequest) -> bool:
    """Its pattern and sides suit the slot; the knee slot takes quad-dominant knee work,
    and with a knee focus the jumps stay at entry level (no bounding or lateral landings,
    which load an irritable knee hardest)."""
    if exercise.pattern.role not in SLOT_ROLES[slot.pattern]:
        return False
    if slot.unilateral and not exercise.unilateral:
        return False
    if slot.pattern == "knee":
        return Focus.KNEE in exercise.focuses and exercise.quad_dominant
    if slot.pattern == "plyo" and request.focus == Focus.KNEE:
        return exercise.level == Exercise.Level.BEGINNER
    return True


def _pick(
    slot: Slot, pool: list[LibraryExercise], request: PlanRequest, used: set[int], light: bool
) -> tuple[LibraryExercise | None, str]:
    """The best exercise for a slot, and a note when a required slot had to go above level."""
    allowed = ALLOWED_LEVELS[request.experience]

    def rank(exercise):
        return _rank(exercise, slot, used, request)

    fitting = [
        exercise
        for exercise in pool
        if _fits_slot(exercise, slot, request) and (light_day_suits(exercise) or not light)
    ]
    at_level = [exercise for exercise in fitting if exercise.level in allowed]
    if at_level:
        return min(at_level, key=rank), ""
    if slot.priority != REQUIRED or not fitting:
        return None, ""
    # No exercise at the runner's level fits the equipment: take the easiest that does.
    choice = min(fitting, key=lambda e: (LEVELS.index(e.level), rank(e)))
    return choice, (
        f"{choice.name} is rated {choice.level_label.lower()}, above your experience, "
        f"because no easier {PATTERN_LABELS[slot.pattern]} exercise fits your equipment. "
        "Start with an easier version (see the exercise page) and build up."
    )


# Order within a session: jumps while fresh, then the big two-legged lifts,
# single-leg work, the upper body, small hip and calf muscles, and core last
# (multi-joint before single-joint, large muscles before small: ACSM 2009).
SESSION_ORDER = ("plyo", "bilateral", "single-leg", "upper", "accessory", "core")
LOWER_BODY_ROLES = {Role.SQUAT, Role.HINGE, Role.KNEE_FLEXION, Role.LUNGE}
UPPER_BODY_ROLES = {Role.PUSH, Role.PULL}


# A light day puts the upper body and core first, while the legs recover.
LIGHT_SESSION_ORDER = ("upper", "core", "bilateral", "single-leg", "accessory", "plyo")


def _order_key(item: DraftItem) -> int:
    exercise = item.exercise
    role = exercise.pattern.role
    if role == Role.PLYOMETRIC:
        place = "plyo"
    elif role in LOWER_BODY_ROLES:
        place = "single-leg" if exercise.unilateral else "bilateral"
    elif role in UPPER_BODY_ROLES:
        place = "upper"
    elif role in SLOT_ROLES["core"]:
        place = "core"
    else:
        place = "accessory"
    return (LIGHT_SESSION_ORDER if item.light else SESSION_ORDER).index(place)


def _drafts(request: PlanRequest, days: list[ScheduledDay]) -> list[Draft]:
    """One draft a strength day, with its slots."""
    strength_days = [day for day in days if day.has_strength]
    drafts = []
    for index, (day, slots) in enumerate(
        zip(strength_days, SESSION_SLOTS[len(strength_days)], strict=True)
    ):
        core_type = CORE_TYPES[index % 2]
        slots = tuple(
            replace(slot, core_role=core_type) if slot.pattern == "core" else slot for slot in slots
        )
        slots += (
            Slot("calf", CALF, calf_role=CALF_ROTATION[index % len(CALF_ROTATION)]),
            Slot("calf", CALF, calf_role=CalfRole.SHIN),
        )
        slots += _focus_slots(request.focus, index)
        if request.phase in PLYO_PHASES and not day.light:
            slots += (Slot("plyo", PLYO),)
        drafts.append(Draft(index=index, weekday=day.weekday, slots=slots, light=day.light))
    return drafts


def select(
    request: PlanRequest, library: Library, days: list[ScheduledDay], notes: list[str]
) -> list[Draft]:
    """Fill every session's slots, required slots of all sessions first."""
    drafts = _drafts(request, days)
    strength = library.usable(request.gear, Exercise.Kind.STRENGTH)
    used: set[int] = set()
    for priority in (REQUIRED, CALF, FOCUS, PLYO, EXTRA):
        for draft in drafts:
            in_session = {item.exercise.pk for item in draft.items}
            for slot in draft.slots:
                if slot.priority != priority:
                    continue
                pool = [e for e in strength if e.pk not in in_session]
                exercise, note = _pick(slot, pool, request, used, draft.light)
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
                    DraftItem(
                        exercise,
                        slot,
                        role=_dose_role(exercise),
                        note="Start with an easier version." if note else "",
                        light=draft.light,
                    )
                )
                used.add(exercise.pk)
                in_session.add(exercise.pk)

    # Warm-up drills for a lifting session, in the content's warm-up order (hips
    # and legs first); sessions start at different points of the list for
    # variety. A dynamic warm-up raises temperature and readiness without
    # fatigue (McGowan et al. 2015, Sports Medicine, "Warm-up strategies for
    # sport and exercise").
    drills = sorted(
        library.usable(request.gear, Exercise.Kind.WARMUP),
        key=lambda e: (e.warmup_priority is None, e.warmup_priority or 0, e.slug),
    )
    count = min(_warmup_drills(request.minutes), len(drills))
    for draft in drafts:
        start = draft.index * 2
        draft.warmup = [drills[(start + i) % len(drills)] for i in range(count)]
        draft.items.sort(key=_order_key)  # stable: ties keep the selection order
    return drafts
