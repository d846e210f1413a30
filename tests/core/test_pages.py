"""core.pages: public pages carry nothing of the visitor, and only they are cached and shared."""

import gzip
import logging

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from newsletter.models import Issue
from tests.exercises.factories import grow_library
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

# Every view marked @public_page, with a URL of it and its query budget when rendered.
PUBLIC_PAGES = {
    "core:home": ("/", 2),
    "core:robots": ("/robots.txt", 0),
    # Twelve sitemaps: each a count and its items, the list pages one lastmod each.
    "core:sitemap": ("/sitemap.xml", 17),
    # The cards' equipment and, for an exercise that needs any one weight, its options.
    "exercises:list": ("/exercises/", 5),
    # A search reads the term list once (what typed words may be corrected to).
    "exercises:list filtered": ("/exercises/?focus=knee&equipment=bodyweight&q=bridge", 6),
    "exercises:list search": ("/exercises/?q=glute+bridges", 6),
    # Nothing found: the count says so (a word may be in the cues alone), no list is read.
    "exercises:list search finding nothing": ("/exercises/?q=xyzzy", 4),
    "exercises:problem": ("/exercises/problems/runners-knee/", 3),
    "exercises:problem-list": ("/exercises/problems/", 2),
    # One query more since issue 19: the weights that can load a bodyweight exercise.
    "exercises:detail": ("/exercises/glute-bridge/", 8),
    "exercises:focus": ("/exercises/focus/knee/", 5),  # and any-one-weight options
    "plans:template-list": ("/plans/templates/", 2),
    "plans:template-detail": ("/plans/templates/core-for-runners/", 6),
    "plans:builder-method": ("/plans/build/how-it-works/", 0),
    "newsletter:issue-list": ("/newsletter/issues/", 2),
    "newsletter:issue": ("/newsletter/issues/1/", 1),  # the issue `a_sent_issue` makes
    "offline:manifest": ("/manifest.webmanifest", 0),
    "offline:offline-page": ("/offline/", 0),
}
HTML_PAGES = [
    page for page in PUBLIC_PAGES if page not in ("core:robots", "core:sitemap", "offline:manifest")
]
HTMX_CSRF_IDIOM = """<div hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'></div>"""


def public_view_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from public_view_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "is_public_page", 0):
            yield f"{namespace}{pattern.name}"


@pytest.fixture(autouse=True)
def a_sent_issue(db):
    Issue.objects.create(pk=1, subject="Week 1", body="Hello.", sent_at=timezone.now())


@pytest.fixture
def no_page_cache(settings):
    """Count what rendering costs, not what the cache saves."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def htmx_csrf_idiom_in_every_page(settings, tmp_path):
    """django-htmx's documented idiom, put where every page has it (the footer)."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "footer.html").write_text(HTMX_CSRF_IDIOM)
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]


def test_every_public_view_is_listed_here():
    names = {page.split(" ")[0] for page in PUBLIC_PAGES}
    assert set(public_view_names()) == names


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_a_public_page_carries_no_csrf_token_and_sets_no_cookie(page):
    url, _budget = PUBLIC_PAGES[page]
    for visit in ("fresh", "from the cache"):
        response = Client().get(url)
        assert response.status_code == 200, visit
        assert not response.cookies, visit
        assert "Set-Cookie" not in response, visit
        assert "csrfmiddlewaretoken" not in response.text, visit
        assert "csrftoken" not in response.text.lower(), visit


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_a_public_page_may_be_kept_by_any_shared_cache(page):
    url, _budget = PUBLIC_PAGES[page]
    response = Client().get(url)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=300"} <= cache_control
    assert {"Cookie", "HX-Request"} <= {part.strip() for part in response["Vary"].split(",")}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_a_repeat_visit_is_served_from_the_cache_without_queries(page):
    url, _budget = PUBLIC_PAGES[page]
    first = Client().get(url)
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)
    assert len(queries) == 0
    assert again.content == first.content


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_page_query_budget_does_not_grow_with_the_library(client, page):
    url, budget = PUBLIC_PAGES[page]
    small = count_queries(client, url)
    grow_library(600)
    large = count_queries(client, url)
    assert small == large
    assert large <= budget


