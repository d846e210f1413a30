"""The plan's notes say what the plan changed from the answers, and why."""

from plans.builder import Phase, build_plan
from tests.plans.builder.runners import answers


def test_peak_phase_keeps_one_short_session_and_says_so(library):
    plan = build_plan(answers(phase=Phase.PEAK, sessions_per_week=3, minutes=20), library)
    assert len(plan.sessions) == 1
    assert any("in the peak phase the plan uses one" in note for note in plan.notes)
