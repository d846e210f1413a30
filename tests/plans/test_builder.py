"""The plan builder's rules, checked over the whole space of valid answers.

Property tests draw any valid request (running week, phase, experience,
equipment, minutes, sessions, focus, length) and check what a runner and a
coach would check on the plan page. Example tests pin down the messages the
form shows and a few plans a reader can check by hand.
"""

from dataclasses import replace
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.models import Exercise
from plans.balance import KEY_PATTERNS, check_balance
from plans.builder import (
    ALLOWED_LEVELS,
    THREE_SESSION_MINUTES,
    WEEKDAYS,
    Experience,
    Focus,
    Phase,
    PlanRequest,
    RunKind,
    WeekKind,
    build_plan,
    save_plan,
    schedule,
    validate,
    weekly_table,
)
from plans.models import Routine
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

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
KEY = {key: set(slugs) for key, _label, slugs in KEY_PATTERNS}
SECONDS_PER_REP = 3

# The builder reads the library from the database once per plan, so each
# example costs a few tens of milliseconds; these counts keep the file well
# under 40 seconds on two cores.
FAST = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=25)


@st.composite
def requests(draw, phase=None):
    """Any request `validate` accepts."""
    running = draw(st.frozensets(st.integers(0, 6), min_size=2, max_size=7))
    days = sorted(running)
    hard = draw(st.frozensets(st.sampled_from(days)))
    long_run = draw(st.none() | st.sampled_from(days))
    phase = phase or draw(st.sampled_from(Phase))
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
        focus=draw(st.sampled_from(Focus)),
        weeks=draw(st.integers(4, 16)),
    )
    assert validate(runner) == []
    return runner


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


# ---------------------------------------------------------------- validate()


def test_more_hard_days_than_running_days_is_refused_with_a_clear_message():
    messages = validate(answers(running_days={0, 3}, hard_days={0, 1, 3}, long_run_day=None))
    assert messages == [
        "You have chosen more hard days (3) than running days (2). "
        "Hard sessions are runs, so choose them from your running days."
    ]


def test_three_sessions_in_fifteen_minutes_is_refused_with_a_clear_message():
    messages = validate(answers(sessions_per_week=3, minutes=15))
    assert len(messages) == 1
    assert messages[0].startswith("Three strength sessions need at least 20 minutes each.")
    assert "Choose two sessions a week, or allow 20 minutes or more." in messages[0]


def test_long_run_on_a_day_without_running_is_refused_with_a_clear_message():
    messages = validate(answers(running_days={0, 2, 4}, hard_days={2}, long_run_day=6))
    assert messages == [
        "Your long run is on Sunday, which is not one of your running days. "
        "Choose one of your running days for the long run."
    ]


def test_a_hard_day_that_is_not_a_running_day_is_named():
    messages = validate(answers(running_days={0, 2, 6}, hard_days={1, 2}))
    assert messages == [
        "Tuesday is marked as a hard day but not as a running day. "
        "Choose hard days from your running days."
    ]


def test_out_of_range_answers_are_each_refused():
    messages = validate(
        answers(running_days={5}, hard_days=set(), minutes=90, sessions_per_week=4, weeks=20)
    )
    assert messages == [
        "Choose between 2 and 7 running days a week.",
        "Your long run is on Sunday, which is not one of your running days. "
        "Choose one of your running days for the long run.",
        "Minutes per session must be between 15 and 60.",
        "Choose 1 to 3 strength sessions a week.",
        "A plan lasts between 4 and 16 weeks.",
    ]


def test_two_short_sessions_and_a_peak_phase_with_three_short_sessions_are_accepted():
    assert validate(answers(sessions_per_week=2, minutes=15)) == []
    # The peak phase uses one session whatever was asked, so 15 minutes is enough.
    assert validate(answers(phase=Phase.PEAK, sessions_per_week=3, minutes=15)) == []
    assert validate(answers(sessions_per_week=3, minutes=20)) == []


def test_building_an_invalid_request_raises_with_the_messages():
    with pytest.raises(ValueError, match="more hard days"):
        build_plan(answers(running_days={0, 3}, hard_days={0, 1, 3}, long_run_day=None))


