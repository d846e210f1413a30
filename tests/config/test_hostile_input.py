"""Junk, bots and mischief: every form and filter shrugs off whatever is sent to it.

Hypothesis posts generated data to each form: very long strings, control
characters and NUL bytes (which PostgreSQL refuses to store), fields sent
several times where one value is expected, numbers written oddly ("1e309",
"٣", fullwidth digits), look-alike e-mail addresses and missing fields. Every
answer is a page (2xx/3xx, with a form error where the input was wrong) or a
400/404/405/429, never a server error, and nothing is ever half-saved: a
refused post changes no row, an accepted one leaves complete, valid objects.

The database is not rolled back between the examples of one test, so each
example compares the rows it cares about before and after its own request.
"""

import pytest
from allauth.account.models import EmailAddress
from django import forms
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accounts.models import User
from exercises.models import Equipment, Exercise, FocusArea, MovementPattern, Muscle
from newsletter import services
from newsletter.models import Subscriber
from plans.models import Routine, RoutineItem, Session
from tests.accounts.factories import PASSWORD, UserFactory
from tests.plans.factories import routine_with

pytestmark = pytest.mark.django_db

hostile = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- Strategies -------------------------------------------------------------------------------


def fullwidth(text: str) -> str:
    """Look-alikes: the fullwidth forms of ASCII letters and digits."""
    return "".join(chr(ord(ch) + 0xFEE0) for ch in text)


NUMBERS_AS_TEXT = [
    "1e309",
    "-0",
    "٣",  # Arabic-Indic three
    "३",  # Devanagari three
    fullwidth("3"),
    "NaN",
    "Infinity",
    "99999999999999999999",
    "-99999999999999999999",
    "0x10",
    "1_0",
    "2.5",
    " 4 ",
    "+3",
    "0",
    "-1",
]
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t\x0b\x0c",
    "\x1b[31m",
    "\u202e",  # right-to-left override
    "\ufeff",
    "\u200b",
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "%",
    "_",
    "\\",
    "{{ 7|add:7 }}",
    fullwidth("admin"),
    "İı",
    "ß",
    "🏃‍♀️",
    "\U0010ffff",
]
LOOKALIKE_EMAILS = [
    "runn\u0435r@example.com",  # a Cyrillic e
    "runner@ex\u0430mple.com",  # a Cyrillic a in the domain
    fullwidth("runner") + "@example.com",
    "RUNNER@EXAMPLE.COM",
    " runner@example.com ",
    "runner@ÄPFEL.de",
    "runner@äpfel.de",
    "runner@xn--pfel-koa.de",
    "runner+tag@example.com",
    "a@b",
    "@example.com",
    "runner@",
    "runner@@example.com",
    "runner@example.com\x00",
    "runner@example.com\nBcc: victim@example.com",
    "x" * 240 + "@example.com",  # 252 characters: just fits the 254-character column
    "runner@" + "a" * 250 + ".com",
]


