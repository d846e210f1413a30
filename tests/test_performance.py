"""What keeps the site fast: query budgets, the page cache, conditional GET and
compressed responses. The speed itself is measured by `make bench`, not here."""

import gzip
import io
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from config import pagecache
from exercises.models import Exercise
from plans import services
from plans.models import Routine
from tests.exercises.factories import grow_library
from tests.plans.factories import RoutineFactory, RoutineItemFactory, SessionFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PUBLIC_PAGES = {
    "home": ("/", 2),
    "library": ("/exercises/", 4),
    # A search reads the term list once (what typed words may be corrected to).
    "filtered library": ("/exercises/?focus=knee&equipment=bodyweight&q=bridge", 5),
    "search": ("/exercises/?q=glute+bridges", 5),
    "search finding nothing": ("/exercises/?q=xyzzy", 3),
    "problem page": ("/exercises/problems/runners-knee/", 3),
    "exercise page": ("/exercises/glute-bridge/", 7),
    "focus page": ("/exercises/focus/knee/", 4),
    "templates": ("/plans/templates/", 2),
    "template page": ("/plans/templates/core-for-runners/", 6),
}


def content_version():
    return pagecache.fetch("unused", (pagecache.CONTENT,))[1]


def count_queries(client, url, status=200):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == status
    return len(queries)


@pytest.fixture
def no_page_cache(settings):
    """Count what rendering costs, not what the cache saves."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change's on-commit callbacks (the cache's retirement) as its commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_page_query_budget_does_not_grow_with_the_library(client, page):
    url, budget = PUBLIC_PAGES[page]
    small = count_queries(client, url)
    grow_library(600)
    large = count_queries(client, url)
    assert small == large
    assert large <= budget


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize(
    "name",
    [
        "plans:routine-detail",
        "plans:routine-edit",
        "plans:routine-download-pdf",
        "plans:routine-download-xlsx",
    ],
)
def test_routine_page_and_downloads_query_budget_is_fixed(owner_client, user, name):
    small = RoutineFactory(owner=user)
    RoutineItemFactory(session=SessionFactory(routine=small))
    large = RoutineFactory(owner=user)
    exercises = list(Exercise.objects.all()[:30])
    for _ in range(2):
        session = SessionFactory(routine=large)
        for exercise in exercises:
            RoutineItemFactory(session=session, exercise=exercise)
    grow_library(600)
    one = count_queries(owner_client, reverse(name, args=[small.pk]))
    sixty = count_queries(owner_client, reverse(name, args=[large.pk]))
    assert one == sixty
    assert sixty <= 8


@pytest.mark.usefixtures("no_page_cache")
def test_the_library_page_fetches_no_text_a_card_does_not_show(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("exercises:list"))
    assert "Goblet squat" in page.text
    selects = [q["sql"] for q in queries if '"exercises_exercise"."name"' in q["sql"]]
    assert selects
    for column in ("cues", "mistakes", "why", "aliases"):
        assert all(f'"exercises_exercise"."{column}"' not in sql for sql in selects), column


def test_postgresql_sessions_run_without_the_jit_compiler():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.fixture
def owner_client(client, user):
    client.force_login(user)
    return client


# -- the page cache for visitors who are not signed in ------------------------


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_a_repeat_visit_is_served_from_the_cache_without_queries(client, page):
    url, _ = PUBLIC_PAGES[page]
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)
    assert len(queries) == 0
    assert TOKEN.sub("", again.text) == TOKEN.sub("", first.text)


def test_every_visitor_gets_a_working_csrf_token_of_their_own():
    Client().get("/")  # fills the cache
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = [TOKEN.search(visitor.get("/").text).group(1) for visitor in visitors]
    assert tokens[0] != tokens[1]
    assert pagecache.PLACEHOLDER not in visitors[0].get("/").content
    for number, (visitor, token) in enumerate(zip(visitors, tokens, strict=True)):
        response = visitor.post(
            reverse("newsletter:signup"),
            {"email": f"reader{number}@example.com", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302, response.status_code
    stranger = Client(enforce_csrf_checks=True)
    stranger.get("/")
    refused = stranger.post(
        reverse("newsletter:signup"),
        {"email": "forged@example.com", "csrfmiddlewaretoken": tokens[0]},
    )
    assert refused.status_code == 403


def test_a_cached_page_goes_out_gzipped_with_the_token_left_uncompressed():
    Client().get("/")  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get("/", headers={"accept-encoding": "gzip, deflate, br, zstd"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    token = TOKEN.search(html).group(1)
    # Each copy of the token is in the stream as it is (a stored block), never
    # compressed along with the page, so its length tells an attacker nothing.
    assert response.content.count(token.encode()) == html.count(token) == 2
    assert TOKEN.sub("", html) == TOKEN.sub("", Client().get("/").text)
    signup = visitor.post(
        reverse("newsletter:signup"), {"email": "gz@example.com", "csrfmiddlewaretoken": token}
    )
    assert signup.status_code == 302


def test_the_gzipped_and_plain_copies_have_validators_of_their_own(client):
    url = "/exercises/glute-bridge/"
    plain = client.get(url)["ETag"]
    gzipped = client.get(url, headers={"accept-encoding": "gzip"})["ETag"]
    assert plain != gzipped
    again = client.get(url, headers={"accept-encoding": "gzip", "if-none-match": gzipped})
    assert again.status_code == 304


@pytest.mark.parametrize("tokens", [0, 1, 3])
def test_a_stored_page_gzips_to_the_page_with_the_token_in_every_place(tokens):
    chunks = [f"<p>{n}</p>".encode() * 3000 for n in range(tokens + 1)]
    pages = pagecache.cut(pagecache.PLACEHOLDER.join(chunks), content_type="text/html")
    token = b"a-visitor-token-0123456789"
    gzipped = pages["gzip"].body(token)
    assert gzip.decompress(gzipped) == token.join(chunks) == pages[""].body(token)
    assert len(gzipped) < len(token.join(chunks)) / 20


def test_cached_pages_are_private_and_revalidated(client):
    client.get("/exercises/")
    response = client.get("/exercises/")
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_the_query_string_is_part_of_the_key(client):
    everything = client.get("/exercises/").text
    knee = client.get("/exercises/?focus=knee").text
    assert "match your filters" in knee
    assert "match your filters" not in everything
    assert "match your filters" not in client.get("/exercises/").text


def test_a_signed_in_visitor_never_gets_the_anonymous_page(client, user):
    client.get("/exercises/")
    client.force_login(user)
    assert "Log out" in client.get("/exercises/").text


def test_a_visitor_with_a_message_waiting_sees_it(client):
    client.get("/")
    response = client.post(
        reverse("newsletter:signup"), {"email": "new@example.com", "source": "/"}, follow=True
    )
    assert "Check your inbox" in response.text


def test_an_admin_edit_shows_to_anonymous_visitors_at_once(admin_client, committed):
    visitor = Client()
    exercise = Exercise.objects.get(slug="plank")
    for url in (exercise.get_absolute_url(), "/exercises/", "/exercises/focus/core/"):
        assert "Plank" in visitor.get(url).text
    change = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {**form.initial, "name": "Front plank hold", "summary": "Freshly edited summary."}
    data = {key: value for key, value in data.items() if value is not None}
    for field in ("focus_areas", "equipment", "easier_variations"):
        data[field] = [item.pk for item in form.initial[field]]
    data.update(management_forms(admin_client.get(change)))
    with committed():
        assert admin_client.post(change, data).status_code == 302
    assert "Freshly edited summary." in visitor.get(exercise.get_absolute_url()).text
    assert "Front plank hold" in visitor.get("/exercises/").text
    assert "Front plank hold" in visitor.get("/exercises/focus/core/").text


def management_forms(response):
    """The admin inlines' current rows and management forms, as the browser would post them."""
    data = {}
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for form in formset.formset.forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is not None:
                    data[form.add_prefix(name)] = getattr(value, "pk", value)
    return data