def test_form_values_are_accepted_as_lists_and_strings():
    from_form = PlanRequest(
        running_days=["0", "2", "5"],
        hard_days=["2"],
        long_run_day="5",
        phase="build",
        experience="regular",
        equipment=["dumbbell"],
        minutes=30,
        sessions_per_week=2,
        focus="knees",
        weeks=8,
    )
    assert from_form.running_days == frozenset({0, 2, 5})
    assert from_form.long_run_day == 5
    assert from_form.phase is Phase.BUILD
    assert from_form == PlanRequest(
        running_days={0, 2, 5},
        hard_days={2},
        long_run_day=5,
        phase=Phase.BUILD,
        experience=Experience.REGULAR,
        equipment={"dumbbell"},
        focus=Focus.KNEES,
    )


# ---------------------------------------------------------------- the week


def test_a_typical_week_lifts_after_the_hard_runs_and_keeps_the_long_run_fresh():
    days = schedule(answers())
    assert [(day.name, day.run, day.session) for day in days] == [
        ("Monday", RunKind.EASY, None),
        ("Tuesday", RunKind.HARD, "Session A"),
        ("Wednesday", RunKind.REST, None),
        ("Thursday", RunKind.HARD, "Session B"),
        ("Friday", RunKind.REST, None),
        ("Saturday", RunKind.EASY, None),
        ("Sunday", RunKind.LONG, None),
    ]
    assert days[1].reason.startswith("Hard run day: lift after the run")
    assert days[5].reason == "Day before your long run: no strength work, so your legs are fresh."
    assert not any(day.bent_rules for day in days)


def test_a_week_of_hard_runs_bends_a_rule_and_says_which_and_why():
    plan = build_plan(
        answers(
            running_days=set(range(7)),
            hard_days={0, 1, 2, 3, 4, 5},
            long_run_day=6,
            sessions_per_week=1,
            minutes=20,
        )
    )
    (day,) = strength_days(plan)
    assert day.name != "Saturday"  # never the day before the long run when avoidable
    assert plan.bent_rules == day.bent_rules
    (bent,) = plan.bent_rules
    assert bent.startswith(f"{day.name}: strength the day before your hard session")
    assert "no placement keeps every rule" in bent


def _breaks_a_rule(runner, days):
    """An independent check of the four placement rules, for the optimality property."""
    chosen = set(days)
    for day in days:
        tomorrow = (day + 1) % 7
        if (
            tomorrow == runner.long_run_day
            or tomorrow in runner.hard_days
            or tomorrow in chosen
            or day == runner.long_run_day
        ):
            return True
    return False


@SLOW
@given(requests())
def test_strength_days_avoid_the_day_before_a_long_run_or_hard_session_unless_bent(runner):
    plan = build_plan(runner)
    for day in strength_days(plan):
        tomorrow = WEEKDAYS[(day.weekday + 1) % 7]
        if (day.weekday + 1) % 7 == runner.long_run_day:
            assert f"{day.name}: strength the day before your long run on {tomorrow}" in " ".join(
                day.bent_rules
            )
        elif (day.weekday + 1) % 7 in runner.hard_days:
            assert (
                f"{day.name}: strength the day before your hard session on {tomorrow}"
                in " ".join(day.bent_rules)
            )
    # Rules are only bent when no placement keeps them all.
    possible = any(
        not _breaks_a_rule(runner, days)
        for days in combinations(range(7), runner.strength_sessions)
    )
    assert bool(plan.bent_rules) == (not possible)


@SLOW
@given(requests())
def test_strength_days_have_a_day_off_between_them_unless_bent(runner):
    days = strength_days(build_plan(runner))
    assert len(days) == runner.strength_sessions
    for day in days:
        tomorrow = (day.weekday + 1) % 7
        if len(days) > 1 and tomorrow in {other.weekday for other in days}:
            assert f"{day.name} and {WEEKDAYS[tomorrow]}: strength on consecutive days" in (
                " ".join(day.bent_rules)
            )


