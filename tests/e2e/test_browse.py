"""Journey 1: from the home page into the library, filter, open an exercise, press play."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise, ExerciseVideo
from tests.e2e.navigation import nav, open_menu

PLAYER = re.compile(r"^https://www\.youtube-nocookie\.com/")


@pytest.fixture
def bridge():
    """The glute bridge, with the form video the library ships for it."""
    exercise = Exercise.objects.get(slug="glute-bridge")
    video = ExerciseVideo.objects.get(exercise=exercise, role="primary")
    return exercise, video


def test_browse_filter_and_play_a_video(site_url, page, checks, viewport, bridge):
    _exercise, video = bridge
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    # Stands in for the player, so that pressing play stays on this machine too (plain
    # text: the page checks judge only the site's own HTML documents).
    page.route(PLAYER, lambda route: route.fulfill(content_type="text/plain", body="Player"))

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
    expect(page.get_by_text("Video: via Muscle & Strength")).to_be_visible()
    checks.audit()
    page.wait_for_load_state("load")
    outside = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == [], "nothing leaves the site before the reader presses play"

    page.get_by_role("link", name=re.compile("Play video")).click()
    frame = page.locator("iframe")
    expect(frame).to_have_count(1)
    expect(frame).to_have_attribute(
        "src", re.compile(rf"^https://www\.youtube-nocookie\.com/embed/{video.video_id}\?")
    )
    expect(page.frame_locator("iframe").get_by_text("Player")).to_be_visible()
    assert any(PLAYER.match(url) for url in requests), "the player loads once play is pressed"
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
        exercise, video = bridge
        page.goto(site_url + exercise.get_absolute_url())
        page.get_by_role("link", name=re.compile("Play video")).click()
        expect(page).to_have_url(f"https://www.youtube.com/watch?v={video.video_id}")
    finally:
        context.close()