def test_a_starter_template_edit_retires_the_public_pages(committed):
    template = Routine.objects.templates().get(slug="core-for-runners")
    visitor = Client()
    assert "Core for runners" in visitor.get("/plans/templates/").text
    template.name = "Core strength for runners"
    with committed():
        template.save()
    assert "Core strength for runners" in visitor.get("/plans/templates/").text
    assert "Core strength for runners" in visitor.get(template.get_absolute_url()).text


def test_a_runners_own_edit_does_not_retire_the_public_pages(user, committed):
    Client().get("/")
    version = content_version()
    with committed():
        routine = services.create_routine(owner=user, name="Mine")
        services.add_item(session=routine.sessions.get(), exercise=Exercise.objects.first())
    assert content_version() == version


def test_migrate_retires_the_public_pages(committed):
    version = content_version()
    with committed():
        call_command("migrate", verbosity=0)
    assert content_version() != version


# -- conditional GET -----------------------------------------------------------


def test_a_repeat_request_with_the_validator_gets_304(client):
    first = client.get("/exercises/glute-bridge/")
    etag = first["ETag"]
    again = client.get("/exercises/glute-bridge/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_new_csrf_cookie_or_new_content_gets_the_page_again(client, committed):
    etag = client.get("/exercises/glute-bridge/")["ETag"]
    stranger = Client().get("/exercises/glute-bridge/", headers={"if-none-match": etag})
    assert stranger.status_code == 200
    exercise = Exercise.objects.get(slug="glute-bridge")
    exercise.summary = "A summary the editor has just rewritten."
    with committed():
        exercise.save()
    page = client.get("/exercises/glute-bridge/", headers={"if-none-match": etag})
    assert page.status_code == 200
    assert exercise.summary in page.text


# -- the routine page and downloads, cached per owner -------------------------


@pytest.fixture
def routine(user):
    routine = services.create_routine(owner=user, name="Tuesday strength")
    session = routine.sessions.get()
    for slug in ("goblet-squat", "glute-bridge"):
        services.add_item(session=session, exercise=Exercise.objects.get(slug=slug))
    return routine


def first_item(routine):
    return routine.sessions.get().items.order_by("order").first()


EDITS = {
    "rename the routine": (
        lambda r: (
            reverse("plans:routine-edit", args=[r.pk]),
            {"name": "Renamed routine", "focus": r.focus, "sessions_per_week": 2},
        ),
        "Renamed routine",
    ),
    "rename a session": (
        lambda r: (
            reverse("plans:session-update", args=[r.pk, r.sessions.get().pk]),
            {"name": "Hill day"},
        ),
        "Hill day",
    ),
    "change a dose": (
        lambda r: (
            reverse("plans:item-update", args=[r.pk, first_item(r).pk]),
            {"sets": 5, "reps": "4", "load": "24 kg", "rest_seconds": 120},
        ),
        "24 kg",
    ),
    "add an exercise": (
        lambda r: (
            reverse("plans:item-add", args=[r.pk, r.sessions.get().pk]),
            {"exercise": Exercise.objects.get(slug="plank").pk},
        ),
        "Plank",
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_every_edit_shows_on_the_cached_routine_page_at_once(
    owner_client, routine, edit, committed
):
    action, expected = EDITS[edit]
    url = routine.get_absolute_url()
    assert expected not in owner_client.get(url).text
    path, data = action(routine)
    with committed():
        assert owner_client.post(path, data).status_code == 302
    with_message, from_cache = owner_client.get(url), owner_client.get(url)
    assert "alert-success" in with_message.text
    assert expected in from_cache.text
    assert "alert-success" not in from_cache.text


def test_removing_and_moving_show_on_the_cached_routine_page(owner_client, routine, committed):
    url = routine.get_absolute_url()
    session = routine.sessions.get()
    owner_client.get(url)
    item = first_item(routine)
    move = reverse("plans:item-move", args=[routine.pk, item.pk])
    with committed():
        assert owner_client.post(move, {"direction": "down"}).status_code == 302
    owner_client.get(url)  # shows the message; the next visit is the cached page
    assert exercise_rows(owner_client.get(url)) == ["Glute bridge", "Goblet squat"]
    item_delete = reverse("plans:item-delete", args=[routine.pk, item.pk])
    with committed():
        assert owner_client.post(item_delete).status_code == 302
    owner_client.get(url)
    assert exercise_rows(owner_client.get(url)) == ["Glute bridge"]
    assert session.items.count() == 1


def exercise_rows(response):
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.text)


def test_the_routine_download_follows_an_edit(owner_client, routine, committed):
    url = routine.xlsx_url
    before = load_workbook(io.BytesIO(owner_client.get(url).content)).active
    assert "Goblet squat" in [cell.value for cell in before["B"]]
    with committed():
        services.remove(obj=first_item(routine))
    after = load_workbook(io.BytesIO(owner_client.get(url).content)).active
    assert "Goblet squat" not in [cell.value for cell in after["B"]]


def test_a_template_download_is_made_once_per_content_version(client):
    template = Routine.objects.templates().get(slug="core-for-runners")
    first = client.get(template.pdf_url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(template.pdf_url)
    assert again.content == first.content
    assert len(queries) == 1  # finding the template; the file comes from the cache


def test_the_routine_page_is_cached_per_owner(client, routine, other_user):
    client.force_login(routine.owner)
    client.get(routine.get_absolute_url())
    client.force_login(other_user)
    assert client.get(routine.get_absolute_url()).status_code == 404


# -- compression -----------------------------------------------------------------


def test_collectstatic_writes_compressed_copies():
    root = settings.STATIC_ROOT
    for name in ("css/site.css", "js/editor.js", "vendor/bootstrap/bootstrap.min.css"):
        hashed = staticfiles_storage.stored_name(name)
        for suffix in (".br", ".gz"):
            assert (root / f"{hashed}{suffix}").stat().st_size > 0, f"{hashed}{suffix}"


def test_static_files_are_served_compressed_and_cached_for_a_year(client):
    url = staticfiles_storage.url("css/site.css")
    response = client.get(url, headers={"accept-encoding": "br, gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) >= 31_536_000


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_is_gzipped_within_budget(client, page):
    url, _ = PUBLIC_PAGES[page]
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= 30_000
    assert b"</html>" in gzip.decompress(response.content)
