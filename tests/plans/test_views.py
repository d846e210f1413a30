import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from exercises.models import Exercise
from plans.models import Routine, RoutineItem, Session
from tests.exercises.factories import grow_library
from tests.plans.factories import RoutineFactory, RoutineItemFactory, SessionFactory, routine_with
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def routine(user):
    routine = RoutineFactory(owner=user, name="Tuesday strength")
    session = SessionFactory(routine=routine, name="Session A", order=0)
    for order, slug in enumerate(["goblet-squat", "single-leg-deadlift", "push-up"]):
        RoutineItemFactory(session=session, order=order, exercise=Exercise.objects.get(slug=slug))
    return routine


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


def names_in(session):
    return list(session.items.order_by("order").values_list("exercise__name", flat=True))


def endpoints(routine):
    """Every URL that touches one routine, with the method it takes."""
    session = routine.sessions.first()
    item = session.items.first()
    pk = routine.pk
    return [
        ("get", reverse("plans:routine-detail", args=[pk]), {}),
        ("get", reverse("plans:routine-edit", args=[pk]), {}),
        (
            "post",
            reverse("plans:routine-edit", args=[pk]),
            {"name": "Hijacked", "focus": "core", "sessions_per_week": 2},
        ),
        ("get", reverse("plans:routine-delete", args=[pk]), {}),
        ("post", reverse("plans:routine-delete", args=[pk]), {}),
        ("post", reverse("plans:routine-duplicate", args=[pk]), {}),
        ("get", reverse("plans:routine-download-pdf", args=[pk]), {}),
        ("get", reverse("plans:routine-download-xlsx", args=[pk]), {}),
        ("post", reverse("plans:session-add", args=[pk]), {}),
        ("post", reverse("plans:session-update", args=[pk, session.pk]), {"name": "Mine now"}),
        ("post", reverse("plans:session-delete", args=[pk, session.pk]), {}),
        ("post", reverse("plans:session-move", args=[pk, session.pk]), {"direction": "down"}),
        ("get", reverse("plans:item-add", args=[pk, session.pk]), {}),
        ("post", reverse("plans:item-add", args=[pk, session.pk]), {"exercise": item.exercise_id}),
        ("post", reverse("plans:item-update", args=[pk, item.pk]), {"sets": 9, "reps": "1"}),
        ("post", reverse("plans:item-delete", args=[pk, item.pk]), {}),
        ("post", reverse("plans:item-move", args=[pk, item.pk]), {"direction": "down"}),
    ]


def snapshot(routine):
    return (
        list(Routine.objects.filter(pk=routine.pk).values()),
        list(Session.objects.filter(routine=routine).values()),
        list(RoutineItem.objects.filter(session__routine=routine).values()),
        Routine.objects.count(),
    )


def test_another_users_routine_is_404_everywhere_and_nothing_changes(client, routine, other_user):
    client.force_login(other_user)
    before = snapshot(routine)
    for method, url, data in endpoints(routine):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
        assert getattr(client, method)(url, data, **HTMX).status_code == 404, (method, url)
    assert snapshot(routine) == before


def test_a_session_of_another_users_routine_is_404_in_my_routine_url(
    owner_client, routine, other_user
):
    theirs = SessionFactory(routine=RoutineFactory(owner=other_user))
    item = RoutineItemFactory(session=theirs)
    for url in [
        reverse("plans:session-update", args=[routine.pk, theirs.pk]),
        reverse("plans:item-add", args=[routine.pk, theirs.pk]),
        reverse("plans:item-delete", args=[routine.pk, item.pk]),
    ]:
        assert owner_client.post(url, {"name": "x", "exercise": 1}).status_code == 404
    assert RoutineItem.objects.filter(pk=item.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, routine):
    for method, url, data in endpoints(routine):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login"))


def test_changes_need_post(owner_client, routine):
    session = routine.sessions.first()
    for url in [
        reverse("plans:routine-duplicate", args=[routine.pk]),
        reverse("plans:session-add", args=[routine.pk]),
        reverse("plans:session-delete", args=[routine.pk, session.pk]),
        reverse("plans:item-delete", args=[routine.pk, session.items.first().pk]),
    ]:
        assert owner_client.get(url).status_code == 405


def test_my_routines_newest_first_with_an_empty_state(owner_client, user):
    response = owner_client.get(reverse("plans:routine-list"))
    assert "No routines yet" in response.text
    assert reverse("plans:template-list") in response.text
    RoutineFactory(owner=user, name="Older")
    RoutineFactory(owner=user, name="Newer")
    RoutineFactory(name="Someone else's")
    html = owner_client.get(reverse("plans:routine-list")).text
    assert html.index("Newer") < html.index("Older")
    assert "Someone else" not in html


