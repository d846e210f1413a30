"""Journey 1: from the home page into the library, filter, open an exercise, press play."""

import re

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise
from tests.e2e.navigation import nav, open_menu
from tests.exercises.factories import ExerciseVideoFactory


@pytest.fixture
def bridge():
    """The glute bridge, with a form video."""
    exercise = Exercise.objects.get(slug="glute-bridge")
    ExerciseVideoFactory(
        exercise=exercise, url="https://youtu.be/dQw4w9WgXcQ", video_id="dQw4w9WgXcQ"
    )
    return exercise


@pytest.mark.usefixtures("bridge")
def test_browse_filter_and_play_a_video(site_url, page, checks, viewport):
    host_requests = []
    page.on(
        "request",
        lambda r: host_requests.append(r.url) if re.search(r"youtube|vimeo", r.url) else None,
    )

    page.goto(site_url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get stronger, run better")
    checks.audit()

    open_menu(page, viewport)
    nav(page).get_by_role("link", name="Exercises").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exercise library")
    checks.audit()

    page.get_by_text("Filter exercises").click()
    page.get_by_role("group", name="Body area").get_by_label("Knee").check()
    page.get_by_role("group", name="Equipment").get_by_label("None (bodyweight)").check()
    page.get_by_role("button", name="Show exercises").click()
    expect(page).to_have_url(re.compile(r"focus=knee.*equipment=bodyweight"))
    expected = Exercise.objects.filtered(focus=["knee"], equipment=["bodyweight"]).count()
    expect(page.get_by_role("status")).to_contain_text(f"{expected} exercises")
    checks.audit()

    page.get_by_role("link", name="Glute bridge", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glute bridge")
    expect(page.locator("iframe")).to_have_count(0)
    checks.audit()
    assert host_requests == [], "nothing is loaded from the video host before play"

    page.get_by_role("link", name=re.compile("Play video")).click()
    frame = page.locator("iframe")
    expect(frame).to_have_count(1)
    expect(frame).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ")
    )
    checks.screenshot("last")
    checks.assert_clean()


def test_without_the_player_script_play_still_takes_you_to_the_video(site_url, browser, bridge):
    context = browser.new_context(java_script_enabled=False)
    try:
        # Stands in for the video host: nothing leaves the machine.
        context.route(
            re.compile(r"^https://www\.youtube\.com/"),
            lambda route: route.fulfill(content_type="text/html", body="<title>The video</title>"),
        )
        page = context.new_page()
        page.goto(site_url + bridge.get_absolute_url())
        page.get_by_role("link", name=re.compile("Play video")).click()
        expect(page).to_have_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    finally:
        context.close()