def repeated(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


very_long = st.builds(repeated, st.text(min_size=1, max_size=4), st.integers(10_000, 20_000))
control = st.text(st.characters(codec="ascii", categories=["Cc"]), min_size=1, max_size=6)
scalar = st.one_of(
    st.text(max_size=30),  # any unicode, control characters and NUL included
    st.sampled_from(NASTY + NUMBERS_AS_TEXT),
    control,
    very_long,
    st.integers().map(str),
)
# A list posts the field several times (a wrong type where one value is expected);
# None leaves the field out.
hostile_value = st.one_of(scalar, st.lists(scalar, min_size=2, max_size=3))
hostile_field = st.one_of(st.none(), hostile_value)
hostile_email = st.one_of(st.sampled_from(LOOKALIKE_EMAILS), hostile_field)


def mostly(valid: st.SearchStrategy) -> st.SearchStrategy:
    """A valid value two times in three, so that whole forms are sometimes accepted."""
    return st.one_of(valid, valid, hostile_field)


def form(**fields: st.SearchStrategy) -> st.SearchStrategy:
    """Form data with the missing (None) fields left out."""
    return st.fixed_dictionaries(fields).map(
        lambda data: {k: v for k, v in data.items() if v is not None}
    )


def last(value):
    """What a form field reads when a value is posted several times."""
    return value[-1] if isinstance(value, list) else value


# --- Helpers ----------------------------------------------------------------------------------

HTMX = {"HX-Request": "true"}


def fresh_client(user=None) -> Client:
    """A new browser for each example; rate-limit counters start from zero."""
    cache.clear()
    client = Client(REMOTE_ADDR="203.0.113.7")
    if user is not None:
        client.force_login(user)
    return client


def assert_handled(response):
    """A page, a redirect, or a deliberate 400/404/405/429: never a server error."""
    status = response.status_code
    assert status < 400 or status in {400, 404, 405, 429}, f"status {status}"


def assert_form_error(response, key="form", *, data=None):
    """A refused post shows why. Some views build their form from `request.POST or None`,
    so an empty post just shows the empty form again: no error, and nothing saved."""
    if data == {}:
        return
    assert response.context[key].errors, "a refused post shows why"


def rows(*querysets):
    """The rows' values, but not `last_login`, which every login (and force_login) moves."""
    return tuple(
        [{k: v for k, v in row.items() if k != "last_login"} for row in qs.order_by("pk").values()]
        for qs in querysets
    )


def assert_complete(*objects):
    """A saved object passes every model validation and database constraint."""
    for obj in objects:
        obj.refresh_from_db()
        obj.full_clean()


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def routine(user):
    return routine_with(user, "goblet-squat", "push-up", "side-plank", sessions=2)


def library_pks():
    return st.sampled_from(list(Exercise.objects.values_list("pk", flat=True))).map(str)


# --- Sign-up, login and the account -----------------------------------------------------------

STRONG = "a-long-training-block-2027"


@hostile
@given(
    data=form(
        email=st.one_of(st.builds(lambda n: f"new{n}@example.com", st.uuids()), hostile_email),
        password1=mostly(st.just(STRONG)),
        password2=mostly(st.just(STRONG)),
    )
)
@example(data={"email": "Runner@ÄPFEL.de", "password1": STRONG, "password2": STRONG})
def test_signup_with_junk_or_a_double_click_shows_errors_and_creates_one_whole_account(data):
    before = (User.objects.count(), EmailAddress.objects.count())
    response = fresh_client().post(reverse("account_signup"), data)
    assert_handled(response)
    if response.status_code == 302:
        # A double click, or someone else's address: the same answer, and no second account.
        again = fresh_client().post(reverse("account_signup"), data)
        assert_handled(again)
        assert again.status_code == 302
    new_users = User.objects.count() - before[0]
    assert EmailAddress.objects.count() - before[1] == new_users
    if response.status_code == 302:
        assert new_users in (0, 1)  # 0: the address is taken, and allauth does not say so
        if new_users:
            user = User.objects.order_by("-pk").first()
            assert_complete(user)
            assert user.email == last(data["email"]).strip().lower()
            assert user.has_usable_password()
            assert EmailAddress.objects.filter(user=user, email=user.email, primary=True).exists()
    else:
        assert new_users == 0
        if response.status_code == 200:
            assert_form_error(response)


TOO_LONG_EMAIL = "x" * 250 + "@example.com"  # 262 characters: valid, but the column holds 254


@pytest.mark.parametrize("form_name", ["account_signup", "account_email"])
def test_an_address_too_long_to_store_is_refused_not_cut_short(user, form_name):
    if form_name == "account_signup":
        who, data = None, {"email": TOO_LONG_EMAIL, "password1": STRONG, "password2": STRONG}
    else:
        who, data = user, {"email": TOO_LONG_EMAIL, "action_add": ""}
    for _attempt in range(2):
        response = fresh_client(who).post(reverse(form_name), data)
        assert response.status_code == 200
        assert "email" in fields_with_errors(response)
    assert not EmailAddress.objects.filter(email__startswith="xxxxxxxxxx").exists()


@hostile
@given(
    data=form(
        login=mostly(st.sampled_from(["runner-login@example.com", "RUNNER-LOGIN@example.com"])),
        password=mostly(st.just(PASSWORD)),
        remember=hostile_field,
    )
)
def test_login_with_junk_shows_errors_and_only_the_right_password_logs_in(data):
    user = User.objects.filter(email="runner-login@example.com").first()
    user = user or UserFactory(email="runner-login@example.com")
    users = User.objects.count()
    client = fresh_client()
    response = client.post(reverse("account_login"), data)
    assert_handled(response)
    assert User.objects.count() == users
    logged_in = client.session.get("_auth_user_id")
    if response.status_code == 302:
        assert logged_in == str(user.pk)
        assert last(data["password"]) == PASSWORD
    else:
        assert logged_in is None
        if response.status_code == 200:
            assert_form_error(response)


@hostile
@given(
    data=form(
        display_name=mostly(st.just("Ann")),
        weight_unit=mostly(st.sampled_from(User.WeightUnit.values)),
    )
)
def test_profile_with_junk_shows_errors_and_keeps_the_old_settings(user, data):
    before = rows(User.objects.filter(pk=user.pk))
    response = fresh_client(user).post(reverse("accounts:profile"), data)
    assert_handled(response)
    if response.status_code == 302:
        assert_complete(user)
        assert user.display_name == (last(data.get("display_name")) or "").strip()
        assert user.weight_unit == last(data["weight_unit"])
    else:
        assert rows(User.objects.filter(pk=user.pk)) == before
        assert_form_error(response)


@hostile
@given(data=form(password=mostly(st.just(PASSWORD))))
def test_account_delete_with_junk_keeps_the_account_whole(data):
    user = UserFactory()
    routine_with(user, "goblet-squat")
    Subscriber.objects.create(
        email=user.email,
        consent_text=services.CONSENT_TEXT,
        consented_at="2026-01-01T00:00Z",
    )
    owned = (
        Routine.objects.filter(owner=user),
        Session.objects.filter(routine__owner=user),
        RoutineItem.objects.filter(session__routine__owner=user),
        EmailAddress.objects.filter(user=user),
        Subscriber.objects.filter(email=user.email),
    )
    before = rows(User.objects.filter(pk=user.pk), *owned)
    response = fresh_client(user).post(reverse("accounts:delete"), data)
    assert_handled(response)
    if response.status_code == 302:
        assert last(data["password"]) == PASSWORD
        assert not User.objects.filter(pk=user.pk).exists()
        assert not any(qs.exists() for qs in owned), "everything the user had went with them"
    else:
        assert rows(User.objects.filter(pk=user.pk), *owned) == before
        assert_form_error(response)


# --- The newsletter ---------------------------------------------------------------------------


@hostile
@given(
    data=form(
        email=st.one_of(st.builds(lambda n: f"reader{n}@example.com", st.uuids()), hostile_email),
        first_name=mostly(st.just("Ann")),
        website=st.one_of(st.none(), st.just(""), hostile_value),  # the bots' honeypot
        source=mostly(st.just("/exercises/")),
    )
)
# SQLite's iexact folds ASCII only: this address, signed up twice, used to be a 500.
@example(data={"email": "Runner@ÄPFEL.de", "first_name": "Ann", "source": "/"})
def test_newsletter_signup_with_junk_or_a_double_click_saves_one_complete_subscriber(data):
    """Submitted twice, as a double click does: same page, still one subscriber."""
    before = rows(Subscriber.objects.all())
    sent = len(mail.outbox)
    client = fresh_client()
    response = client.post(reverse("newsletter:signup"), data)
    assert_handled(response)
    if response.status_code == 302:
        assert response["Location"] == reverse("newsletter:check-inbox")
        again = client.post(reverse("newsletter:signup"), data)
        assert_handled(again)
        assert again.status_code == 302
        added = Subscriber.objects.exclude(pk__in=[row["id"] for row in before[0]])
        assert added.count() <= 1
        for subscriber in added:
            assert_complete(subscriber)
            assert subscriber.email == subscriber.email.strip().lower()
            assert subscriber.consent_text == services.CONSENT_TEXT
            assert subscriber.status == Subscriber.Status.PENDING
        if added:
            # Both posts got the page; the second is within the per-address e-mail limit.
            assert len(mail.outbox) - sent == 1, "a double click sends one e-mail"
    else:
        assert rows(Subscriber.objects.all()) == before
        assert len(mail.outbox) == sent
        if response.status_code == 200:
            assert_form_error(response, data=data)


def test_the_sixth_newsletter_signup_from_one_address_in_an_hour_is_refused(client):
    for n in range(services.SIGNUPS_PER_IP_PER_HOUR):
        data = {"email": f"reader{n}@example.com"}
        assert client.post(reverse("newsletter:signup"), data).status_code == 302
    response = client.post(reverse("newsletter:signup"), {"email": "one-more@example.com"})
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="one-more@example.com").exists()


