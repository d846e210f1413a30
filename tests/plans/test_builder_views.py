import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plans import builder, views
from plans.models import Routine
from plans.selectors import builder_library

pytestmark = pytest.mark.django_db

BUILDER = reverse("plans:builder")
ANSWERS = {
    "running_days": ["0", "2", "4", "6"],
    "hard_days": ["2"],
    "long_run_day": "6",
    "phase": "build",
    "experience": "some",
    "equipment": ["dumbbell"],
    "minutes": "40",
    "sessions_per_week": "2",
    "focus": "knee",
    "weeks": "8",
}


def test_the_builder_asks_its_questions_to_anyone(client):
    response = client.get(BUILDER)
    assert response.status_code == 200
    for label in ["Days you run", "Long run", "Lifting experience", "Minutes per session"]:
        assert label in response.text
    assert "phase plan" not in response.text
    assert (
        response.text.count('type="radio" class="form-check-input"  name="sessions_per_week"') == 3
    )
    assert 'type="select"' not in response.text


def test_answers_give_a_plan_with_week_sessions_table_and_reasons(client):
    response = client.get(BUILDER, ANSWERS)
    plan = builder.build_plan(
        builder.PlanRequest(
            running_days={0, 2, 4, 6},
            hard_days={2},
            long_run_day=6,
            phase="build",
            experience="some",
            equipment={"dumbbell"},
            minutes=40,
            sessions_per_week=2,
            focus="knee",
            weeks=8,
        ),
        builder_library(),
    )
    html = response.text
    assert plan.name in html
    for day in plan.days:
        assert day.reason.replace("'", "&#x27;") in html
    for session in plan.sessions:
        for item in session.items:
            assert item.exercise.name.replace("'", "&#x27;") in html
    assert "Week by week" in html
    assert "Log in to save this plan" in html


def test_impossible_answers_are_explained(client):
    response = client.get(
        BUILDER,
        {**ANSWERS, "running_days": ["0", "2"], "hard_days": ["0", "2", "4"], "long_run_day": "5"},
    )
    assert response.status_code == 200
    assert "more hard days (3) than running days (2)" in response.text
    assert "not one of your running days" in response.text
    assert "Week by week" not in response.text


def test_three_sessions_in_fifteen_minutes_is_refused(client):
    response = client.get(BUILDER, {**ANSWERS, "sessions_per_week": "3", "minutes": "15"})
    assert "Three strength sessions need at least" in response.text


@pytest.mark.parametrize(
    "change", [{"minutes": "5"}, {"weeks": "99"}, {"phase": "winter"}, {"running_days": ["9"]}]
)
def test_out_of_range_answers_are_field_errors(client, change):
    response = client.get(BUILDER, {**ANSWERS, **change})
    assert response.status_code == 200
    assert "is-invalid" in response.text


def test_saving_needs_an_account_and_makes_an_editable_routine(client, user):
    assert client.post(reverse("plans:builder-save"), ANSWERS).status_code == 302
    assert not Routine.objects.owned_by(user).exists()
    client.force_login(user)
    response = client.post(reverse("plans:builder-save"), ANSWERS)
    routine = Routine.objects.owned_by(user).get()
    assert response.url == routine.get_absolute_url()
    assert routine.name == "Build phase plan (8 weeks)"
    assert routine.sessions.count() == 2
    assert client.get(reverse("plans:routine-edit", args=[routine.pk])).status_code == 200


def test_the_plan_pdf_has_every_weeks_dose_in_its_log(client):
    response = client.get(reverse("plans:builder-download"), ANSWERS)
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Build phase plan (8 weeks)" in text
    assert "Week 8" in text
    assert "Week 7" in text


def test_a_bad_pdf_request_is_400(client):
    response = client.get(reverse("plans:builder-download"), {"weeks": "x"})
    assert response.status_code == 400


def test_equal_answers_are_laid_out_as_a_pdf_once(client, django_assert_num_queries):
    first = client.get(reverse("plans:builder-download"), ANSWERS)
    reordered = {**ANSWERS, "running_days": list(reversed(ANSWERS["running_days"]))}

    with django_assert_num_queries(1):  # the form's equipment choices; no plan is built
        again = client.get(reverse("plans:builder-download"), reordered)

    assert again.content == first.content
    assert again["Content-Type"] == "application/pdf"


def test_plan_pdfs_are_limited_per_client(client):
    download = reverse("plans:builder-download")
    for _ in range(views.PLAN_DOWNLOADS_PER_IP_PER_MINUTE):
        assert client.get(download, ANSWERS, REMOTE_ADDR="198.51.100.4").status_code == 200

    refused = client.get(download, ANSWERS, REMOTE_ADDR="198.51.100.4")

    assert refused.status_code == 429
    assert "Too many attempts" in refused.text
    assert client.get(download, ANSWERS, REMOTE_ADDR="198.51.100.5").status_code == 200


def test_a_taper_without_a_race_date_asks_for_it_next_to_the_field(client):
    response = client.get(BUILDER, {**ANSWERS, "phase": "taper"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "give your race date" in " ".join(form.errors["race_date"])
    assert "phase plan" not in response.text


def test_a_race_date_in_the_past_is_refused_by_the_field(client):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.get(BUILDER, {**ANSWERS, "race_date": yesterday.isoformat()})
    assert "today or in the past" in " ".join(response.context["form"].errors["race_date"])


def test_a_race_date_runs_the_plan_to_race_week_and_says_what_the_taper_does(client):
    race = timezone.localdate() + timedelta(days=10)
    response = client.get(BUILDER, {**ANSWERS, "phase": "taper", "race_date": race.isoformat()})
    plan = response.context["plan"]
    assert plan is not None
    assert plan.name == f"Taper phase plan ({len(plan.weeks)} weeks)"
    assert len(plan.weeks) == plan.request.plan_weeks
    assert {week.kind for week in plan.weeks} == {builder.WeekKind.TAPER}
    assert "leave out all lower-body strength work" in response.text
    assert 'name="race_date"' in response.text


def test_the_builder_links_to_how_the_plan_is_built_with_its_sources(client):
    builder = client.get(reverse("plans:builder")).text
    method = reverse("plans:builder-method")
    assert f'href="{method}"' in builder
    page = client.get(method)
    assert page.status_code == 200
    assert "How the plan is built" in page.text
    for source in ("Blagrove", "Beattie", "Rønnestad", "Bosquet", "Mujika", "Doma"):
        assert source in page.text
    assert "Where good sources disagree" in page.text
