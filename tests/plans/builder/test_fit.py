"""The time fit: every session of every week within the runner's minutes, counting the
changeovers between exercises and the warm-up sets before heavy lifts."""

from hypothesis import given

from plans.builder import build_plan
from tests.plans.builder.runners import FAST, requests, work_seconds

# The time model's figures, restated: a changeover between exercises (shorter between
# warm-up drills), and a minute for each warm-up set before a heavy lift.
CHANGEOVER, DRILL_CHANGEOVER, WARMUP_SET = 45, 10, 60


@FAST
@given(requests())
def test_every_session_of_every_week_fits_the_minutes_given(library, runner):
    plan = build_plan(runner, library)
    for week in plan.weeks:
        for session in week.sessions:
            items = (*session.warmup, *session.items)
            recomputed = sum(
                item.sets * work_seconds(item)
                + (item.sets - 1) * item.rest_seconds
                + WARMUP_SET * item.warmup_sets
                for item in items
            ) + sum(
                DRILL_CHANGEOVER if item.exercise.kind == "warmup" else CHANGEOVER
                for item in items[1:]
            )
            assert session.estimated_seconds == recomputed
            # The stated tolerance: the estimate, rounded up, never exceeds the minutes.
            assert session.estimated_minutes <= runner.minutes
            assert session.estimated_seconds <= runner.minutes * 60
