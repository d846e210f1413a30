"""The calendar feed: valid iCalendar for two independent parsers, stable UIDs, 404s."""

from datetime import UTC, date, datetime, time

import icalendar
import pytest
import vobject
from django.urls import reverse

from accounts import services as account_services
from core.http import site_url
from plans import services
from plans.forms import ItemForm
from plans.models import Routine, Session
from tests.plans.factories import routine_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner(user):
    user.time_zone = "Europe/Berlin"
    user.save()
    account_services.rotate_calendar_token(user=user)
    return user


@pytest.fixture
def routine(runner):
    routine = routine_with(runner, "goblet-squat", "push-up", "side-plank", sessions=2)
    for weekday, session in zip((1, 4), routine.sessions.order_by("order"), strict=True):
        session.weekday = weekday
        session.save()
    Routine.objects.filter(pk=routine.pk).update(
        session_time=time(7, 30), starts_on=date(2026, 3, 2)
    )
    return routine


def feed(client, user):
    response = client.get(reverse("plans:calendar-feed", args=[user.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def events(content):
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


def test_feed_parses_with_icalendar_and_vobject(client, runner, routine):
    content = feed(client, runner)
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["PRODID"] == "-//Runner Strength//Strength sessions//EN"
    assert calendar["VERSION"] == "2.0"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    parsed = vobject.readOne(content.decode())
    vevents = parsed.vevent_list
    assert len(vevents) == 2
    for vevent in vevents:
        assert vevent.dtstamp.value
        assert vevent.rrule.value == "FREQ=WEEKLY"
        assert vevent.dtstart.value.tzinfo is not None
    assert {v.summary.value for v in vevents} == {"Strength: Session A", "Strength: Session B"}
    # RFC 5545 line folding: no content line longer than 75 octets.
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))


def test_sessions_start_on_their_weekday_at_the_routine_time_in_the_runners_zone(
    client, runner, routine
):
    starts = sorted(event.decoded("DTSTART") for event in events(feed(client, runner)))
    assert [(start.date(), start.time()) for start in starts] == [
        (date(2026, 3, 3), time(7, 30)),  # Tuesday
        (date(2026, 3, 6), time(7, 30)),  # Friday
    ]
    assert all(str(start.tzinfo) == "Europe/Berlin" for start in starts)


def test_feed_names_every_exercise_with_its_dose_and_an_absolute_link(client, runner, routine):
    content = feed(client, runner)
    found = {str(event["SUMMARY"]): str(event["DESCRIPTION"]) for event in events(content)}
    for session in routine.sessions.order_by("order"):
        description = found[f"Strength: {session.name}"]
        for item in session.items.all():
            assert f"- {item.exercise.name}: {item.dose}" in description
            assert site_url(item.exercise.get_absolute_url()) in description
    descriptions = list(found.values())
    # The second parser reads the escaped text back the same way.
    parsed = vobject.readOne(content.decode())
    assert {v.description.value for v in parsed.vevent_list} == set(descriptions)


def test_uids_are_the_same_on_two_fetches_and_after_an_edit(client, runner, routine):
    first = {str(e["UID"]) for e in events(feed(client, runner))}
    session = routine.sessions.order_by("order").first()
    session.name = "Legs"
    session.save()
    Routine.objects.filter(pk=routine.pk).update(session_time=time(19, 0))
    second = {str(e["UID"]) for e in events(feed(client, runner))}
    assert first == second
    assert all(uid.endswith("@testserver") for uid in first)


def test_a_changed_dose_moves_the_events_last_modified_so_calendars_update(client, runner, routine):
    Routine.objects.filter(pk=routine.pk).update(updated=datetime(2026, 1, 5, tzinfo=UTC))
    before = {str(e["UID"]): e.decoded("LAST-MODIFIED") for e in events(feed(client, runner))}
    item = routine.sessions.order_by("order").first().items.first()
    form = ItemForm({"sets": 5, "reps": "6-8", "rest_seconds": 90}, instance=item)
    assert form.is_valid(), form.errors
    services.save_changes(form=form)
    after = {str(e["UID"]): e.decoded("LAST-MODIFIED") for e in events(feed(client, runner))}
    assert after.keys() == before.keys()
    assert all(after[uid] > before[uid] for uid in before)
    assert "5 × 6–8" in feed(client, runner).decode()


def test_uid_changes_only_for_a_session_that_is_replaced(client, runner, routine):
    before = {str(e["UID"]) for e in events(feed(client, runner))}
    gone = routine.sessions.order_by("order").last()
    services.remove(obj=gone)
    Session.objects.create(routine=routine, name="Session B", order=1, weekday=4)
    after = {str(e["UID"]) for e in events(feed(client, runner))}
    assert len(before & after) == 1  # Session A kept its UID
    assert len(after - before) == 1  # the new session has a new one


def test_a_saved_plan_is_one_event_per_week_with_stable_dated_uids(client, runner, routine):
    Routine.objects.filter(pk=routine.pk).update(weeks=8)
    found = events(feed(client, runner))
    assert len(found) == 16
    assert not any("RRULE" in event for event in found)
    uids = {str(event["UID"]) for event in found}
    assert len(uids) == 16
    assert uids == {str(event["UID"]) for event in events(feed(client, runner))}
    assert any("(week 8 of 8)" in str(event["DESCRIPTION"]) for event in found)


def test_sessions_without_a_day_and_routines_left_out_are_not_in_the_feed(client, runner, routine):
    other = routine_with(runner, "glute-bridge")
    assert not any(str(other.pk) in str(e["UID"]) for e in events(feed(client, runner)))
    Routine.objects.filter(pk=routine.pk).update(in_calendar=False)
    assert events(feed(client, runner)) == []


def test_revoked_and_rotated_tokens_give_404(client, runner, routine):
    old = runner.calendar_token
    account_services.rotate_calendar_token(user=runner)
    assert client.get(reverse("plans:calendar-feed", args=[old])).status_code == 404
    feed(client, runner)
    token = runner.calendar_token
    account_services.revoke_calendar_token(user=runner)
    assert client.get(reverse("plans:calendar-feed", args=[token])).status_code == 404


def test_feed_of_another_runner_shows_only_their_routines(client, runner, routine, other_user):
    account_services.rotate_calendar_token(user=other_user)
    assert events(feed(client, other_user)) == []


def test_feed_query_count_is_fixed(client, runner, routine, django_assert_max_num_queries):
    routine_with(runner, "glute-bridge", "push-up", sessions=2)
    with django_assert_max_num_queries(5):
        feed(client, runner)


def test_one_off_download_is_an_attachment_with_the_feeds_uids(client, runner, routine):
    client.force_login(runner)
    response = client.get(reverse("plans:routine-calendar", args=[routine.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    download = {str(e["UID"]) for e in events(response.content)}
    assert download == {str(e["UID"]) for e in events(feed(client, runner))}


def test_profile_makes_rotates_and_switches_off_the_feed(client, user):
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Make my calendar feed" in page
    client.post(reverse("accounts:calendar-rotate"))
    user.refresh_from_db()
    first = user.calendar_token
    assert len(first) >= 40
    page = client.get(reverse("accounts:profile")).content.decode()
    assert f"webcal://testserver/plans/calendar/{first}.ics" in page
    client.post(reverse("accounts:calendar-rotate"))
    user.refresh_from_db()
    assert user.calendar_token not in (None, first)
    client.post(reverse("accounts:calendar-revoke"))
    user.refresh_from_db()
    assert user.calendar_token is None


def test_profile_refuses_an_unknown_time_zone(client, user):
    client.force_login(user)
    data = {"display_name": "", "weight_unit": "kg", "time_zone": "Mars/Olympus"}
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    data["time_zone"] = "America/New_York"
    client.post(reverse("accounts:profile"), data)
    user.refresh_from_db()
    assert user.time_zone == "America/New_York"


def test_a_saved_plan_keeps_the_builders_days_and_weeks(user):
    from plans import builder
    from plans.selectors import builder_library

    request = builder.PlanRequest(
        running_days=[0, 1, 3, 5, 6],
        hard_days=[1, 3],
        long_run_day=6,
        phase="base",
        experience="some",
        weeks=8,
    )
    plan = builder.build_plan(request, builder_library())
    routine = services.save_plan(plan=plan, owner=user)
    assert routine.weeks == 8
    assert list(routine.sessions.values_list("weekday", flat=True)) == [
        session.weekday for session in plan.sessions
    ]


def test_feed_and_download_are_in_the_data_export_and_go_with_the_account(client, runner):
    client.force_login(runner)
    data = client.get(reverse("accounts:export")).json()
    assert data["account"]["time_zone"] == "Europe/Berlin"
    assert data["calendar_feed"]["https"].endswith(f"/plans/calendar/{runner.calendar_token}.ics")
    assert data["calendar_feed"]["webcal"].startswith("webcal://")
