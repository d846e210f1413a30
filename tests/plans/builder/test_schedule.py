"""Where the strength sessions go in the running week, and which rules bend when none fits."""

from itertools import combinations

from hypothesis import given

from plans.builder import WEEKDAYS, RunKind, build_plan, schedule
from tests.plans.builder.runners import SLOW, answers, requests, strength_days


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


def test_a_week_of_hard_runs_bends_a_rule_and_says_which_and_why(library):
    plan = build_plan(
        answers(
            running_days=set(range(7)),
            hard_days={0, 1, 2, 3, 4, 5},
            long_run_day=6,
            sessions_per_week=1,
            minutes=20,
        ),
        library,
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
def test_strength_days_avoid_the_day_before_a_long_run_or_hard_session_unless_bent(library, runner):
    plan = build_plan(runner, library)
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
def test_strength_days_have_a_day_off_between_them_unless_bent(library, runner):
    days = strength_days(build_plan(runner, library))
    assert len(days) == runner.strength_sessions
    for day in days:
        tomorrow = (day.weekday + 1) % 7
        if len(days) > 1 and tomorrow in {other.weekday for other in days}:
            assert f"{day.name} and {WEEKDAYS[tomorrow]}: strength on consecutive days" in (
                " ".join(day.bent_rules)
            )
