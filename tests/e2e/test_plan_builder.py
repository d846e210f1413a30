"""The plan builder in a browser: answer, read the plan, log in, save it, download it."""

from playwright.sync_api import expect
from pypdf import PdfReader

from plans.models import Routine
from tests.accounts.factories import PASSWORD, UserFactory


def test_build_save_and_download_a_plan(site_url, page, checks):
    user = UserFactory()
    page.goto(site_url + "/plans/build/")
    checks.audit()
    page.get_by_role("link", name="How the plan is built").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How the plan is built")
    checks.audit()
    page.get_by_role("link", name="Build your plan").click()
    days = page.get_by_role("group", name="Days you run")
    for day in ["Monday", "Wednesday", "Friday", "Sunday"]:
        days.get_by_label(day).check()
    page.get_by_role("group", name="Hard sessions (intervals, tempo)").get_by_label(
        "Wednesday"
    ).check()
    page.get_by_label("Long run").select_option(label="Sunday")
    page.get_by_label("Where you are in the season").select_option(label="Base")
    page.get_by_role("group", name="Equipment you have").get_by_label("Dumbbell").check()
    page.get_by_role("spinbutton", name="Minutes per session").fill("35")
    page.get_by_role("button", name="Build my plan").click()
    expect(page.get_by_role("heading", name="Base phase plan (8 weeks)")).to_be_visible()
    expect(page.get_by_role("heading", name="Week by week")).to_be_visible()
    checks.audit()

    page.get_by_role("link", name="Log in to save this plan").click()
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Base phase plan (8 weeks)")).to_be_visible()
    page.get_by_role("button", name="Save to my routines").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Base phase plan (8 weeks)")
    assert Routine.objects.owned_by(user).get().sessions.count() == 2
    checks.audit()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    text = "\n".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "Base phase plan (8 weeks)" in text
    checks.screenshot("last")
    checks.assert_clean()