def test_every_visitor_can_sign_up_from_a_cached_page_without_a_token():
    Client().get("/")  # fills the cache
    for number in range(2):
        visitor = Client(enforce_csrf_checks=True)
        assert "newsletter-form" in visitor.get("/").text
        response = visitor.post(
            reverse("newsletter:signup"), {"email": f"reader{number}@example.com", "source": "/"}
        )
        assert response.status_code == 302


def test_signed_in_pages_still_need_their_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(reverse("plans:routine-create"), {"name": "Mine"}).status_code == 403


@pytest.mark.usefixtures("htmx_csrf_idiom_in_every_page")
def test_a_public_page_that_shows_a_csrf_token_is_never_stored_or_shared(caplog):
    first, second = Client(), Client()
    with caplog.at_level(logging.ERROR, logger="core.pages"):
        mine = first.get("/exercises/")
    assert "private" in mine["Cache-Control"]
    assert "public" not in mine["Cache-Control"]
    assert "set the cookies csrftoken" in caplog.text
    theirs = second.get("/exercises/")
    assert theirs.cookies["csrftoken"].value != mine.cookies["csrftoken"].value
    assert mine.cookies["csrftoken"].value not in theirs.text


@pytest.mark.usefixtures("htmx_csrf_idiom_in_every_page")
def test_the_htmx_csrf_idiom_on_a_signed_in_page_never_reaches_another_visitor(user):
    runner = Client()
    runner.force_login(user)
    signed_in = runner.get("/exercises/")
    token = signed_in.text.split('"X-CSRFToken": "')[1].split('"')[0]
    assert "private" in signed_in["Cache-Control"]
    for stranger in (Client(), Client()):
        page = stranger.get("/exercises/")
        assert token not in page.text
        assert "Log out" not in page.text


def test_a_signed_in_visitor_never_gets_the_anonymous_page(client, user):
    client.get("/exercises/")
    client.force_login(user)
    response = client.get("/exercises/")
    assert "Log out" in response.text
    assert "private" in response["Cache-Control"]


def test_a_visitor_with_a_message_waiting_sees_it(client):
    client.get("/")
    response = client.post(
        reverse("newsletter:signup"), {"email": "new@example.com", "source": "/"}, follow=True
    )
    assert "Check your inbox" in response.text


def test_the_query_string_is_part_of_the_key(client):
    everything = client.get("/exercises/").text
    knee = client.get("/exercises/?focus=knee").text
    assert "match your filters" in knee
    assert "match your filters" not in everything
    assert "match your filters" not in client.get("/exercises/").text


def test_a_made_up_query_parameter_gets_the_page_but_fills_no_cache(client):
    response = client.get("/exercises/?utm_source=newsletter&x=1")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        client.get("/exercises/?utm_source=newsletter&x=1")
    assert queries, "rendered again, not kept"
    assert "public" in client.get("/exercises/?focus=knee&page=1")["Cache-Control"]


def test_personal_pages_are_private_and_revalidated(client, user):
    client.force_login(user)
    for url in (reverse("plans:routine-list"), reverse("accounts:profile")):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control, url
        assert "no-cache" in cache_control, url
    assert "no-store" in client.get(reverse("accounts:export"))["Cache-Control"]


def test_a_repeat_request_with_the_validator_gets_304(client):
    etag = client.get("/exercises/glute-bridge/")["ETag"]
    again = client.get("/exercises/glute-bridge/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_the_gzipped_and_plain_copies_have_validators_of_their_own(client):
    url = "/exercises/glute-bridge/"
    plain = client.get(url)["ETag"]
    gzipped = client.get(url, headers={"accept-encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip"
    assert plain != gzipped["ETag"]
    again = client.get(url, headers={"accept-encoding": "gzip", "if-none-match": gzipped["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("page", HTML_PAGES)
def test_every_public_page_is_gzipped_within_budget(client, page):
    url, _ = PUBLIC_PAGES[page]
    for visit in ("fresh", "from the cache"):
        response = client.get(url, headers={"accept-encoding": "gzip"})
        assert response["Content-Encoding"] == "gzip", visit
        assert len(response.content) <= 30_000, visit
        assert b"</html>" in gzip.decompress(response.content), visit
