import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from plans.loads import LB, to_kg
from tests.plans.factories import routine_with
from tests.workouts.factories import LoggedSetFactory, WorkoutExerciseFactory, WorkoutFactory
from workouts.models import LoggedSet, Workout

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def workout(owner_client, user):
    """A workout started the way a runner starts one: the button on the routine page."""
    routine = routine_with(user, "goblet-squat", "side-plank")
    session = routine.sessions.get()
    session.items.filter(exercise__slug="side-plank").update(per_side=True)
    page = owner_client.get(reverse("plans:routine-detail", args=[routine.pk]))
    assert reverse("workouts:workout-start", args=[session.pk]) in page.text
    response = owner_client.post(reverse("workouts:workout-start", args=[session.pk]))
    workout = Workout.objects.get()
    assert response.url == workout.get_absolute_url()
    return workout


def set_form(html, entry, number, side="both"):
    """The fields of one set's form on the page, as the browser would send them."""
    slot = html.split(f'id="set-{entry.pk}-{number}-{side}"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="(?:hidden|number)" name="(\w+)" value="([^"]*)"', slot))
    fields["csrfmiddlewaretoken"] = "ignored-by-the-test-client"
    selected = re.search(r'name="side"[^>]*>.*?<option value="(\w*)" selected', slot, re.S)
    if selected:
        fields["side"] = selected[1]
    return fields


def log_url(entry):
    return reverse("workouts:log-set", args=[entry.workout_id, entry.pk])


def test_the_page_lists_every_planned_set_prefilled_without_javascript(owner_client, workout):
    squat, plank = workout.exercises.all()
    page = owner_client.get(workout.get_absolute_url()).text
    assert "Goblet squat" in page
    assert "planned 8–10 reps · 16 kg" in page
    assert set_form(page, squat, 1) | {"csrfmiddlewaretoken": ""} == {
        "set_id": set_form(page, squat, 1)["set_id"],
        "number": "1",
        "side": "",
        "reps": "10",
        "load": "16",
        "csrfmiddlewaretoken": "",
    }
    assert set_form(page, plank, 2, "right")["hold_seconds"] == str(plank.hold_seconds)
    ids = re.findall(r'name="set_id" value="([0-9a-f-]{36})"', page)
    assert len(ids) == len(set(ids)) == 3 + 2 * plank.sets, "a fresh id for every set"


def test_done_as_planned_sent_twice_saves_exactly_one_set(owner_client, workout):
    squat = workout.exercises.first()
    data = set_form(owner_client.get(workout.get_absolute_url()).text, squat, 1)
    first = owner_client.post(log_url(squat), data)
    second = owner_client.post(log_url(squat), data)
    assert first.status_code == second.status_code == 302
    logged = LoggedSet.objects.get()
    assert (logged.number, logged.reps, logged.load_kg) == (1, 10, Decimal("16.000"))
    page = owner_client.get(workout.get_absolute_url()).text
    assert "✓</span> 10 reps · 16 kg" in page
    assert set_form(page, squat, 1)["set_id"] == data["set_id"], "the saved set keeps its id"


def test_done_by_htmx_twice_saves_one_set_and_returns_the_set(owner_client, workout):
    squat = workout.exercises.first()
    data = set_form(owner_client.get(workout.get_absolute_url()).text, squat, 2)
    for _ in range(2):
        response = owner_client.post(log_url(squat), data, headers=HTMX)
        assert response.status_code == 200
        assert response.text.lstrip().startswith('<li class="set-slot')
        assert "Saved set 2 of Goblet squat." in response.text
    assert LoggedSet.objects.count() == 1


def test_adjusting_a_set_saves_what_was_done(owner_client, workout, user):
    user.weight_unit = LB
    user.save()
    cache.clear()  # the signed-in user's cached row goes when the change commits
    squat = workout.exercises.first()
    data = set_form(owner_client.get(workout.get_absolute_url()).text, squat, 3)
    assert data["load"] == "35.3", "16 kg shown in pounds"
    owner_client.post(log_url(squat), {**data, "reps": 7, "load": "40", "reps_in_reserve": 0})
    logged = LoggedSet.objects.get()
    assert (logged.reps, logged.load_kg, logged.reps_in_reserve) == (7, to_kg(Decimal(40), LB), 0)
    assert "7 reps · 40 lb · 0 in reserve" in owner_client.get(workout.get_absolute_url()).text


def test_a_per_side_hold_logs_each_side(owner_client, workout):
    plank = workout.exercises.last()
    page = owner_client.get(workout.get_absolute_url()).text
    for side in ("left", "right"):
        owner_client.post(log_url(plank), {**set_form(page, plank, 1, side), "hold_seconds": 25})
    assert sorted(LoggedSet.objects.values_list("side", "hold_seconds")) == [
        ("left", 25),
        ("right", 25),
    ]


