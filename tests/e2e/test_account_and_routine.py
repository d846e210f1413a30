"""Journey 2: sign up, verify, log in, copy a template, make it yours, download it, log out."""

import re

from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.accounts.factories import PASSWORD, UserFactory
from tests.e2e.navigation import nav, open_menu

EMAIL = "pat.runner@example.com"


def heading(page):
    return page.get_by_role("heading", level=1)


def weekly_sets(page, label):
    text = page.locator(".balance li", has_text=f"{label}:").text_content()
    return float(re.search(r"([\d.]+) sets a week", text).group(1))


def log_in(page, email, password):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_account_and_routine(site_url, page, checks, viewport):
    page.goto(site_url + "/")
    open_menu(page, viewport)
    nav(page).get_by_role("link", name="Sign up").click()
    expect(heading(page)).to_have_text("Sign Up")
    checks.audit()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_role("textbox", name="Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(heading(page)).to_contain_text("Verify")
    checks.audit()

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    checks.audit()
    page.get_by_role("button", name="Confirm").click()
    log_in(page, EMAIL, PASSWORD)
    expect(heading(page)).to_have_text("My routines")
    checks.audit()

    open_menu(page, viewport)
    nav(page).get_by_role("link", name="Templates").click()
    expect(heading(page)).to_have_text("Starter templates")
    checks.audit()
    page.get_by_role("link", name="Runner's strength template").click()
    expect(heading(page)).to_have_text("Runner's strength template")
    checks.audit()
    page.get_by_role("button", name="Save a copy to my routines").click()
    expect(heading(page)).to_have_text("Edit “Runner's strength template”")
    checks.audit()

    page.get_by_text("Name, focus and sessions a week").click()
    page.get_by_role("textbox", name="Routine name").fill("My spring strength")
    page.get_by_role("button", name="Save details").click()
    expect(heading(page)).to_have_text("Edit “My spring strength”")

    adductors_before = weekly_sets(page, "Adductors")
    session_a = page.get_by_role("region", name="Session A")
    session_a.get_by_label("Find an exercise").fill("copenhagen")
    session_a.get_by_role("button", name="Find exercises for Session A").click()
    page.get_by_role("button", name="Add Copenhagen plank to Session A").click()
    expect(page.locator("#editor-status")).to_contain_text("Added Copenhagen plank to Session A.")
    expect(session_a.get_by_role("button", name="Remove Copenhagen plank")).to_be_visible()
    assert weekly_sets(page, "Adductors") > adductors_before, "the balance check updates"
    checks.audit()

    page.goto(site_url + "/exercises/clamshell/")
    page.get_by_role("link", name="Add to my routine").click()
    expect(heading(page)).to_have_text("Add Clamshell to a routine")
    checks.audit()
    page.get_by_label("Add it to").select_option(label="My spring strength: Session B")
    page.get_by_role("button", name="Add to this session").click()
    session_b = page.get_by_role("region", name="Session B")
    items_b = session_b.locator("li.item strong")
    expect(items_b.last).to_contain_text("Clamshell")

    count = items_b.count()
    session_b.get_by_role("button", name="Move Clamshell up").click()
    expect(items_b.nth(count - 2)).to_contain_text("Clamshell")
    expect(items_b.last).not_to_contain_text("Clamshell")
    checks.audit()

    page.get_by_role("link", name="View, print or download the routine").click()
    expect(heading(page)).to_have_text("My spring strength")
    checks.audit()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    pdf = PdfReader(download.value.path())
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "My spring strength" in text
    assert "Copenhagen plank" in text
    assert "Clamshell" in text
    routine_url = page.url

    open_menu(page, viewport)
    nav(page).get_by_role("button", name="Log out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")

    other = UserFactory()
    page.goto(site_url + "/accounts/login/")
    log_in(page, other.email, PASSWORD)
    checks.expect_error_page(routine_url)
    page.goto(routine_url)
    expect(heading(page)).to_have_text("Page not found")
    checks.audit()
    checks.screenshot("last")
    checks.assert_clean()