# --- Routines ---------------------------------------------------------------------------------

ROUTINE_FORM = form(
    name=mostly(st.just("Winter block")),
    focus=mostly(st.sampled_from(Routine.Focus.values)),
    sessions_per_week=mostly(st.integers(1, 7).map(str)),
    notes=mostly(st.just("Easy week after the race.")),
)


@hostile
@given(data=ROUTINE_FORM)
def test_new_routine_with_junk_shows_errors_and_creates_nothing(user, data):
    before = rows(Routine.objects.all(), Session.objects.all())
    response = fresh_client(user).post(reverse("plans:routine-create"), data)
    assert_handled(response)
    if response.status_code == 302:
        routine = Routine.objects.order_by("-pk").first()
        assert response["Location"] == reverse("plans:routine-edit", args=[routine.pk])
        assert routine.owner == user
        assert list(routine.sessions.values_list("name", flat=True)) == ["Session A"]
        assert_complete(routine, *routine.sessions.all())
    else:
        assert rows(Routine.objects.all(), Session.objects.all()) == before
        assert_form_error(response, data=data)


@hostile
@given(data=ROUTINE_FORM, htmx=st.booleans())
def test_routine_edit_with_junk_keeps_the_routine_as_it_was(user, routine, data, htmx):
    before = rows(Routine.objects.filter(pk=routine.pk))
    response = fresh_client(user).post(
        reverse("plans:routine-edit", args=[routine.pk]), data, headers=HTMX if htmx else {}
    )
    assert_handled(response)
    if rows(Routine.objects.filter(pk=routine.pk)) != before:
        assert response.status_code == (200 if htmx else 302)
        assert_complete(routine)
        assert routine.name == last(data["name"]).strip()
        assert routine.focus == last(data["focus"])
    elif not htmx:
        assert response.status_code == 200, "an unchanged routine means the form was refused"
        assert_form_error(response, "routine_form")