def test_create_a_routine_then_edit_it(owner_client, user):
    response = owner_client.post(
        reverse("plans:routine-create"),
        {"name": "Winter block", "focus": "knee", "sessions_per_week": 2, "notes": ""},
    )
    routine = Routine.objects.get(owner=user)
    assert response.url == reverse("plans:routine-edit", args=[routine.pk])
    assert list(routine.sessions.values_list("name", flat=True)) == ["Session A"]
    owner_client.post(
        reverse("plans:routine-edit", args=[routine.pk]),
        {"name": "Spring block", "focus": "core", "sessions_per_week": 3, "notes": "Hills"},
    )
    routine.refresh_from_db()
    assert (routine.name, routine.focus, routine.sessions_per_week) == ("Spring block", "core", 3)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "This field is required."),
        ({"name": "", "focus": "knee", "sessions_per_week": 2}, "This field is required."),
        ({"name": "x", "focus": "elbow", "sessions_per_week": 2}, "Select a valid choice."),
        ({"name": "x", "focus": "knee", "sessions_per_week": 9}, "less than or equal to 7"),
        ({"name": "x", "focus": "knee", "sessions_per_week": "two"}, "Enter a whole number."),
    ],
)
def test_bad_routine_details_are_field_errors(owner_client, user, data, message):
    response = owner_client.post(reverse("plans:routine-create"), data)
    assert response.status_code == 200
    assert message in response.text
    assert not Routine.objects.filter(owner=user).exists()


def test_delete_asks_first_then_deletes(owner_client, routine):
    page = owner_client.get(reverse("plans:routine-delete", args=[routine.pk]))
    assert "cannot be undone" in page.text
    response = owner_client.post(reverse("plans:routine-delete", args=[routine.pk]))
    assert response.url == reverse("plans:routine-list")
    assert not Routine.objects.filter(pk=routine.pk).exists()


def test_duplicate_makes_a_full_copy(owner_client, routine, user):
    owner_client.post(reverse("plans:routine-duplicate", args=[routine.pk]))
    copy = Routine.objects.get(owner=user, name="Copy of Tuesday strength")
    assert names_in(copy.sessions.get()) == names_in(routine.sessions.get())


def test_add_from_the_picker_without_javascript(owner_client, routine):
    session = routine.sessions.get()
    picker = owner_client.get(
        reverse("plans:item-add", args=[routine.pk, session.pk]), {"q": "pull"}
    )
    assert 'Add<span class="visually-hidden"> Pull-up to Session A' in picker.text
    pull_up = Exercise.objects.get(slug="pull-up")
    response = owner_client.post(
        reverse("plans:item-add", args=[routine.pk, session.pk]), {"exercise": pull_up.pk}
    )
    assert response.status_code == 302
    assert names_in(session)[-1] == "Pull-up"
    item = session.items.get(exercise=pull_up)
    assert (item.sets, item.reps_min, item.reps_max) == (
        pull_up.sets,
        pull_up.reps_min,
        pull_up.reps_max,
    )


