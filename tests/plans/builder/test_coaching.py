"""The coaching rules of issue 19, over the whole input space: a light day is light, the
taper ends on race day with the legs left alone, a loaded hinge every week when the kit
allows, jumps for every runner, the runner's level rather than the ceiling, calf and shin
work every session."""

from dataclasses import replace
from datetime import timedelta
from itertools import pairwise

from hypothesis import given

from exercises.models import Exercise, Focus, MovementPattern
from plans.builder import Experience, Phase, WeekKind, build_plan, validate
from plans.builder.doses import CALF_MIN_SETS, LIGHT_LOWER_SETS, OPTIONAL_LOAD_NOTE
from plans.builder.selection import ALLOWED_LEVELS
from tests.plans.builder.runners import FAST, SLOW, START, answers, items_of, requests

Role = MovementPattern.Role
LOWER = {Role.SQUAT, Role.HINGE, Role.LUNGE}


def _light_weekdays(runner, plan):
    """An independent statement of which strength days are light."""
    chosen = {day.weekday for day in plan.days if day.has_strength}
    return {
        day
        for day in chosen
        if (day + 1) % 7 == runner.long_run_day
        or (day + 1) % 7 in runner.hard_days
        or day == runner.long_run_day
        or (day - 1) % 7 == runner.long_run_day
        or (day - 1) % 7 in chosen
    }


@FAST
@given(requests(race=False))
def test_a_light_day_has_no_jumps_no_eccentric_work_and_few_moderate_lower_body_sets(
    library, runner
):
    plan = build_plan(runner, library)
    light = _light_weekdays(runner, plan)
    assert {day.weekday for day in plan.days if day.light} == light
    for week in plan.weeks:
        for session in week.sessions:
            if session.weekday not in light:
                continue
            assert session.note.startswith("A light session")
            for item in session.items:
                exercise = item.exercise
                assert exercise.pattern.role != Role.PLYOMETRIC
                assert not exercise.eccentric_heavy
                if exercise.pattern.role in LOWER:
                    assert exercise.level != Exercise.Level.ADVANCED
                    assert item.sets <= LIGHT_LOWER_SETS
                    if exercise.loaded_for(runner.gear):
                        assert item.reps_min >= 8  # a moderate load, never the heavy range
    if light:
        assert any("light session" in note for note in plan.notes)


def test_the_day_after_the_long_run_is_light_when_no_other_day_is_free(library):
    """The issue's example: squat jumps, deadlifts and pistols the day after a long run."""
    runner = answers(
        running_days=set(range(7)),
        hard_days={2, 4},
        long_run_day=6,
        phase=Phase.BUILD,
        experience=Experience.REGULAR,
        equipment={"barbell", "dumbbell", "bench", "pull-up-bar"},
        sessions_per_week=3,
        minutes=45,
    )
    plan = build_plan(runner, library)
    light = [day for day in plan.days if day.light]
    assert light
    for day in light:
        session = next(s for s in plan.sessions if s.weekday == day.weekday)
        slugs = {item.exercise.slug for item in session.items}
        assert not slugs & {"squat-jump", "single-leg-squat", "nordic-hamstring-curl"}
        assert "keep this light" in day.reason


def test_a_taper_needs_a_race_date_and_says_so():
    (message,) = validate(answers(phase=Phase.TAPER))
    assert "give your race date" in message
    past = answers(phase=Phase.TAPER, start_date=START, race_date=START)
    assert any("today or in the past" in m for m in validate(past))
    far = answers(phase=Phase.TAPER, start_date=START, race_date=START + timedelta(40))
    assert any("a taper covers the last two weeks" in m for m in validate(far))


