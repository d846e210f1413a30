"""The same journeys with the keyboard alone: skip link, filters, play, and reordering a routine."""

import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from plans import services
from plans.models import Routine
from tests.accounts.factories import UserFactory

FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    name: (el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText)
           || el.innerText || el.value || '').trim().replace(/\\s+/g, ' '),
    id: el.id,
    isControl: el !== document.body && el.id !== 'main',
    visibleFocus: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.width > 0 && box.height > 0,
  };
}"""


def tab_to(page, name, limit=200):
    """Press Tab until the focused control is called `name`; focus must show every step."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["isControl"]:
            assert state["visibleFocus"], f"focus is not visible on {state['name']!r}"
            assert state["onScreen"], f"focus went to a hidden control {state['name']!r}"
        if state["isControl"] and re.sub(r"^\W+", "", state["name"]).startswith(name):
            return state
    raise AssertionError(f"could not reach {name!r} with the Tab key")


def test_browse_with_the_keyboard_alone(site_url, page, checks):
    page.goto(site_url + "/")

    state = tab_to(page, "Skip to main content", limit=1)
    assert state["visibleFocus"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", "the skip link moves focus"

    tab_to(page, "Knee")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Knee exercises for runners")
    tab_to(page, "Filter these further")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exercise library")
    tab_to(page, "Filter exercises")
    page.keyboard.press("Enter")
    tab_to(page, "None (bodyweight)")
    page.keyboard.press("Space")
    tab_to(page, "Show exercises")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"focus=knee.*equipment=bodyweight"))

    tab_to(page, "Glute bridge")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Glute bridge")
    # The heading shows before the deferred player script has run; until it
    # does, play is a plain link to the video's host. On loopback that gap is
    # milliseconds, too short for a person but not for the test (it flaked in
    # CI); on a slow connection it is about one round trip.
    page.wait_for_load_state("load")
    tab_to(page, "Play video")
    page.keyboard.press("Enter")
    expect(page.locator("iframe")).to_have_count(1)
    checks.audit()
    checks.screenshot("last")
    checks.assert_clean()


def test_reorder_a_routine_with_the_keyboard(site_url, page, checks):
    user = UserFactory()
    template = Routine.objects.templates().get(slug="runners-strength-template")
    routine = services.copy_routine(source=template, owner=user)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_url,
            }
        ]
    )
    page.goto(f"{site_url}/plans/{routine.pk}/edit/")
    session_a = page.get_by_role("region", name="Session A")
    names = session_a.locator("li.item strong")
    expect(names.first).to_contain_text("Pogo hops")  # the jumps open the session
    expect(names.nth(1)).to_contain_text("Goblet squat")

    state = tab_to(page, "Move Goblet squat down")
    page.keyboard.press("Enter")
    expect(names.nth(2)).to_contain_text("Goblet squat")
    expect(page.locator("#editor-status")).to_contain_text("Moved Goblet squat down.")
    assert page.evaluate("document.activeElement.id") == state["id"], "focus stays on the control"
    page.keyboard.press("Enter")
    expect(names.nth(3)).to_contain_text("Goblet squat")
    checks.audit()
    checks.screenshot("last")
    checks.assert_clean()
