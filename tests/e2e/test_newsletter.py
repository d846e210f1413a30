"""Journey 3: sign up from the footer, open the link, one press confirms and the template
downloads by itself, unsubscribe."""

import re

from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Subscriber


def test_newsletter_signup_confirm_download_unsubscribe(site_url, page, checks):
    page.goto(site_url + "/exercises/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_label("Your e-mail").fill("reader@example.com")
    footer.get_by_role("button", name="Send me the template").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    checks.audit()

    message = mail.outbox[-1]
    confirm = re.search(r"http://\S+/newsletter/confirm/\S+/", message.body).group(0)
    page.goto(confirm)
    expect(page.get_by_role("heading", level=1)).to_have_text("One press to confirm")
    checks.audit()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING, "opening confirms nothing"
    with page.expect_download() as download:
        page.get_by_role("button", name="Confirm and download my template").click()
    assert download.value.suggested_filename == "runners-strength-template.pdf"
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, you're subscribed")
    checks.audit()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
    page.goto(unsubscribe)
    checks.audit()
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You're unsubscribed")
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    checks.audit()
    checks.screenshot("last")
    checks.assert_clean()
