"""At the gym on a phone, with the keyboard alone: start a session from a routine, log
every set in one key press, run the rest and hold timers, finish, and read the log."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.accounts.factories import UserFactory
from tests.e2e.test_keyboard import tab_to
from tests.plans.factories import routine_with
from workouts.models import LoggedSet

HOLD = 10  # seconds; the test drives the page's clock, so nothing waits for the timers


def log_in(page, site_url, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site_url}]
    )


def focused(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label')")


@pytest.mark.parametrize("viewport", ["phone"])
def test_log_a_whole_session_with_the_timers_by_keyboard(site_url, page, checks):
    user = UserFactory()
    routine = routine_with(user, "goblet-squat", "side-plank")
    session = routine.sessions.get()
    session.items.filter(exercise__slug="goblet-squat").update(sets=2, rest_seconds=60)
    session.items.filter(exercise__slug="side-plank").update(
        sets=1, reps_min=None, reps_max=None, hold_seconds=HOLD, per_side=True, load_kind=""
    )
    log_in(page, site_url, user)
    page.clock.install()
    page.goto(f"{site_url}/plans/{routine.pk}/")

    tab_to(page, "Start this session")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{routine.name}: Session A")
    page.wait_for_load_state("load")
    timer = page.locator("#timer")
    announce = page.locator("[data-timer-announce]")

    tab_to(page, "Done: Goblet squat, set 1")
    page.keyboard.press("Enter")
    expect(page.locator(".set-slot.is-logged")).to_have_count(1)
    expect(timer).to_be_visible()
    expect(announce).to_have_text("Rest 60 seconds.")
    checks.audit()  # with the timer showing
    assert focused(page).startswith("Done: Goblet squat, set 2"), "on to the next set"
    page.clock.run_for(60_000)
    expect(announce).to_have_text("Rest over. Next set.")
    expect(timer).to_be_hidden()

    page.keyboard.press("Enter")
    expect(page.locator(".set-slot.is-logged")).to_have_count(2)
    tab_to(page, "Stop timer")
    page.keyboard.press("Enter")
    expect(timer).to_be_hidden()

    tab_to(page, "Start the hold timer for Side plank")
    page.keyboard.press("Enter")
    expect(announce).to_have_text("Get ready: Side plank in 5 seconds.")
    # The page's clock runs on by itself too: each check holds for a whole phase.
    page.clock.run_for(5_000)
    expect(page.locator("#timer-title")).to_have_text("Hold, left side")
    page.clock.run_for(HOLD * 1000)
    expect(page.locator("#timer-title")).to_have_text("Switch sides")
    page.clock.run_for(5_000)
    expect(page.locator("#timer-title")).to_have_text("Hold, right side")
    page.clock.run_for(HOLD * 1000)
    expect(announce).to_have_text("Done. Log your Side plank set.")
    expect(timer).to_be_hidden()

    tab_to(page, "Done: Side plank, set 1, left")
    page.keyboard.press("Enter")
    expect(page.locator(".set-slot.is-logged")).to_have_count(3)
    assert focused(page).startswith("Done: Side plank, set 1, right")
    page.keyboard.press("Enter")
    expect(page.locator(".set-slot.is-logged")).to_have_count(4)
    checks.audit()

    tab_to(page, "1: awful")  # a radio group is one tab stop; the arrows choose within it
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.get_by_label("4: good")).to_be_checked()
    tab_to(page, "Finish the workout")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My log")
    summary = page.get_by_text(re.compile(r"2 exercises, 4 sets logged · felt 4 good"))
    expect(summary).to_be_visible()
    checks.audit()

    assert sorted(LoggedSet.objects.values_list("side", "reps", "hold_seconds")) == [
        ("", 10, None),
        ("", 10, None),
        ("left", None, HOLD),
        ("right", None, HOLD),
    ]
    checks.screenshot("last")
    checks.assert_clean()
