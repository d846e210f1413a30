"""`build_plan` as a whole: it refuses bad answers and is deterministic."""

import pytest
from hypothesis import given

from plans.builder import build_plan
from tests.plans.builder.runners import SLOW, answers, requests


def test_building_an_invalid_request_raises_with_the_messages(library):
    with pytest.raises(ValueError, match="more hard days"):
        build_plan(answers(running_days={0, 3}, hard_days={0, 1, 3}, long_run_day=None), library)


@SLOW
@given(requests())
def test_the_same_answers_always_give_the_same_plan(library, runner):
    first, second = build_plan(runner, library), build_plan(runner, library)
    assert first == second
    assert first is not second
