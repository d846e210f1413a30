"""Which exercises fill the sessions: key patterns, single-leg work, kit, level and focus."""

from hypothesis import given

from exercises.models import Exercise, Focus, MovementPattern
from plans.balance import KEY_PATTERNS
from plans.builder import ALLOWED_LEVELS, Experience, Phase, build_plan
from plans.builder.doses import PLYO_MAX_CONTACTS
from plans.builder.notes import RACE_DAYS_NOTE
from tests.plans.builder.runners import FAST, answers, items_of, requests

Role = MovementPattern.Role
KEY = {key: set(roles) for key, _label, roles in KEY_PATTERNS}


@FAST
@given(requests())
def test_every_plan_covers_the_six_key_patterns_across_the_week(library, runner):
    plan = build_plan(runner, library)
    for week in plan.weeks:
        if any(session.note == RACE_DAYS_NOTE for session in week.sessions):
            continue  # race week leaves the legs alone (tests/plans/builder/test_coaching.py)
        roles = {item.exercise.pattern.role for s in week.sessions for item in s.items}
        assert {key for key, key_roles in KEY.items() if roles & key_roles} == set(KEY)


@FAST
@given(requests())
def test_no_exercise_needs_equipment_the_runner_lacks(library, runner):
    plan = build_plan(runner, library)
    for item in items_of(plan, warmup=True):
        needed = item.exercise.equipment
        assert needed <= runner.equipment, item.exercise.slug
        if item.exercise.load_required:
            assert item.exercise.load_options & runner.gear, item.exercise.slug


def test_a_kettlebell_is_enough_for_the_goblet_squat_and_the_romanian_deadlift(library):
    """Both need one weight, any of them, so a kettlebell-only runner gets loaded big lifts."""
    plan = build_plan(answers(equipment={"kettlebell"}, experience=Experience.NEW), library)
    chosen = {item.exercise.slug for item in plan.sessions[0].items + plan.sessions[1].items}
    assert {"goblet-squat", "romanian-deadlift"} <= chosen
    bodyweight = build_plan(answers(equipment=set()), library)
    assert not {"goblet-squat", "romanian-deadlift"} & {
        i.exercise.slug for i in items_of(bodyweight)
    }


@FAST
@given(requests())
def test_every_session_has_single_leg_work_and_a_warm_up_of_two_to_four_drills(library, runner):
    plan = build_plan(runner, library)
    for week in plan.weeks:
        for session in week.sessions:
            if session.note != RACE_DAYS_NOTE:
                assert any(item.exercise.unilateral for item in session.items), session.name
            assert 2 <= len(session.warmup) <= 4
            assert {item.exercise.kind for item in session.warmup} == {Exercise.Kind.WARMUP}
            assert {item.exercise.kind for item in session.items} == {Exercise.Kind.STRENGTH}


@FAST
@given(requests())
def test_exercises_suit_the_runners_experience_or_the_plan_says_why_not(library, runner):
    plan = build_plan(runner, library)
    allowed = ALLOWED_LEVELS[runner.experience]
    for item in items_of(plan, warmup=True):
        if item.exercise.level not in allowed:
            assert any(
                note.endswith("build up.") and f"{item.exercise.name} is rated" in note
                for note in plan.notes
            )


@FAST
@given(requests())
def test_plyometrics_stay_low_volume_and_new_lifters_start_with_entry_level_jumps(library, runner):
    plan = build_plan(runner, library)
    jumps = [item for item in items_of(plan) if item.exercise.pattern.role == Role.PLYOMETRIC]
    for item in jumps:
        contacts = item.sets * item.reps_min * (2 if item.per_side else 1)
        assert contacts <= PLYO_MAX_CONTACTS[runner.experience]
        if runner.experience == Experience.NEW or runner.phase == Phase.RETURNING:
            assert item.exercise.level == Exercise.Level.BEGINNER


def test_focus_is_weighted_into_every_session(library):
    calves = build_plan(answers(focus=Focus.CALF_SHIN, minutes=40), library)
    for session in calves.sessions:
        assert "calf-ankle" in {item.exercise.pattern.slug for item in session.items}
    knees = build_plan(answers(focus=Focus.KNEE, minutes=40), library)
    for session in knees.sessions:
        assert "hip-isolation" in {item.exercise.pattern.slug for item in session.items}