@SLOW
@given(requests(race=True))
def test_a_race_date_ends_the_plan_on_race_week_with_a_falling_taper_and_fresh_legs(
    library, runner
):
    plan = build_plan(runner, library)
    race = runner.race_date
    assert len(plan.weeks) == runner.plan_weeks
    assert (
        runner.session_date(len(plan.weeks), 0)
        <= race
        < runner.session_date(len(plan.weeks), 0) + timedelta(7)
    )
    taper = [week for week in plan.weeks if week.kind == WeekKind.TAPER]
    assert taper
    assert taper[-1] == plan.weeks[-1]
    for earlier, later in pairwise(taper):
        assert later.volume < earlier.volume
    for week in plan.weeks:
        for session in week.sessions:
            if runner.session_date(week.number, session.weekday) >= race - timedelta(5):
                roles = {item.exercise.pattern.role for item in session.items}
                assert not roles & (LOWER | {Role.PLYOMETRIC, Role.CALF})
    jumps = any(
        item.exercise.pattern.role == Role.PLYOMETRIC
        for week in plan.weeks
        for s in week.sessions
        for item in s.items
    )
    assert jumps == any("jumps come first" in note for note in plan.notes)


def _loaded_hinge_fits(library, runner):
    # A runner returning from a break starts from beginner-level exercises.
    if runner.phase == Phase.RETURNING:
        allowed = {Exercise.Level.BEGINNER}
    else:
        allowed = ALLOWED_LEVELS[runner.experience]
    return any(
        e.pattern.role == Role.HINGE and e.loaded and not e.unilateral and e.level in allowed
        for e in library.usable(runner.gear, Exercise.Kind.STRENGTH)
    )


@FAST
@given(requests(race=False).filter(lambda runner: runner.strength_sessions >= 2))
def test_every_week_has_a_loaded_two_legged_hinge_when_the_kit_allows(library, runner):
    plan = build_plan(runner, library)
    if not _loaded_hinge_fits(library, runner):
        return
    for week in plan.weeks:
        assert any(
            item.exercise.pattern.role == Role.HINGE
            and item.exercise.loaded_for(runner.gear)  # a weight held counts (a hip thrust)
            and not item.exercise.unilateral
            for session in week.sessions
            for item in session.items
        ), week.label


@FAST
@given(
    requests(race=False).filter(
        lambda runner: runner.minutes >= (30 if runner.strength_sessions > 1 else 40)
    )
)
def test_jumps_every_week_and_rising_within_a_block_outside_peak(library, runner):
    plan = build_plan(runner, library)
    if all(day.light for day in plan.days if day.has_strength):
        return
    for week in plan.weeks:
        assert any(
            item.exercise.pattern.role == Role.PLYOMETRIC
            for session in week.sessions
            for item in session.items
        ), week.label
    if runner.phase != Phase.PEAK:
        table = plan.table
        for row in table.rows:
            if row.exercise.pattern.role == Role.PLYOMETRIC:
                assert row.doses[2].volume > row.doses[0].volume  # contacts rise in the block


@FAST
@given(requests())
def test_core_hip_and_calf_work_and_returning_runners_stay_at_beginner_level(library, runner):
    plan = build_plan(runner, library)
    for session in plan.sessions:
        for item in session.items:
            exercise = item.exercise
            easier = any(
                e.pattern.role == exercise.pattern.role
                and e.level == Exercise.Level.BEGINNER
                and e.equipment <= runner.gear
                for e in library.exercises
            )
            # Calf raises go single-leg first when the level allows: bodyweight two-legged
            # raises are too easy for a runner's calves. Jumps step up in build and peak.
            accessory = exercise.pattern.role not in LOWER | {Role.PUSH, Role.PULL, Role.CALF}
            harder_jumps = exercise.pattern.role == Role.PLYOMETRIC and runner.phase in (
                Phase.BUILD,
                Phase.PEAK,
                Phase.TAPER,
            )
            if (accessory or runner.phase == Phase.RETURNING) and easier and not harder_jumps:
                assert exercise.level == Exercise.Level.BEGINNER, exercise.slug


def test_a_regular_lifter_gets_plank_style_core_work_not_the_l_sit(library):
    plan = build_plan(answers(experience=Experience.REGULAR), library)
    core = {
        item.exercise.slug
        for item in plan.sessions[0].items + plan.sessions[1].items
        if item.exercise.pattern.role in (Role.CORE_HOLD, Role.CORE_MOVING)
    }
    assert "l-sit" not in core
    assert core


