"""Starter templates, the balance check, limits and the two download formats."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl import load_workbook
from pypdf import PdfReader

from plans import services
from plans.balance import check_balance
from plans.exports import LOG_WEEKS, XLSX_HEADER_ROW, describe, pdf_text, render_pdf, render_xlsx
from plans.models import MAX_ITEMS_PER_SESSION, MAX_SESSIONS_PER_ROUTINE, Routine
from tests.plans.factories import RoutineFactory, routine_with

pytestmark = pytest.mark.django_db

KEY_PATTERNS = {"squat", "hinge", "lunge", "push", "pull", "core"}
TEMPLATES = {
    "runners-strength-template": "Runner's strength template",
    "runners-knee-routine": "Runner's knee routine",
    "hip-and-glute-strength": "Hip and glute strength",
    "core-for-runners": "Core for runners",
    "pre-run-warm-up": "Pre-run warm-up",
    "bodyweight-at-home": "Bodyweight at home",
}


def template(slug):
    return Routine.objects.templates().with_contents().get(slug=slug)


def exercises_of(routine):
    return [item.exercise for s in routine.sessions.all() for item in s.items.all()]


def test_every_starter_template_is_shipped():
    assert dict(Routine.objects.templates().values_list("slug", "name")) == TEMPLATES


def test_strength_template_is_two_full_body_sessions_with_single_leg_work():
    routine = template("runners-strength-template")
    assert routine.sessions_per_week == 2
    sessions = list(routine.sessions.all())
    assert len(sessions) == 2
    for session in sessions:
        assert any(item.exercise.unilateral for item in session.items.all()), session.name
    balance = check_balance(routine)
    assert all(row.weekly_sets > 0 for row in balance.patterns)
    assert balance.gaps == []


def test_warm_up_template_is_warm_up_drills_only():
    assert {e.kind for e in exercises_of(template("pre-run-warm-up"))} == {"warmup"}


def test_bodyweight_template_needs_no_equipment_and_covers_the_key_patterns():
    routine = template("bodyweight-at-home")
    assert not any(e.equipment.exists() for e in exercises_of(routine))
    assert not [row for row in check_balance(routine).patterns if row.is_gap]


def test_balance_names_a_missing_pull_and_links_to_fill_it(user):
    routine = routine_with(
        user, "goblet-squat", "romanian-deadlift", "reverse-lunge", "push-up", "plank"
    )
    balance = check_balance(Routine.objects.with_contents().get(pk=routine.pk))
    gaps = {row.key: row for row in balance.gaps}
    assert "pull" in gaps
    assert gaps["pull"].fill_url == "/exercises/?pattern=pull"
    assert not KEY_PATTERNS - {"pull"} & set(gaps)


def test_balance_counts_weekly_sets_per_session_done(user):
    one_session_twice = routine_with(user, "goblet-squat", sessions=1, sessions_per_week=2)
    two_sessions_twice = routine_with(user, "goblet-squat", sessions=2, sessions_per_week=2)
    for routine in (one_session_twice, two_sessions_twice):
        balance = check_balance(Routine.objects.with_contents().get(pk=routine.pk))
        squat = next(row for row in balance.patterns if row.key == "squat")
        assert squat.weekly_sets == 6, "3 sets, each session once or twice a week"


def test_warm_up_drills_do_not_count_as_strength(user):
    routine = routine_with(user, "a-skip", "high-knees")
    balance = check_balance(Routine.objects.with_contents().get(pk=routine.pk))
    assert len(balance.gaps) == len(balance.patterns) + len(balance.muscles)


def test_limits_are_clear_errors(user):
    routine = services.create_routine(owner=user, name="Full")
    for _ in range(MAX_SESSIONS_PER_ROUTINE - 1):
        services.add_session(routine=routine)
    with pytest.raises(ValidationError, match="at most 7 sessions"):
        services.add_session(routine=routine)
    session = routine.sessions.first()
    exercise = template("core-for-runners").sessions.first().items.first().exercise
    for _ in range(MAX_ITEMS_PER_SESSION):
        services.add_item(session=session, exercise=exercise)
    with pytest.raises(ValidationError, match="at most 30 exercises"):
        services.add_item(session=session, exercise=exercise)


def test_at_most_200_routines_per_user(user):
    Routine.objects.bulk_create(Routine(owner=user, name=f"R{n}") for n in range(200))
    with pytest.raises(ValidationError, match="200 routines"):
        services.create_routine(owner=user, name="One too many")
    with pytest.raises(ValidationError, match="200 routines"):
        services.copy_routine(source=template("core-for-runners"), owner=user)


def test_new_session_names_follow_the_alphabet(user):
    routine = services.create_routine(owner=user, name="Letters")
    assert services.add_session(routine=routine).name == "Session B"


def test_added_item_starts_with_the_exercise_default_dose(user):
    routine = services.create_routine(owner=user, name="Dose")
    from exercises.models import Exercise

    plank = Exercise.objects.get(slug="plank")
    item = services.add_item(session=routine.sessions.get(), exercise=plank)
    assert (item.sets, item.hold_seconds, item.reps_min) == (plank.sets, plank.hold_seconds, None)
    assert item.load_text() == "Bodyweight"


def test_copying_a_template_copies_everything_and_leaves_the_template_alone(user):
    source = template("runners-strength-template")
    copy = Routine.objects.with_contents().get(
        pk=services.copy_routine(source=source, owner=user).pk
    )
    assert copy.owner == user
    assert not copy.is_template
    assert describe(copy) == describe(source)
    assert Routine.objects.templates().count() == len(TEMPLATES)


def test_pdf_opens_with_every_exercise_and_a_six_week_log():
    routine = template("runners-strength-template")
    reader = PdfReader(io.BytesIO(render_pdf(describe(routine))))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 3
    assert "Runner's strength template" in text
    for exercise in exercises_of(routine):
        assert exercise.name in text, exercise.name
    for week in range(1, LOG_WEEKS + 1):
        assert f"Week {week}" in text


def test_xlsx_reads_back_as_the_routine():
    routine = template("runners-strength-template")
    sheet = load_workbook(io.BytesIO(render_xlsx(describe(routine))))["Routine"]
    rows = list(sheet.iter_rows(min_row=XLSX_HEADER_ROW + 1, values_only=True))
    header, body = rows[0], rows[1:]
    assert header[-LOG_WEEKS:] == tuple(f"Week {w}" for w in range(1, LOG_WEEKS + 1))
    expected = [
        (session.name, item.exercise.name, item.sets, item.reps_text or f"{item.hold_seconds} s")
        for session in routine.sessions.all()
        for item in session.items.all()
    ]
    assert [row[:4] for row in body] == expected
    assert all(cell is None for row in body for cell in row[-LOG_WEEKS:])


def test_pdf_prints_names_in_any_european_script_and_marks_what_it_cannot_draw(user):
    routine = RoutineFactory(
        owner=user,
        name="Siła – Émile\u2019s plan",
        notes="Силовая «лёгкая» • Δύναμη …\r\nweek two 💪 日本",
    )
    text = PdfReader(io.BytesIO(render_pdf(describe(routine)))).pages[0].extract_text()
    assert "Siła – Émile\u2019s plan" in text
    assert "Силовая «лёгкая» • Δύναμη …" in text
    assert "week two ? ??" in text


def test_pdf_text_keeps_line_breaks_and_replaces_only_what_the_font_lacks():
    assert pdf_text("3 × 8–10\r\nhold\ttall\rslow") == "3 × 8–10\nhold tall\nslow"
    assert pdf_text("\x00🏃中") == "???"


def test_the_newsletter_gift_is_the_shipped_strength_template():
    assert [r.slug for r in Routine.objects.newsletter_gift()] == ["runners-strength-template"]


def test_at_most_one_template_is_the_newsletter_gift():
    second = Routine.objects.templates().get(slug="runners-knee-routine")
    second.is_newsletter_gift = True
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_only_a_starter_template_can_be_the_newsletter_gift(user):
    Routine.objects.newsletter_gift().update(is_newsletter_gift=False)
    own = RoutineFactory(owner=user)
    own.is_newsletter_gift = True
    with pytest.raises(IntegrityError), transaction.atomic():
        own.save()
    assert not Routine.objects.newsletter_gift().exists()