@hostile
@given(data=form(name=mostly(st.just("Hills day"))), htmx=st.booleans())
def test_session_rename_with_junk_keeps_the_old_name(user, routine, data, htmx):
    session = routine.sessions.first()
    before = rows(Session.objects.filter(routine=routine))
    response = fresh_client(user).post(
        reverse("plans:session-update", args=[routine.pk, session.pk]),
        data,
        headers=HTMX if htmx else {},
    )
    assert_handled(response)
    after = rows(Session.objects.filter(routine=routine))
    if not htmx and response.status_code != 302:
        assert after == before
        assert any(s["form"].errors for s in response.context["sessions"])
    if after != before:
        assert_complete(session)
        assert session.name == last(data["name"]).strip()


@hostile
@given(data=form(exercise=mostly(st.deferred(library_pks))), htmx=st.booleans())
def test_adding_junk_instead_of_an_exercise_adds_nothing(user, routine, data, htmx):
    session = routine.sessions.first()
    before = rows(RoutineItem.objects.filter(session__routine=routine))
    response = fresh_client(user).post(
        reverse("plans:item-add", args=[routine.pk, session.pk]),
        data,
        headers=HTMX if htmx else {},
    )
    assert_handled(response)
    added = RoutineItem.objects.filter(session=session).exclude(
        pk__in=[row["id"] for row in before[0]]
    )
    assert added.count() <= 1
    if added:
        item = added.get()
        assert item.exercise_id == int(last(data["exercise"]))
        assert_complete(item)
    else:
        assert rows(RoutineItem.objects.filter(session__routine=routine)) == before
        if not htmx:
            assert response.status_code == 200, "the picker again, with a message"


