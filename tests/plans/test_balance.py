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


def rows_of(balance):
    return {row.key: row for row in [*balance.patterns, *balance.muscles]}


def test_one_pogo_set_is_one_calf_set_though_it_works_both_calf_muscles(user):
    routine = routine_with(user, "pogo-hops")
    item = routine.sessions.get().items.get()
    calves = rows_of(balance_of(routine))["calves"]
    assert calves.weekly_sets == item.sets * routine.sessions_per_week


def test_single_leg_squats_and_hinges_count_as_single_leg_work(user):
    routine = routine_with(user, "split-squat", "single-leg-deadlift")
    rows = rows_of(balance_of(routine))
    assert not rows["lunge"].is_gap
    assert rows["lunge"].weekly_sets == rows["squat"].weekly_sets + rows["hinge"].weekly_sets
    assert rows_of(balance_of(routine_with(user, "goblet-squat")))["lunge"].is_gap


def test_a_focused_routine_has_gaps_only_within_its_focus(user):
    routine = routine_with(user, "plank", "dead-bug")
    routine.focus = "core"
    routine.save()
    balance = balance_of(routine)
    assert balance.gaps == []
    assert rows_of(balance)["squat"].is_outside_focus
    routine.focus = "general"
    routine.save()
    assert {row.key for row in balance_of(routine).gaps} >= {"squat", "hinge", "calves"}


def test_every_starter_template_passes_the_balance_check_for_its_focus(client):
    templates = Routine.objects.filter(is_template=True).with_contents()
    assert len(templates) == 6
    for template in templates:
        assert check_balance(template).gaps == [], template.slug
        page = client.get(template.get_absolute_url())
        assert "Gaps:" not in page.text, template.slug
