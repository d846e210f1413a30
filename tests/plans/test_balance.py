"""The balance check counts by the roles loaded with the content, not by slugs."""

import pytest

from exercises.models import MovementPattern, Muscle
from plans.balance import check_balance
from plans.models import Routine
from tests.plans.factories import routine_with

pytestmark = pytest.mark.django_db


def balance_of(routine):
    return check_balance(Routine.objects.with_contents().get(pk=routine.pk))


def test_renaming_a_pattern_keeps_it_counted_and_links_to_its_new_slug(user):
    routine = routine_with(user, "romanian-deadlift")
    MovementPattern.objects.filter(slug="hinge").update(slug="hip-hinge", name="Hinges")
    balance = balance_of(routine)
    hinge = next(row for row in balance.patterns if row.key == "hinge")
    assert hinge.weekly_sets == 6
    assert hinge.fill_url == "/exercises/?pattern=hip-hinge"


def test_both_core_patterns_count_as_core_and_both_are_linked(user):
    routine = routine_with(user, "plank", "dead-bug")
    core = next(row for row in balance_of(routine).patterns if row.key == "core")
    assert core.weekly_sets == 12
    assert core.fill_url == "/exercises/?pattern=core-isometric&pattern=core-dynamic"


def test_a_muscle_counts_in_the_leg_group_its_balance_group_names(user):
    routine = routine_with(user, "bent-knee-calf-raise")
    before = {row.key: row.weekly_sets for row in balance_of(routine).muscles}
    assert before["calves"] > 0
    Muscle.objects.filter(balance_group=Muscle.BalanceGroup.CALVES).update(
        balance_group=Muscle.BalanceGroup.SHIN
    )
    after = {row.key: row.weekly_sets for row in balance_of(routine).muscles}
    assert after["calves"] == 0
    assert after["shin"] == before["calves"] + before["shin"]


def test_a_pattern_without_a_role_counts_in_no_key_pattern(user):
    routine = routine_with(user, "goblet-squat")
    MovementPattern.objects.filter(slug="squat").update(role="")
    squat = next(row for row in balance_of(routine).patterns if row.key == "squat")
    assert squat.is_gap