ITEM_FORM = form(
    sets=mostly(st.integers(1, 10).map(str)),
    reps=mostly(st.sampled_from(["8", "8-10", "12 to 15", ""])),
    hold_seconds=mostly(st.sampled_from(["", "30"])),
    per_side=hostile_field,
    load=mostly(st.just("2 × 16 kg")),
    rest_seconds=mostly(st.integers(0, 600).map(str)),
    notes=mostly(st.just("Slow on the way down.")),
)


@hostile
@given(data=ITEM_FORM, htmx=st.booleans())
def test_dose_with_junk_shows_errors_and_keeps_the_old_dose(user, routine, data, htmx):
    item = RoutineItem.objects.filter(session__routine=routine).first()
    before = rows(RoutineItem.objects.filter(pk=item.pk))
    response = fresh_client(user).post(
        reverse("plans:item-update", args=[routine.pk, item.pk]),
        data,
        headers=HTMX if htmx else {},
    )
    assert_handled(response)
    after = rows(RoutineItem.objects.filter(pk=item.pk))
    if not htmx and response.status_code != 302:
        assert after == before
        assert any(i["form"].errors for s in response.context["sessions"] for i in s["items"]), (
            "the refused dose shows its errors"
        )
    if after != before:
        assert_complete(item)
        assert item.sets == forms.IntegerField().clean(last(data["sets"]))


@hostile
@given(
    data=form(direction=mostly(st.sampled_from(["up", "down"]))),
    what=st.sampled_from(["session", "item"]),
)
def test_moving_with_junk_direction_keeps_the_order_whole(user, routine, data, what):
    session = routine.sessions.order_by("order").last()
    if what == "session":
        siblings = Session.objects.filter(routine=routine)
        url = reverse("plans:session-move", args=[routine.pk, session.pk])
    else:
        siblings = RoutineItem.objects.filter(session=session)
        item = siblings.order_by("order").first()
        url = reverse("plans:item-move", args=[routine.pk, item.pk])
    before = rows(siblings)
    response = fresh_client(user).post(url, data)
    assert_handled(response)
    after = rows(siblings)
    assert sorted(row["order"] for row in after[0]) == list(range(len(after[0])))
    assert {row["id"] for row in after[0]} == {row["id"] for row in before[0]}
    if data.get("direction") is None or last(data["direction"]) not in ("up", "down"):
        assert after == before


@hostile
@given(
    session=mostly(st.sampled_from(["mine", "theirs"])),
    new_routine=st.one_of(st.none(), hostile_value),
)
def test_add_from_library_with_junk_adds_nothing_or_one_whole_item(
    user, other_user, routine, session, new_routine
):
    sessions = {
        "mine": str(routine.sessions.first().pk),
        "theirs": str(routine_with(other_user, "push-up").sessions.get().pk),
    }
    data = {}
    if session is not None:
        data["session"] = (
            [sessions.get(v, v) for v in session]
            if isinstance(session, list)
            else sessions.get(session, session)
        )
    if new_routine is not None:
        data["new_routine"] = new_routine
    exercise = Exercise.objects.get(slug="glute-bridge")
    tables = (Routine.objects.all(), Session.objects.all(), RoutineItem.objects.all())
    before = rows(*tables)
    response = fresh_client(user).post(
        reverse("plans:add-from-library", args=[exercise.slug]), data
    )
    assert_handled(response)
    if response.status_code == 302:
        item = RoutineItem.objects.order_by("-pk").first()
        assert item.exercise == exercise
        assert item.session.routine.owner == user
        assert_complete(item, item.session, item.session.routine)
    else:
        assert rows(*tables) == before
        assert_form_error(response, data=data)


