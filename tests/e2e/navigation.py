"""Getting around the site the way a visitor does, on a phone or a desktop."""

import re

from playwright.sync_api import expect


def open_menu(page, viewport):
    """On a phone, open the collapsed main menu and wait until it has finished opening."""
    if viewport == "phone":
        page.get_by_role("button", name="Menu").click()
        expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))


def nav(page):
    return page.get_by_role("navigation", name="Main")