@FAST
@given(
    # A single session holds all six key patterns, so it needs more minutes for the rest
    # (the estimate counts changeovers and warm-up sets).
    requests(race=False).filter(
        lambda runner: runner.minutes >= (30 if runner.strength_sessions > 1 else 40)
    )
)
def test_every_session_has_calf_and_shin_work_and_the_week_a_floor_of_calf_sets(library, runner):
    plan = build_plan(runner, library)
    for week in plan.weeks:
        if week.kind != WeekKind.LOADING:
            continue
        calf = [
            item
            for session in week.sessions
            for item in session.items
            if item.exercise.pattern.role == Role.CALF
        ]
        for session in week.sessions:
            roles = {item.exercise.calf_role for item in session.items}
            assert Exercise.CalfRole.SHIN in roles, session.name
            assert roles & {Exercise.CalfRole.CALF_RAISE, Exercise.CalfRole.SOLEUS}
        # The floor: two exercises of at least CALF_MIN_SETS sets a session.
        assert sum(item.sets for item in calf) >= 2 * CALF_MIN_SETS * len(week.sessions)
    if len(plan.sessions) >= 2:
        roles = {item.exercise.calf_role for s in plan.sessions for item in s.items}
        assert Exercise.CalfRole.SOLEUS in roles  # bent-knee work every week


def test_a_bodyweight_beginner_gets_a_beginner_push(library):
    plan = build_plan(answers(experience=Experience.NEW, equipment=set()), library)
    pushes = [
        item.exercise
        for session in plan.sessions
        for item in session.items
        if item.exercise.pattern.role == Role.PUSH
    ]
    assert pushes
    assert {push.level for push in pushes} == {Exercise.Level.BEGINNER}
    assert not any("above your experience" in note for note in plan.notes)


@FAST
@given(requests(race=False))
def test_a_bodyweight_exercise_takes_a_weight_when_the_runner_has_one_to_hold(library, runner):
    plan = build_plan(runner, library)
    for item in plan.sessions[0].items:
        exercise = item.exercise
        if exercise.optional_load_for(runner.gear) and not item.note:
            raise AssertionError(f"{exercise.slug}: no word about holding a weight")
        if not exercise.load_options & runner.gear:
            assert item.note != OPTIONAL_LOAD_NOTE


def test_a_kettlebell_runner_holds_it_for_the_single_leg_work(library):
    kettlebell = build_plan(answers(equipment={"kettlebell"}, minutes=40), library)
    bodyweight = build_plan(answers(equipment=set(), minutes=40), library)

    def held(plan):
        return {
            item.exercise.slug
            for session in plan.sessions
            for item in session.items
            if item.note == OPTIONAL_LOAD_NOTE
        }

    assert held(kettlebell)
    assert held(bodyweight) == set()
    for session in kettlebell.sessions:
        for item in session.items:
            assert item.exercise.equipment <= {"kettlebell"}


@FAST
@given(requests())
def test_a_strength_days_reason_never_contradicts_the_week(library, runner):
    plan = build_plan(runner, library)
    chosen = {day.weekday for day in plan.days if day.has_strength}
    for day in plan.days:
        if not day.has_strength:
            continue
        tomorrow = (day.weekday + 1) % 7
        if "legs can recover" in day.reason:
            assert tomorrow not in chosen | runner.hard_days
            assert tomorrow != runner.long_run_day
        assert ("keep this light" in day.reason) == day.light, day.reason


@FAST
@given(requests())
def test_a_knee_focus_keeps_the_jumps_at_entry_level_and_says_what_it_added(library, runner):
    runner = replace(runner, focus=Focus.KNEE)
    plan = build_plan(runner, library)
    jumps = [i for i in items_of(plan) if i.exercise.pattern.role == Role.PLYOMETRIC]
    assert all(item.exercise.level == Exercise.Level.BEGINNER for item in jumps)
    note = next(note for note in plan.notes if note.startswith("Knee focus"))
    chosen = {item.exercise.name for item in items_of(plan)}  # race week drops the legs
    if "In this plan it adds: " in note:
        added = note.split("In this plan it adds: ")[1].rstrip(".").split(", ")
        assert set(added) <= chosen


