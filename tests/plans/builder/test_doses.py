"""The dose week by week: progression inside a block, the lighter fourth week, the taper."""

from dataclasses import replace
from datetime import timedelta

from hypothesis import given

from plans.builder import Phase, WeekKind, build_plan, weekly_table
from tests.plans.builder.runners import FAST, SLOW, START, answers, requests


@SLOW
@given(requests(phase=Phase.BUILD, race=False))
def test_taper_weeks_have_less_volume_than_build_weeks_for_the_same_runner(library, build):
    race = replace(build, phase=Phase.TAPER, start_date=START, race_date=START + timedelta(11))
    taper = build_plan(race, library)
    build_plan_ = build_plan(build, library)
    assert {week.kind for week in taper.weeks} == {WeekKind.TAPER}
    assert len(taper.weeks) == 2  # this week and race week
    loading = [week for week in build_plan_.weeks if week.kind == WeekKind.LOADING]
    assert max(week.volume for week in taper.weeks) < min(week.volume for week in loading)
    assert max(w.total_sets for w in taper.weeks) <= min(w.total_sets for w in loading)
    # The volume falls week by week to the race.
    assert taper.weeks[1].volume < taper.weeks[0].volume
    assert taper.sessions[0].weekday == build_plan_.sessions[0].weekday


@FAST
@given(requests(race=False).filter(lambda runner: runner.phase != Phase.TAPER))
def test_every_fourth_week_is_lighter_and_the_weeks_between_build_up(library, runner):
    weeks = build_plan(runner, library).weeks
    for week in weeks:
        before = weeks[week.number - 2] if week.number > 1 else None
        if week.number % 4 == 0:
            assert week.kind == WeekKind.LIGHTER
            assert week.volume < before.volume
            assert week.total_sets <= before.total_sets
        else:
            assert week.kind == WeekKind.LOADING
            if week.number % 4 != 1 and runner.phase == Phase.PEAK:  # peak maintains
                assert week.volume == before.volume
            elif week.number % 4 != 1:  # progressive overload inside a block
                assert week.volume > before.volume


def test_a_base_plan_reads_as_a_coach_would_write_it(library):
    plan = build_plan(answers(minutes=40), library)
    assert plan.name == "Base phase plan (8 weeks)"
    assert [(s.name, s.weekday_name) for s in plan.sessions] == [
        ("Session A", "Tuesday"),
        ("Session B", "Thursday"),
    ]
    jumps, squat = plan.sessions[0].items[:2]
    assert jumps.exercise.slug == "pogo-hops"  # jumps first, at entry level in the base phase
    assert squat.exercise.slug == "goblet-squat"
    # Base for some experience: 3 sets from 8 reps, a rep more a week at the same load with
    # one fewer in reserve; block 2 starts heavier, two reps lower.
    row = next(row for row in weekly_table(plan).rows if row.exercise == squat.exercise)
    assert [(dose.dose, dose.reserve_text) for dose in row.doses] == [
        ("3 × 8", "3 reps in reserve"),
        ("3 × 9", "2 reps in reserve"),
        ("3 × 10", "1 rep in reserve"),
        ("2 × 8", "3 reps in reserve"),
        ("3 × 6", "3 reps in reserve"),
        ("3 × 7", "2 reps in reserve"),
        ("3 × 8", "1 rep in reserve"),
        ("2 × 6", "3 reps in reserve"),
    ]
    assert row.doses[4].progression.startswith("Heavier")
    assert squat.warmup_sets_text == "2 warm-up sets first"
    assert squat.rest_seconds == 120  # a loaded leg lift in base
    assert jumps.rest_seconds == 60
    assert plan.weeks[3].summary.startswith("lighter week")
    assert any(note.startswith("Progressive overload") for note in plan.notes)
    assert any(note.startswith("On a day with both, run first") for note in plan.notes)


def test_weekly_table_has_a_row_per_exercise_and_a_column_per_week(library):
    plan = build_plan(answers(weeks=6), library)
    table = plan.table
    assert [week.label for week in table.weeks] == [f"Week {n}" for n in range(1, 7)]
    assert len(table.rows) == sum(len(session.items) for session in plan.sessions)
    for row in table.rows:
        assert len(row.doses) == 6
        assert {dose.exercise for dose in row.doses} == {row.exercise}
