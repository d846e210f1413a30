"""The messages the form shows for answers no plan can be built from."""

from exercises.models import Focus
from plans.builder import Experience, Phase, PlanRequest, validate
from tests.plans.builder.runners import answers

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
        focus="knee",
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
        focus=Focus.KNEE,
    )


def test_a_warm_up_focus_is_refused_for_a_plan():
    (message,) = validate(answers(focus=Focus.WARMUP))
    assert message.startswith("A plan's focus is one of: general strength, knees,")