def test_add_with_htmx_returns_the_editor_fragment(owner_client, routine):
    session = routine.sessions.get()
    url = reverse("plans:item-add", args=[routine.pk, session.pk])
    results = owner_client.get(url, {"q": "plank"}, **HTMX)
    assert "<html" not in results.text
    assert "Side plank" in results.text
    response = owner_client.post(url, {"exercise": Exercise.objects.get(slug="plank").pk}, **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="editor">')
    assert "Added Plank to Session A." in response.text
    assert "Balance check" in response.text


@pytest.mark.parametrize("value", ["999999", "abc", "", "-1"])
def test_adding_an_exercise_that_does_not_exist_is_an_error_not_500(owner_client, routine, value):
    session = routine.sessions.get()
    url = reverse("plans:item-add", args=[routine.pk, session.pk])
    for extra in ({}, HTMX):
        response = owner_client.post(url, {"exercise": value}, **extra)
        assert response.status_code == 200
        assert "That exercise is not in the library." in response.text
    assert session.items.count() == 3


def test_add_from_an_exercise_page(owner_client, routine):
    session = routine.sessions.get()
    page = owner_client.get(reverse("exercises:detail", args=["clamshell"]))
    add_url = reverse("plans:add-from-library", args=["clamshell"])
    assert add_url in page.text
    form = owner_client.get(add_url)
    assert "Tuesday strength: Session A" in form.text
    owner_client.post(add_url, {"session": session.pk})
    assert names_in(session)[-1] == "Clamshell"


def test_add_from_an_exercise_page_can_start_a_routine(owner_client, user):
    response = owner_client.post(
        reverse("plans:add-from-library", args=["plank"]), {"new_routine": "1"}
    )
    routine = Routine.objects.get(owner=user)
    assert response.url == reverse("plans:routine-edit", args=[routine.pk])
    assert names_in(routine.sessions.get()) == ["Plank"]


def test_add_from_an_exercise_page_without_a_choice_says_what_is_missing(owner_client, routine):
    before = names_in(routine.sessions.get())
    response = owner_client.post(reverse("plans:add-from-library", args=["plank"]), {})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert names_in(routine.sessions.get()) == before


def test_add_from_an_exercise_page_rejects_someone_elses_session(owner_client, other_user):
    theirs = SessionFactory(routine=RoutineFactory(owner=other_user))
    response = owner_client.post(
        reverse("plans:add-from-library", args=["plank"]), {"session": theirs.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not theirs.items.exists()


@pytest.mark.parametrize("extra", [{}, HTMX], ids=["plain", "htmx"])
def test_reorder_items(owner_client, routine, extra):
    session = routine.sessions.get()
    last = session.items.order_by("order").last()
    url = reverse("plans:item-move", args=[routine.pk, last.pk])
    owner_client.post(url, {"direction": "up"}, **extra)
    assert names_in(session) == ["Goblet squat", "Push-up", "Single-leg deadlift"]
    owner_client.post(url, {"direction": "up"}, **extra)
    owner_client.post(url, {"direction": "up"}, **extra)
    assert names_in(session) == ["Push-up", "Goblet squat", "Single-leg deadlift"]


@pytest.mark.parametrize("extra", [{}, HTMX], ids=["plain", "htmx"])
def test_remove_item(owner_client, routine, extra):
    session = routine.sessions.get()
    middle = session.items.order_by("order")[1]
    response = owner_client.post(
        reverse("plans:item-delete", args=[routine.pk, middle.pk]), **extra
    )
    assert names_in(session) == ["Goblet squat", "Push-up"]
    assert list(session.items.order_by("order").values_list("order", flat=True)) == [0, 1]
    if extra:
        assert "Removed Single-leg deadlift." in response.text
    else:
        assert response.status_code == 302


def test_sessions_add_rename_reorder_remove(owner_client, routine):
    owner_client.post(reverse("plans:session-add", args=[routine.pk]))
    second = routine.sessions.get(name="Session B")
    owner_client.post(
        reverse("plans:session-update", args=[routine.pk, second.pk]), {"name": "Hills day"}
    )
    owner_client.post(
        reverse("plans:session-move", args=[routine.pk, second.pk]), {"direction": "up"}, **HTMX
    )
    assert list(routine.sessions.values_list("name", flat=True)) == ["Hills day", "Session A"]
    owner_client.post(reverse("plans:session-delete", args=[routine.pk, second.pk]))
    assert list(routine.sessions.values_list("name", flat=True)) == ["Session A"]


def test_the_eighth_session_is_refused_with_a_message(owner_client, routine):
    for _ in range(6):
        owner_client.post(reverse("plans:session-add", args=[routine.pk]))
    response = owner_client.post(reverse("plans:session-add", args=[routine.pk]), **HTMX)
    assert "A routine can have at most 7 sessions." in response.text
    assert routine.sessions.count() == 7


def test_update_a_dose(owner_client, routine):
    item = routine.sessions.get().items.order_by("order").first()
    data = {
        "sets": 4,
        "reps": "6-8",
        "hold_seconds": "",
        "load": "2 × 16 kg",
        "rest_seconds": 120,
        "notes": "Pause at the bottom",
    }
    owner_client.post(reverse("plans:item-update", args=[routine.pk, item.pk]), data)
    item.refresh_from_db()
    assert (item.sets, item.reps_min, item.reps_max) == (4, 6, 8)
    assert (item.load_kind, item.load_note) == ("", "2 × 16 kg"), "kept as a note"
    owner_client.post(
        reverse("plans:item-update", args=[routine.pk, item.pk]),
        {**data, "reps": "", "hold_seconds": 45},
    )
    item.refresh_from_db()
    assert (item.reps_min, item.hold_seconds) == (None, 45)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sets": -1}, "greater than or equal to 1"),
        ({"sets": 11}, "less than or equal to 10"),
        ({"reps": "101"}, "between 1 and 100"),
        ({"reps": "12-8"}, "smaller number first"),
        ({"reps": "lots"}, "Write reps as a number"),
        ({"reps": "", "hold_seconds": 2}, "greater than or equal to 5"),
        ({"reps": "", "hold_seconds": 601}, "less than or equal to 600"),
        ({"reps": "8", "hold_seconds": 30}, "not both"),
        ({"reps": ""}, "Give either reps or a hold time."),
        ({"rest_seconds": 601}, "less than or equal to 600"),
        ({"rest_seconds": -5}, "greater than or equal to 0"),
        ({"load": "x" * 61}, "at most 60 characters"),
    ],
)
@pytest.mark.parametrize("extra", [{}, HTMX], ids=["plain", "htmx"])
def test_bad_doses_are_field_errors_and_nothing_is_saved(
    owner_client, routine, change, message, extra
):
    item = routine.sessions.get().items.order_by("order").first()
    before = RoutineItem.objects.filter(pk=item.pk).values().get()
    data = {"sets": 3, "reps": "8", "hold_seconds": "", "load": "", "rest_seconds": 60, "notes": ""}
    response = owner_client.post(
        reverse("plans:item-update", args=[routine.pk, item.pk]), {**data, **change}, **extra
    )
    assert response.status_code == 200
    assert message in response.text
    assert RoutineItem.objects.filter(pk=item.pk).values().get() == before


def test_routine_page_shows_sessions_balance_and_downloads(owner_client, routine):
    html = owner_client.get(reverse("plans:routine-detail", args=[routine.pk])).text
    assert "Goblet squat" in html
    assert "Balance check" in html
    assert 'Upper-body pull: <a href="/exercises/?pattern=pull">' in html
    assert reverse("plans:routine-download-pdf", args=[routine.pk]) in html
    assert "<style" not in html
    assert "style=" not in html


def test_routine_downloads_open(owner_client, routine):
    pdf = owner_client.get(reverse("plans:routine-download-pdf", args=[routine.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="tuesday-strength.pdf"' in pdf["Content-Disposition"]
    assert "Single-leg deadlift" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    xlsx = owner_client.get(reverse("plans:routine-download-xlsx", args=[routine.pk]))
    rows = list(load_workbook(io.BytesIO(xlsx.content))["Routine"].iter_rows(values_only=True))
    assert [row[1] for row in rows[4:]] == ["Goblet squat", "Single-leg deadlift", "Push-up"]


def test_templates_are_public_and_downloadable(client):
    listing = client.get(reverse("plans:template-list"))
    assert "Runner&#x27;s strength template" in listing.text
    page = client.get(reverse("plans:template-detail", args=["pre-run-warm-up"]))
    assert page.status_code == 200
    assert "A-skip" in page.text
    for name in ("plans:template-download-pdf", "plans:template-download-xlsx"):
        response = client.get(reverse(name, args=["bodyweight-at-home"]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
    assert client.get(reverse("plans:template-detail", args=["nope"])).status_code == 404


def test_copying_a_template_asks_to_log_in_then_comes_back(client, user):
    copy_url = reverse("plans:template-copy", args=["core-for-runners"])
    response = client.post(copy_url)
    assert response.status_code == 302
    login_url = response.url
    assert login_url.startswith(reverse("account_login"))
    from tests.accounts.factories import PASSWORD

    back = client.post(login_url, {"login": user.email, "password": PASSWORD})
    assert back.url == copy_url
    assert "Save a copy to my routines" in client.get(copy_url).text
    response = client.post(copy_url)
    copy = Routine.objects.get(owner=user)
    assert copy.name == "Core for runners"
    assert response.url == reverse("plans:routine-edit", args=[copy.pk])


def test_a_routine_id_is_not_a_template_slug(owner_client, routine):
    assert owner_client.get(f"/plans/templates/{routine.pk}/").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "plans:routine-detail",
        "plans:routine-edit",
        "plans:routine-download-pdf",
        "plans:routine-download-xlsx",
    ],
)
def test_routine_page_and_downloads_query_budget_is_fixed(owner_client, user, name):
    small = RoutineFactory(owner=user)
    RoutineItemFactory(session=SessionFactory(routine=small))
    large = RoutineFactory(owner=user)
    exercises = list(Exercise.objects.all()[:30])
    for _ in range(2):
        session = SessionFactory(routine=large)
        for exercise in exercises:
            RoutineItemFactory(session=session, exercise=exercise)
    grow_library(600)
    one = count_queries(owner_client, reverse(name, args=[small.pk]))
    sixty = count_queries(owner_client, reverse(name, args=[large.pk]))
    assert one == sixty
    assert sixty <= 9  # the 9th: the exercises' equipment, for each session's time estimate


def test_routine_page_prints_the_start_and_end_of_each_exercise(client, user):
    routine = routine_with(user, "glute-bridge")
    client.force_login(user)
    html = client.get(routine.get_absolute_url()).text
    figures = re.search(r'<span class="print-figures">(.*?)</span>', html).group(1)
    assert 'alt="Glute bridge, bottom:' in figures
    assert 'alt="Glute bridge, top:' in figures


@pytest.mark.parametrize("extension", ["pdf", "xlsx"])
def test_a_routine_download_is_never_kept_by_any_cache(owner_client, routine, extension):
    response = owner_client.get(reverse(f"plans:routine-download-{extension}", args=[routine.pk]))
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
