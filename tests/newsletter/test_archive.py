"""The archive: each sent issue's public page, the list of past issues, and the sitemap."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter import services
from newsletter.models import Issue
from newsletter.sitemaps import IssueSitemap
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

ARCHIVE = reverse("newsletter:issue-list")


def sent_issue(**fields):
    issue = IssueFactory(**fields)
    services.start_sending(issue=issue, base_url="https://testserver")
    issue.refresh_from_db()
    return issue


def test_a_sent_issue_has_a_public_page_any_shared_cache_may_keep():
    issue = sent_issue(body="## Hills\n\nRun <script>alert(1)</script>**strong**.")
    for url in (issue.get_absolute_url(), ARCHIVE):
        response = Client().get(url)
        assert response.status_code == 200
        assert {"public", "max-age=300"} <= set(response["Cache-Control"].split(", "))
        assert not response.cookies
    page = Client().get(issue.get_absolute_url()).text
    assert "<h2>Hills</h2>" in page
    assert "<strong>strong</strong>" in page
    assert "alert(1)" not in page


def test_a_draft_or_scheduled_issue_has_no_page_and_is_not_listed():
    draft = IssueFactory(subject="Not yet")
    scheduled = IssueFactory(subject="Not yet either", status=Issue.Status.SCHEDULED)
    for issue in (draft, scheduled):
        assert Client().get(issue.get_absolute_url()).status_code == 404
    assert "Not yet" not in Client().get(ARCHIVE).text


def test_sending_an_issue_puts_it_in_the_cached_archive_at_once(
    django_capture_on_commit_callbacks,
):
    SubscriberFactory()
    assert "No issue has gone out yet" in Client().get(ARCHIVE).text  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        issue = sent_issue(subject="Week 1: hills")
    assert "Week 1: hills" in Client().get(ARCHIVE).text
    assert issue.get_absolute_url() in Client().get(ARCHIVE).text


def test_an_edit_in_the_admin_shows_on_the_cached_page_at_once(
    admin_client, django_capture_on_commit_callbacks
):
    issue = sent_issue(subject="Week 1: hils")
    assert "Week 1: hils" in Client().get(issue.get_absolute_url()).text  # now cached
    assert "Week 1: hils" in Client().get(ARCHIVE).text
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:newsletter_issue_change", args=[issue.pk]),
            {"subject": "Week 1: hills", "preheader": "", "body": issue.body},
        )
    assert "Week 1: hills" in Client().get(issue.get_absolute_url()).text
    assert "Week 1: hills" in Client().get(ARCHIVE).text


def test_the_newsletter_page_links_to_past_issues(client):
    assert ARCHIVE in client.get(reverse("newsletter:signup")).text


def test_the_archive_lists_newest_first_within_its_query_budget(
    client, django_assert_max_num_queries
):
    for week in range(1, 4):
        IssueFactory(subject=f"Week {week}", status=Issue.Status.SENT, sent_at=timezone.now())
    with django_assert_max_num_queries(2):
        page = client.get(ARCHIVE).text
    assert page.index("Week 3") < page.index("Week 2") < page.index("Week 1")


def test_the_sitemap_lists_sent_issues_with_their_sending_time():
    issue = sent_issue()
    IssueFactory()  # a draft
    sitemap = IssueSitemap()
    assert list(sitemap.items()) == [issue]
    assert sitemap.lastmod(issue) == issue.sent_at
    assert sitemap.location(issue) == f"/newsletter/issues/{issue.pk}/"