def test_bad_input_shows_a_message_next_to_the_field(owner_client, workout):
    squat = workout.exercises.first()
    data = set_form(owner_client.get(workout.get_absolute_url()).text, squat, 1)
    response = owner_client.post(log_url(squat), {**data, "reps": "", "load": "-3"})
    assert response.status_code == 400
    assert "Say how many you did (0 if none)." in response.text
    assert "Ensure this value is greater than or equal to 0." in response.text
    assert not LoggedSet.objects.exists()
    tampered = owner_client.post(log_url(squat), {**data, "set_id": "not-a-uuid"})
    assert tampered.status_code == 400


def test_finishing_saves_the_note_and_the_feeling(owner_client, workout):
    response = owner_client.post(
        reverse("workouts:workout-finish", args=[workout.pk]),
        {"feeling": "4", "note": "Legs heavy after Sunday's long run"},
    )
    assert response.url == reverse("workouts:workout-list")
    workout.refresh_from_db()
    assert (workout.is_open, workout.feeling) == (False, 4)
    page = owner_client.get(reverse("workouts:workout-list")).text
    assert "felt 4 good" in page
    detail = owner_client.get(workout.get_absolute_url()).text
    assert "Legs heavy after Sunday" in detail
    assert "Done<" not in detail


def test_a_workout_left_open_is_closed_when_the_runner_opens_the_log(owner_client, user):
    stale = WorkoutFactory(owner=user, started=timezone.now() - timedelta(days=2))
    LoggedSetFactory(workout_exercise__workout=stale)
    page = owner_client.get(reverse("workouts:workout-list")).text
    stale.refresh_from_db()
    assert stale.closed_automatically
    assert "in progress" not in page
    assert "1 exercise, 1 set logged" in page


def test_the_exercise_history_shows_the_best_sets_in_a_table_and_a_chart(owner_client, user):
    for days, load in ((14, "20"), (7, "22.5"), (0, "25")):
        entry = WorkoutExerciseFactory(
            workout__owner=user, workout__started=timezone.now() - timedelta(days=days)
        )
        LoggedSetFactory(workout_exercise=entry, number=1, reps=8, load_kg=Decimal(load))
        LoggedSetFactory(workout_exercise=entry, number=2, reps=10, load_kg=Decimal("20"))
    page = owner_client.get(reverse("workouts:exercise-history", args=["goblet-squat"])).text
    assert page.count("<td>25 kg × 8</td>") == 1
    assert "<td>22.5 kg × 8</td>" in page
    assert 'role="img"' in page
    assert '<title id="chart-title">' in page
    assert page.count("<circle") == 3
    assert "style=" not in page


def test_history_of_an_exercise_never_logged_is_a_404(owner_client):
    response = owner_client.get(reverse("workouts:exercise-history", args=["goblet-squat"]))
    assert response.status_code == 404


def grow_log(user, count):
    for _ in range(count):
        entry = WorkoutExerciseFactory(workout__owner=user)
        LoggedSetFactory(workout_exercise=entry)


@pytest.mark.parametrize("count", [1, 200])
def test_the_log_and_history_pages_cost_the_same_queries_however_long_the_log(
    owner_client, user, django_assert_num_queries, count
):
    grow_log(user, count)
    workout = Workout.objects.filter(owner=user).first()
    owner_client.get(reverse("workouts:workout-list"))  # the session is cached from here on
    # One of each is the signed-in user's row.
    with django_assert_num_queries(4):
        history = owner_client.get(reverse("workouts:workout-list"))
    assert history.text.count('<li class="list-group-item">') == min(count, 20)
    assert ("Page 1 of 10" in history.text) == (count == 200)
    with django_assert_num_queries(4):
        assert owner_client.get(workout.get_absolute_url()).status_code == 200
    with django_assert_num_queries(5):
        url = reverse("workouts:exercise-history", args=["goblet-squat"])
        assert owner_client.get(url).status_code == 200


def test_another_runner_gets_404_on_every_log_url(client, workout, other_user):
    entry = workout.exercises.first()
    LoggedSetFactory(workout_exercise=entry)
    client.force_login(other_user)
    for url in (
        workout.get_absolute_url(),
        reverse("workouts:exercise-history", args=["goblet-squat"]),
    ):
        assert client.get(url).status_code == 404, url
    writes = {
        log_url(entry): {"set_id": "6f1c2f1e-0d1a-4c8e-9a59-0cbbd2bcb0a1", "number": 1},
        reverse("workouts:workout-finish", args=[workout.pk]): {"feeling": 1},
        reverse("workouts:workout-start", args=[workout.routine_session_id]): {},
    }
    for url, data in writes.items():
        assert client.post(url, {**data, "reps": 1}).status_code == 404, url
    assert LoggedSet.objects.count() == 1
    assert Workout.objects.count() == 1
    assert Workout.objects.get().is_open