# ---------------------------------------------------------------- the sessions


@FAST
@given(requests())
def test_every_plan_covers_the_six_key_patterns_across_the_week(runner):
    plan = build_plan(runner)
    for week in plan.weeks:
        patterns = {item.exercise.pattern.slug for s in week.sessions for item in s.items}
        assert {key for key, slugs in KEY.items() if patterns & slugs} == set(KEY)


@FAST
@given(requests())
def test_no_exercise_needs_equipment_the_runner_lacks(runner):
    plan = build_plan(runner)
    for item in items_of(plan, warmup=True):
        needed = {piece.slug for piece in item.exercise.equipment.all()}
        assert needed <= runner.equipment, item.exercise.slug


@FAST
@given(requests())
def test_every_session_has_single_leg_work_and_a_warm_up_of_two_to_four_drills(runner):
    plan = build_plan(runner)
    for week in plan.weeks:
        for session in week.sessions:
            assert any(item.exercise.unilateral for item in session.items), session.name
            assert 2 <= len(session.warmup) <= 4
            assert {item.exercise.kind for item in session.warmup} == {Exercise.Kind.WARMUP}
            assert {item.exercise.kind for item in session.items} == {Exercise.Kind.STRENGTH}


@FAST
@given(requests())
def test_every_session_of_every_week_fits_the_minutes_given(runner):
    plan = build_plan(runner)
    for week in plan.weeks:
        for session in week.sessions:
            recomputed = sum(
                item.sets * (work_seconds(item) + item.rest_seconds)
                for item in (*session.warmup, *session.items)
            )
            assert session.estimated_seconds == recomputed
            # The stated tolerance: the estimate, rounded up, never exceeds the minutes.
            assert session.estimated_minutes <= runner.minutes
            assert session.estimated_seconds <= runner.minutes * 60


@FAST
@given(requests())
def test_exercises_suit_the_runners_experience_or_the_plan_says_why_not(runner):
    plan = build_plan(runner)
    allowed = ALLOWED_LEVELS[runner.experience]
    for item in items_of(plan, warmup=True):
        if item.exercise.level not in allowed:
            assert any(
                note.endswith("build up.") and f"{item.exercise.name} is rated" in note
                for note in plan.notes
            )


@FAST
@given(requests())
def test_plyometrics_only_in_build_for_experienced_lifters_and_at_low_volume(runner):
    plan = build_plan(runner)
    jumps = [item for item in items_of(plan) if item.exercise.pattern.slug == "plyometric"]
    if runner.phase != Phase.BUILD or runner.experience == Experience.NEW:
        assert jumps == []
    for item in jumps:
        contacts = item.sets * item.reps_min * (2 if item.per_side else 1)
        assert contacts <= 30


@SLOW
@given(requests(phase=Phase.BUILD))
def test_taper_weeks_have_less_volume_than_build_weeks_for_the_same_runner(build):
    taper = build_plan(replace(build, phase=Phase.TAPER))
    build_plan_ = build_plan(build)
    assert {week.kind for week in taper.weeks} == {WeekKind.TAPER}
    heaviest_taper = max(week.volume for week in taper.weeks)
    lightest_build = min(week.volume for week in build_plan_.weeks)
    assert heaviest_taper < lightest_build
    assert max(w.total_sets for w in taper.weeks) <= min(w.total_sets for w in build_plan_.weeks)
    assert taper.sessions[0].weekday == build_plan_.sessions[0].weekday


@FAST
@given(requests().filter(lambda runner: runner.phase != Phase.TAPER))
def test_every_fourth_week_is_lighter_and_the_weeks_between_build_up(runner):
    weeks = build_plan(runner).weeks
    for week in weeks:
        before = weeks[week.number - 2] if week.number > 1 else None
        if week.number % 4 == 0:
            assert week.kind == WeekKind.LIGHTER
            assert week.volume < before.volume
            assert week.total_sets <= before.total_sets
        else:
            assert week.kind == WeekKind.LOADING
            if week.number % 4 != 1:  # progressive overload inside a block
                assert week.volume > before.volume


