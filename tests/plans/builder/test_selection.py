"""Which exercises fill the sessions: key patterns, single-leg work, kit, level and focus."""

from hypothesis import given

from exercises.models import Exercise, Focus
from plans.balance import KEY_PATTERNS
from plans.builder import ALLOWED_LEVELS, Experience, Phase, build_plan
from tests.plans.builder.runners import FAST, answers, items_of, requests

KEY = {key: set(roles) for key, _label, roles in KEY_PATTERNS}


@FAST
@given(requests())
def test_every_plan_covers_the_six_key_patterns_across_the_week(library, runner):
    plan = build_plan(runner, library)
    for week in plan.weeks:
        roles = {item.exercise.pattern.role for s in week.sessions for item in s.items}
        assert {key for key, key_roles in KEY.items() if roles & key_roles} == set(KEY)


@FAST
@given(requests())
def test_no_exercise_needs_equipment_the_runner_lacks(library, runner):
    plan = build_plan(runner, library)
    for item in items_of(plan, warmup=True):
        needed = item.exercise.equipment
        assert needed <= runner.equipment, item.exercise.slug


@FAST
@given(requests())
def test_every_session_has_single_leg_work_and_a_warm_up_of_two_to_four_drills(library, runner):
    plan = build_plan(runner, library)
    for week in plan.weeks:
        for session in week.sessions:
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
def test_plyometrics_only_in_build_for_experienced_lifters_and_at_low_volume(library, runner):
    plan = build_plan(runner, library)
    jumps = [item for item in items_of(plan) if item.exercise.pattern.slug == "plyometric"]
    if runner.phase != Phase.BUILD or runner.experience == Experience.NEW:
        assert jumps == []
    for item in jumps:
        contacts = item.sets * item.reps_min * (2 if item.per_side else 1)
        assert contacts <= 30


def test_focus_is_weighted_into_every_session(library):
    calves = build_plan(answers(focus=Focus.CALF_SHIN, minutes=40), library)
    for session in calves.sessions:
        assert "calf-ankle" in {item.exercise.pattern.slug for item in session.items}
    knees = build_plan(answers(focus=Focus.KNEE, minutes=40), library)
    for session in knees.sessions:
        assert "hip-isolation" in {item.exercise.pattern.slug for item in session.items}
