"""The time fit: every session of every week within the runner's minutes."""

from hypothesis import given

from plans.builder import build_plan
from tests.plans.builder.runners import FAST, requests, work_seconds


@FAST
@given(requests())
def test_every_session_of_every_week_fits_the_minutes_given(library, runner):
    plan = build_plan(runner, library)
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