# --- Filters and searches (GET) ---------------------------------------------------------------


def vocabulary(model):
    return st.deferred(lambda: st.sampled_from(list(model.objects.values_list("slug", flat=True))))


@hostile
@given(
    params=form(
        q=mostly(st.sampled_from(["squat", "RDL", "glute", "single leg"])),
        pattern=mostly(vocabulary(MovementPattern)),
        focus=mostly(vocabulary(FocusArea)),
        muscle=mostly(vocabulary(Muscle)),
        equipment=mostly(st.one_of(vocabulary(Equipment), st.just("bodyweight"))),
        level=mostly(st.sampled_from(Exercise.Level.values)),
        single_leg=hostile_field,
        page=mostly(st.sampled_from(["1", "2"])),
    )
)
def test_library_filters_with_junk_still_show_the_library(client, params):
    response = client.get(reverse("exercises:list"), params)
    assert_handled(response)
    assert response.status_code == 200
    # A repeated query may come from the page cache, with no template context:
    # judge the page the visitor gets.
    assert '<h1 class="h2">Exercise library</h1>' in response.text


@hostile
@given(q=hostile_field, htmx=st.booleans())
def test_exercise_picker_search_with_junk_still_shows_the_picker(user, routine, q, htmx):
    session = routine.sessions.first()
    response = fresh_client(user).get(
        reverse("plans:item-add", args=[routine.pk, session.pk]),
        {} if q is None else {"q": q},
        headers=HTMX if htmx else {},
    )
    assert_handled(response)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:exercises_exercise_changelist",
        "admin:newsletter_subscriber_changelist",
        "admin:newsletter_issue_changelist",
        "admin:plans_routine_changelist",
        "admin:accounts_user_changelist",
    ],
)
@hostile
@given(q=hostile_value)
def test_admin_search_with_junk_still_shows_the_list(staff, changelist, q):
    response = fresh_client(staff).get(reverse(changelist), {"q": q})
    assert_handled(response)
    assert response.status_code == 200


# --- NUL bytes, field by field (PostgreSQL cannot store them) ---------------------------------


def fields_with_errors(response) -> set[str]:
    """The names of the fields with an error, in every form the page shows."""
    found = set()

    def visit(value, depth=0):
        if isinstance(value, forms.BaseForm):
            found.update(value.errors)
        elif isinstance(value, dict) and depth < 4:
            for item in value.values():
                visit(item, depth + 1)
        elif isinstance(value, list | tuple) and depth < 4:
            for item in value:
                visit(item, depth + 1)

    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        for layer in context:
            visit(layer)
    return found


def form_pages(user, routine):
    """Each form: who posts it, where, and data it accepts."""
    session = routine.sessions.first()
    item = RoutineItem.objects.filter(session=session).first()
    routine_data = {"name": "Winter", "focus": "knee", "sessions_per_week": "2", "notes": "Easy"}
    return {
        "account_signup": (
            None,
            reverse("account_signup"),
            {"email": "nul@example.com", "password1": STRONG, "password2": STRONG},
        ),
        "account_login": (
            None,
            reverse("account_login"),
            {"login": user.email, "password": PASSWORD},
        ),
        "accounts:profile": (
            user,
            reverse("accounts:profile"),
            {"display_name": "Ann", "weight_unit": "kg"},
        ),
        "accounts:delete": (user, reverse("accounts:delete"), {"password": PASSWORD}),
        "newsletter:signup": (
            None,
            reverse("newsletter:signup"),
            {"email": "nul@example.com", "first_name": "Ann", "website": "", "source": "/"},
        ),
        "plans:routine-create": (user, reverse("plans:routine-create"), routine_data),
        "plans:routine-edit": (
            user,
            reverse("plans:routine-edit", args=[routine.pk]),
            routine_data,
        ),
        "plans:session-update": (
            user,
            reverse("plans:session-update", args=[routine.pk, session.pk]),
            {"name": "Hills"},
        ),
        "plans:item-update": (
            user,
            reverse("plans:item-update", args=[routine.pk, item.pk]),
            {
                "sets": "3",
                "reps": "8-10",
                "hold_seconds": "",
                "per_side": "on",
                "load": "16 kg",
                "rest_seconds": "60",
                "notes": "Slow",
            },
        ),
        "plans:add-from-library": (
            user,
            reverse("plans:add-from-library", args=["glute-bridge"]),
            {"session": str(session.pk)},
        ),
    }


