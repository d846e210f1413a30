"""What search engines and link previews read: sitemap, robots, canonical, OG, JSON-LD."""

import json
from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from core.http import site_url
from core.templatetags.seo import json_ld_text
from exercises.models import Exercise, FocusArea, MovementPattern, Problem
from newsletter.models import Issue
from plans.models import Routine, RoutineShare
from tests.plans.factories import routine_with

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class Head(HTMLParser):
    """The canonical link, the meta properties and every JSON-LD block of a page."""

    def __init__(self):
        super().__init__()
        self.canonical, self.meta, self.json_ld, self._in_ld = [], {}, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_ld = False


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def sitemap_entries(client):
    response = client.get(reverse("core:sitemap"))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own page, in a test)
    return {
        url.find("s:loc", SITEMAP_NS).text: getattr(url.find("s:lastmod", SITEMAP_NS), "text", None)
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_exercise_with_lastmod(client):
    entries = sitemap_entries(client)
    for exercise in Exercise.objects.all():
        url = site_url(exercise.get_absolute_url())
        assert url in entries, exercise.slug
        assert entries[url] == exercise.updated.date().isoformat()


def test_sitemap_lists_focus_pattern_problem_and_template_pages(client):
    entries = sitemap_entries(client)
    expected = [
        *(site_url(focus.get_absolute_url()) for focus in FocusArea.objects.all()),
        *(site_url(problem.get_absolute_url()) for problem in Problem.objects.all()),
        *(
            site_url(f"{reverse('exercises:list')}?pattern={pattern.slug}")
            for pattern in MovementPattern.objects.filter(exercises__isnull=False).distinct()
        ),
        *(site_url(template.get_absolute_url()) for template in Routine.objects.templates()),
        site_url(reverse("plans:template-list")),
        site_url(reverse("exercises:problem-list")),
        site_url(reverse("core:home")),
    ]
    missing = [url for url in expected if url not in entries]
    assert not missing
    assert all(entries[url] for url in expected)
    assert site_url(reverse("plans:builder-method")) in entries  # no lastmod: changes by release


def test_sitemap_names_no_personal_url(client, user):
    routine = routine_with(user, "goblet-squat")
    share = RoutineShare.objects.create(routine=routine)
    entries = sitemap_entries(client)
    assert all(url.startswith("https://testserver/") for url in entries)
    for url in entries:
        path = url.removeprefix("https://testserver")
        assert not path.startswith(("/accounts/", "/log/", "/admin/", "/newsletter/confirm"))
        assert not path.startswith("/plans/") or path.startswith(
            ("/plans/templates/", "/plans/build/how-it-works/")
        )
    assert share.token not in "".join(entries)


def test_sitemap_uses_site_url_not_the_host_header(client, settings):
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    response = client.get(reverse("core:sitemap"), headers={"host": "evil.example"})
    assert b"evil.example" not in response.content


def test_robots_points_to_the_sitemap_by_absolute_url(client):
    text = client.get(reverse("core:robots")).content.decode()
    assert "Sitemap: https://testserver/sitemap.xml" in text.splitlines()


PAGES = {
    "home": (reverse("core:home"), "WebSite"),
    "library": (reverse("exercises:list"), "CollectionPage"),
    "exercise": (reverse("exercises:detail", args=["goblet-squat"]), "HowTo"),
    "focus": (reverse("exercises:focus", args=["knee"]), "CollectionPage"),
    "problems": (reverse("exercises:problem-list"), "CollectionPage"),
    "problem": (reverse("exercises:problem", args=["runners-knee"]), "CollectionPage"),
    "templates": (reverse("plans:template-list"), "CollectionPage"),
    "template": (
        reverse("plans:template-detail", args=["runners-strength-template"]),
        "ExercisePlan",
    ),
    "builder": (reverse("plans:builder"), "WebPage"),
    "how the plan is built": (reverse("plans:builder-method"), "WebPage"),
    "newsletter archive": (reverse("newsletter:issue-list"), "CollectionPage"),
    "newsletter issue": (reverse("newsletter:issue", args=[1]), "Article"),
}


@pytest.fixture(autouse=True)
def a_sent_issue(db):
    return Issue.objects.create(
        pk=1,
        subject="Week 1: calves",
        preheader="Why soleus",
        body="Hello.",
        sent_at=timezone.now(),
    )


def test_sitemap_lists_the_newsletter_archive_and_each_sent_issue_not_a_draft(client, a_sent_issue):
    draft = Issue.objects.create(subject="Draft", body="Not yet.")
    entries = sitemap_entries(client)
    assert entries[site_url(reverse("newsletter:issue-list"))]
    assert (
        entries[site_url(a_sent_issue.get_absolute_url())]
        == a_sent_issue.sent_at.date().isoformat()
    )
    assert site_url(draft.get_absolute_url()) not in entries


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_type_has_canonical_open_graph_and_valid_json_ld(client, page):
    url, schema_type = PAGES[page]
    found = head(client, url)
    assert found.canonical == [site_url(url)]
    assert found.meta["og:url"] == site_url(url)
    assert found.meta["og:title"]
    assert found.meta["og:description"]
    # A large card where there is a picture to show: the exercise's drawn figure.
    assert found.meta["twitter:card"] == (
        "summary_large_image" if page == "exercise" else "summary"
    )
    [data] = found.json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == schema_type
    assert data["url"] == site_url(url)
    assert data["name"]


def test_exercise_json_ld_is_a_howto_with_a_step_per_cue(client):
    exercise = Exercise.objects.get(slug="goblet-squat")
    [data] = head(client, exercise.get_absolute_url()).json_ld
    assert [step["text"] for step in data["step"]] == exercise.cue_list
    assert {step["@type"] for step in data["step"]} == {"HowToStep"}
    assert [step["position"] for step in data["step"]] == list(range(1, len(exercise.cue_list) + 1))


def test_exercise_page_open_graph_names_the_exercise(client):
    exercise = Exercise.objects.get(slug="goblet-squat")
    found = head(client, exercise.get_absolute_url())
    assert found.meta["og:title"] == exercise.name
    assert found.meta["og:description"] == exercise.summary
    assert found.meta["og:type"] == "article"


def test_template_json_ld_is_an_exercise_plan_with_its_sessions(client):
    template = Routine.objects.templates().with_contents().get(slug="runners-strength-template")
    [data] = head(client, template.get_absolute_url()).json_ld
    assert data["name"] == template.name
    assert [part["name"] for part in data["hasPart"]] == [s.name for s in template.sessions.all()]


@pytest.mark.parametrize(
    "query",
    [
        "?page=2",
        "?q=squat",
        "?utm_source=newsletter",
        "?focus=knee&level=beginner&page=1",
        "?pattern=squat&level=beginner",
        "?pattern=squat&pattern=hinge",
        "?pattern=no-such-pattern",
    ],
)
def test_filtered_paginated_and_unknown_library_urls_point_to_the_clean_library(client, query):
    found = head(client, reverse("exercises:list") + query)
    assert found.canonical == [site_url(reverse("exercises:list"))]


@pytest.mark.parametrize("extra", ["", "&page=2", "&utm_source=x"])
def test_a_movement_pattern_page_is_its_own_canonical(client, extra):
    pattern = MovementPattern.objects.filter(exercises__isnull=False).first()
    found = head(client, f"{reverse('exercises:list')}?pattern={pattern.slug}{extra}")
    assert found.canonical == [site_url(f"{reverse('exercises:list')}?pattern={pattern.slug}")]


def test_unknown_parameters_never_change_a_detail_pages_canonical(client):
    url = reverse("exercises:focus", args=["knee"])
    assert head(client, url + "?page=2&ref=abc").canonical == [site_url(url)]


def test_json_ld_cannot_close_its_script_element():
    text = json_ld_text({"name": "</script><script>alert(1)</script> & more"})
    for character in "<>&":
        assert character not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & more"


def test_shared_routine_is_noindex_with_a_preview_naming_it(client, user):
    routine = routine_with(user, "goblet-squat")
    share = RoutineShare.objects.create(routine=routine)
    found = head(client, share.get_absolute_url())
    assert found.meta["robots"] == "noindex, nofollow"
    assert found.meta["og:title"] == routine.name


def test_a_movement_pattern_page_has_its_own_title(client):
    pattern = MovementPattern.objects.filter(exercises__isnull=False).first()
    found = head(client, f"{reverse('exercises:list')}?pattern={pattern.slug}")
    assert found.meta["og:title"] == f"{pattern.name} exercises for runners"
    assert found.json_ld[0]["name"] == f"{pattern.name} exercises for runners"


def test_robots_txt_lets_crawlers_fetch_every_url_the_sitemap_lists(client):
    robots = RobotFileParser()
    robots.parse(client.get(reverse("core:robots")).text.splitlines())
    entries = sitemap_entries(client)
    assert entries
    blocked = [url for url in entries if not robots.can_fetch("*", url)]
    assert not blocked
    assert not robots.can_fetch("*", site_url(reverse("plans:routine-list")))