@SLOW
@given(requests())
def test_the_same_answers_always_give_the_same_plan(runner):
    first, second = build_plan(runner), build_plan(runner)
    assert first == second
    assert first is not second


@SLOW
@given(requests())
def test_saving_makes_a_routine_equal_to_the_plans_first_week(runner):
    plan = build_plan(runner)
    owner = UserFactory()
    routine = save_plan(plan=plan, owner=owner)
    routine = Routine.objects.with_contents().get(pk=routine.pk)
    assert routine.owner == owner
    assert routine.name == plan.name
    assert routine.sessions_per_week == len(plan.sessions)
    assert len(routine.notes) <= 2000

    def dose(item):
        return (
            item.exercise.pk,
            item.sets,
            item.reps_min,
            item.reps_max,
            item.hold_seconds,
            item.per_side,
            item.rest_seconds,
        )

    saved = [
        (session.name, [dose(item) for item in session.items.all()])
        for session in routine.sessions.all()
    ]
    planned = [
        (session.name, [dose(item) for item in (*session.warmup, *session.items)])
        for session in plan.sessions
    ]
    assert saved == planned
    # The app's own balance check agrees: no key pattern missing.
    assert [row.key for row in check_balance(routine).patterns if row.is_gap] == []


# ---------------------------------------------------------------- examples


def test_peak_phase_keeps_one_short_session_and_says_so():
    plan = build_plan(answers(phase=Phase.PEAK, sessions_per_week=3, minutes=20))
    assert len(plan.sessions) == 1
    assert any("in the peak phase the plan uses one" in note for note in plan.notes)


def test_a_base_plan_reads_as_a_coach_would_write_it():
    plan = build_plan(answers())
    assert plan.name == "Base phase plan (8 weeks)"
    assert [(s.name, s.weekday_name) for s in plan.sessions] == [
        ("Session A", "Tuesday"),
        ("Session B", "Thursday"),
    ]
    squat = plan.sessions[0].items[0]
    assert squat.exercise.slug == "goblet-squat"
    # Base for some experience: 3 sets of 8-10 reps, climbing through the range.
    row = next(row for row in weekly_table(plan).rows if row.exercise == squat.exercise)
    assert [dose.dose for dose in row.doses] == [
        "3 × 8",
        "3 × 9",
        "3 × 10",
        "2 × 8",
        "3 × 8",
        "3 × 9",
        "3 × 10",
        "2 × 8",
    ]
    assert plan.weeks[3].summary.startswith("lighter week")
    assert any(note.startswith("Progressive overload") for note in plan.notes)
    assert any(note.startswith("On a day with both, run first") for note in plan.notes)


def test_weekly_table_has_a_row_per_exercise_and_a_column_per_week():
    plan = build_plan(answers(weeks=6))
    table = plan.table
    assert [week.label for week in table.weeks] == [f"Week {n}" for n in range(1, 7)]
    assert len(table.rows) == sum(len(session.items) for session in plan.sessions)
    for row in table.rows:
        assert len(row.doses) == 6
        assert {dose.exercise for dose in row.doses} == {row.exercise}


def test_focus_is_weighted_into_every_session():
    calves = build_plan(answers(focus=Focus.CALVES_SHINS, minutes=40))
    for session in calves.sessions:
        assert "calf-ankle" in {item.exercise.pattern.slug for item in session.items}
    knees = build_plan(answers(focus=Focus.KNEES, minutes=40))
    for session in knees.sessions:
        assert "hip-isolation" in {item.exercise.pattern.slug for item in session.items}


def test_saved_plan_focus_is_the_routines_focus(user):
    routine = save_plan(plan=build_plan(answers(focus=Focus.HIPS_GLUTES)), owner=user)
    assert routine.focus == Routine.Focus.HIP_GLUTE
    assert routine.notes.startswith("Phase: Base.")
    assert "Week 4: lighter week" in routine.notes


def test_building_a_plan_reads_the_library_in_three_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        build_plan(answers(sessions_per_week=3, minutes=60, weeks=16))