FORM_FIELDS = [
    ("account_signup", ["email", "password1", "password2"]),
    ("account_login", ["login", "password"]),
    ("accounts:profile", ["display_name", "weight_unit"]),
    ("accounts:delete", ["password"]),
    ("newsletter:signup", ["email", "first_name", "website", "source"]),
    ("plans:routine-create", ["name", "focus", "sessions_per_week", "notes"]),
    ("plans:routine-edit", ["name", "focus", "sessions_per_week", "notes"]),
    ("plans:session-update", ["name"]),
    ("plans:item-update", ["sets", "reps", "load", "rest_seconds", "notes"]),
    ("plans:add-from-library", ["session"]),
]


@pytest.mark.parametrize(
    ("form_name", "field"), [(name, field) for name, fields in FORM_FIELDS for field in fields]
)
def test_a_nul_byte_in_any_field_is_a_field_error_and_saves_nothing(
    user, routine, form_name, field
):
    who, url, data = form_pages(user, routine)[form_name]
    data[field] = f"{data[field]}\x00x"
    tables = (
        User.objects.all(),
        Subscriber.objects.all(),
        Routine.objects.all(),
        Session.objects.all(),
        RoutineItem.objects.all(),
    )
    before = rows(*tables)
    response = fresh_client(who).post(url, data)
    assert response.status_code == 200
    assert field in fields_with_errors(response)
    assert rows(*tables) == before


def test_a_nul_byte_instead_of_an_exercise_adds_nothing(user, routine):
    session = routine.sessions.first()
    before = rows(RoutineItem.objects.all())
    response = fresh_client(user).post(
        reverse("plans:item-add", args=[routine.pk, session.pk]), {"exercise": "1\x00"}
    )
    assert response.status_code == 200
    assert rows(RoutineItem.objects.all()) == before


@pytest.mark.parametrize(
    "param", ["q", "pattern", "focus", "muscle", "equipment", "level", "single_leg", "page"]
)
def test_a_nul_byte_in_a_library_filter_is_ignored(client, param):
    response = client.get(reverse("exercises:list"), {param: "squat\x00"})
    assert response.status_code == 200
    form = response.context["form"]
    if param in form.fields and param != "single_leg":  # a checkbox: any value means "on"
        assert param in form.errors
    assert "\x00" not in repr(form.filters()), "nothing with a NUL byte reaches the query"


@pytest.mark.parametrize(
    "url",
    [
        "admin:exercises_exercise_changelist",
        "admin:newsletter_subscriber_changelist",
        "admin:newsletter_issue_changelist",
        "admin:plans_routine_changelist",
        "admin:accounts_user_changelist",
    ],
)
def test_a_nul_byte_in_an_admin_search_is_refused_with_a_message(staff, url):
    response = fresh_client(staff).get(reverse(url), {"q": "runner\x00"})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text


def test_a_nul_byte_in_the_exercise_picker_search_is_ignored(user, routine):
    session = routine.sessions.first()
    response = fresh_client(user).get(
        reverse("plans:item-add", args=[routine.pk, session.pk]), {"q": "squat\x00"}
    )
    assert response.status_code == 200
    assert "q" in response.context["picker_form"].errors