def test_the_knee_focus_adds_quad_dominant_knee_work_to_every_session(library):
    for experience in Experience:
        knee = build_plan(answers(focus=Focus.KNEE, experience=experience, minutes=50), library)
        general = build_plan(answers(experience=experience, minutes=50), library)
        for session in knee.sessions:
            assert any(
                item.exercise.quad_dominant and Focus.KNEE in item.exercise.focuses
                for item in session.items
            ), session.name
        assert {i.exercise.slug for i in items_of(knee)} != {
            i.exercise.slug for i in items_of(general)
        }


def _role(exercise, gear):
    """An independent statement of the dose roles."""
    role = exercise.pattern.role
    if role == Role.PLYOMETRIC:
        return "plyo"
    if exercise.hold_seconds is not None:
        return "hold"
    if role in LOWER and exercise.loaded_for(gear):
        return "heavy-lower"
    return "upper" if role in (Role.PUSH, Role.PULL) else "accessory"


# The longest rest each role may have, and a bodyweight lift's: never a heavy lift's.
LONGEST_REST = {"heavy-lower": 180, "upper": 120, "accessory": 60, "hold": 45, "plyo": 90}
BODYWEIGHT_LONGEST_REST = 75


@FAST
@given(requests())
def test_rest_follows_the_exercise_role_and_a_bodyweight_lift_never_rests_like_a_heavy_one(
    library, runner
):
    plan = build_plan(runner, library)
    for week in plan.weeks:
        for session in week.sessions:
            for item in session.items:
                role = _role(item.exercise, runner.gear)
                assert item.role == role, item.exercise.slug
                assert item.rest_seconds <= LONGEST_REST[role], item.exercise.slug
                if role != "plyo" and not item.exercise.loaded_for(runner.gear):
                    assert item.rest_seconds <= BODYWEIGHT_LONGEST_REST, item.exercise.slug


def _light(plan, session_name):
    session = next(s for s in plan.sessions if s.name == session_name)
    return session.note.startswith("A light session")


@FAST
@given(requests(race=False).filter(lambda runner: runner.plan_weeks > 4))
def test_block_2_starts_heavier_than_block_1_and_peak_maintains(library, runner):
    plan = build_plan(runner, library)
    first, second = 0, 4  # week 1 and week 5, the first weeks of blocks 1 and 2
    heavier = False
    for row in plan.table.rows:
        one, five = row.doses[first], row.doses[second]
        if one is None or five is None or row.exercise.pattern.role == Role.PLYOMETRIC:
            continue
        light_lower = _light(plan, row.session) and row.exercise.pattern.role in LOWER
        if light_lower and one.reps_in_reserve is None:
            continue  # bodyweight leg work on a light day moves to no harder variation
        if runner.phase == Phase.PEAK or light_lower:  # maintains, or a moderate light day
            assert (five.reps_min, five.hold_seconds, five.reps_in_reserve) == (
                one.reps_min,
                one.hold_seconds,
                one.reps_in_reserve,
            ), row.exercise.slug
        elif one.reps_in_reserve is not None:
            assert five.reps_min < one.reps_min or (
                five.reps_min == one.reps_min and five.reps_in_reserve < one.reps_in_reserve
            ), row.exercise.slug
            assert five.progression.startswith("Heavier")
            heavier = True
        elif one.hold_seconds is not None:
            assert five.hold_seconds > one.hold_seconds or "variation" in five.progression
        else:  # a bodyweight exercise: the harder variation
            assert "variation" in five.progression, row.exercise.slug
    block_note = next((n for n in plan.notes if n.startswith("Each new block starts")), "")
    assert heavier == ("a loaded exercise goes heavier" in block_note)
    if runner.phase != Phase.PEAK:
        assert any(note.startswith("Progressive overload") for note in plan.notes)
