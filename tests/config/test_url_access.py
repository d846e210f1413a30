"""Who may open what: every URL the project serves, for every kind of visitor.

The URL list comes from walking the resolver, not from a hand-kept list, so a
new URL that nobody thought about fails `test_every_url_is_in_the_matrix`
until someone decides who may see it. Four visitors: anonymous, the owner of
a routine, another logged-in user and a staff member (a superuser who owns
nothing, so staff rights on the admin never leak into other people's routines).
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode, urlsplit
from uuid import uuid4

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from exercises.models import Exercise
from newsletter import services, tokens
from newsletter.models import Issue, Subscriber
from plans.models import Routine, RoutineItem, RoutineShare, Session
from tests.accounts.factories import UserFactory
from tests.plans.factories import routine_with
from workouts.models import LoggedSet, Workout, WorkoutExercise
from workouts.services import start_workout

pytestmark = pytest.mark.django_db

ANONYMOUS, OWNER, OTHER, STAFF = "anonymous", "owner", "other-user", "staff"
ROLES = (ANONYMOUS, OWNER, OTHER, STAFF)


# --- The URLs, walked from the resolver -------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the namespaced URL name, or the route itself for an unnamed pattern
    name: str | None
    route: str
    params: tuple[str, ...]
    callback: object


def walk(patterns, prefix="", namespace="", params=()):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        found = (*params, *pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, route, inner, found)
        else:
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield Route(name or route, name, route, found, pattern.callback)


ROUTES = list(walk(get_resolver().url_patterns))


# --- What each visitor should get -------------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A 302 to the named page (any page when `to` is None)."""

    to: str | None = None

    def __str__(self):
        return f"redirect to {self.to or 'somewhere'}"


Outcome = int | Redirect
TO_LOGIN = Redirect("account_login")
TO_ADMIN_LOGIN = Redirect("admin:login")
TO_MY_ROUTINES = Redirect("plans:routine-list")  # LOGIN_REDIRECT_URL


@dataclass(frozen=True, eq=False)  # compared by identity: OWNER_POST_ONLY is not LOGIN_POST_ONLY
class Access:
    anonymous: Outcome
    owner: Outcome
    other: Outcome
    staff: Outcome

    def for_role(self, role) -> Outcome:
        outcomes = {
            ANONYMOUS: self.anonymous,
            OWNER: self.owner,
            OTHER: self.other,
            STAFF: self.staff,
        }
        return outcomes[role]


PUBLIC = Access(200, 200, 200, 200)
LOGIN = Access(TO_LOGIN, 200, 200, 200)
ANONYMOUS_ONLY = Access(200, TO_MY_ROUTINES, TO_MY_ROUTINES, TO_MY_ROUTINES)
OWNER_ONLY = Access(TO_LOGIN, 200, 404, 404)
# A change: GET is refused (405) before the routine is looked up; a POST by anyone but
# the owner is a 404 that changes nothing (see the POST tests below).
OWNER_POST_ONLY = Access(TO_LOGIN, 405, 405, 405)
# Saving for yourself: any logged-in user may POST; GET is refused.
LOGIN_POST_ONLY = Access(TO_LOGIN, 405, 405, 405)
# Newsletter links carry a signed token: a forged one is a 400 "bad link" page for everyone.
BAD_TOKEN = Access(400, 400, 400, 400)
STAFF_ONLY = Access(TO_ADMIN_LOGIN, TO_ADMIN_LOGIN, TO_ADMIN_LOGIN, 200)

MATRIX: dict[str, Access] = {
    # The site
    "core:home": PUBLIC,
    "core:healthz": PUBLIC,
    "core:robots": PUBLIC,
    "core:sitemap": PUBLIC,
    # The installable app: worker, manifest and offline page are the same for all; the
    # list of pages to keep is each visitor's own (empty when not signed in).
    "offline:service-worker": PUBLIC,
    "offline:manifest": PUBLIC,
    "offline:offline-page": PUBLIC,
    "offline:pages": PUBLIC,
    # The exercise library
    "exercises:list": PUBLIC,
    "exercises:focus": PUBLIC,
    "exercises:detail": PUBLIC,
    "exercises:problem-list": PUBLIC,
    "exercises:problem": PUBLIC,
    "exercises:figure": PUBLIC,
    "exercises:figure-still": PUBLIC,
    "exercises:figure-preview": PUBLIC,
    # Starter templates: anyone may read and download them; copying one needs an account
    "plans:template-list": PUBLIC,
    "plans:template-detail": PUBLIC,
    "plans:template-download-pdf": PUBLIC,
    "plans:template-download-xlsx": PUBLIC,
    "plans:template-copy": LOGIN,
    # A user's own routines
    "plans:routine-list": LOGIN,
    "plans:routine-create": LOGIN,
    "plans:add-from-library": LOGIN,
    "plans:routine-detail": OWNER_ONLY,
    "plans:routine-edit": OWNER_ONLY,
    "plans:routine-delete": OWNER_ONLY,
    "plans:routine-download-pdf": OWNER_ONLY,
    "plans:routine-download-xlsx": OWNER_ONLY,
    "plans:item-add": OWNER_ONLY,
    "plans:routine-calendar": OWNER_ONLY,
    "plans:routine-share": OWNER_POST_ONLY,
    "plans:routine-share-revoke": OWNER_POST_ONLY,
    # The private calendar feed and a share link: the unguessable token in the address is
    # the key, so whoever has it may read (calendar apps fetch without a session); a wrong
    # or revoked token is a 404 (tests/plans/test_calendar.py, test_sharing.py). Copying a
    # shared routine makes a routine for whoever is logged in, after a confirming GET.
    "plans:calendar-feed": PUBLIC,
    "plans:shared-routine": PUBLIC,
    "plans:shared-copy": LOGIN,
    # "Sign up to copy": on to sign-up, or straight to the copy page for a member.
    "plans:shared-signup": Access(Redirect("account_signup"), *[Redirect()] * 3),
    "plans:routine-duplicate": OWNER_POST_ONLY,
    "plans:session-add": OWNER_POST_ONLY,
    "plans:session-update": OWNER_POST_ONLY,
    "plans:session-delete": OWNER_POST_ONLY,
    "plans:session-move": OWNER_POST_ONLY,
    "plans:item-update": OWNER_POST_ONLY,
    "plans:item-delete": OWNER_POST_ONLY,
    "plans:item-move": OWNER_POST_ONLY,
    # The plan builder: questions and answers in the query string, open to everyone;
    # saving the plan makes a routine for whoever is logged in
    "plans:builder": PUBLIC,
    "plans:builder-method": PUBLIC,
    "plans:builder-download": PUBLIC,
    "plans:builder-save": LOGIN_POST_ONLY,
    # The workout log: a runner's own; another runner's workout (or a history they do not
    # have) is a 404
    "workouts:workout-list": LOGIN,
    "workouts:workout-detail": OWNER_ONLY,
    "workouts:exercise-history": OWNER_ONLY,
    "workouts:workout-start": OWNER_POST_ONLY,
    "workouts:log-set": OWNER_POST_ONLY,
    "workouts:workout-finish": OWNER_POST_ONLY,
    # The newsletter
    "newsletter:signup": PUBLIC,
    "newsletter:check-inbox": PUBLIC,
    "newsletter:issue-list": PUBLIC,  # the archive: sent issues only (a draft is a 404)
    "newsletter:issue": PUBLIC,
    "newsletter:confirm": BAD_TOKEN,
    "newsletter:confirmed": BAD_TOKEN,
    "newsletter:unsubscribe": BAD_TOKEN,
    "newsletter:template-pdf": BAD_TOKEN,
    "newsletter:template-xlsx": BAD_TOKEN,
    # Account settings
    "accounts:profile": LOGIN,
    "accounts:export": LOGIN,
    "accounts:delete": LOGIN,
    "accounts:calendar-rotate": LOGIN_POST_ONLY,
    "accounts:calendar-revoke": LOGIN_POST_ONLY,
    # django-allauth: logging in and signing up are for visitors who are not logged in
    "account_login": ANONYMOUS_ONLY,
    "account_signup": ANONYMOUS_ONLY,
    # ... the e-mail and password-reset steps work from a link in an e-mail, logged in or not
    "account_inactive": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,  # a bad key shows "this link is invalid", not an error
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,  # a bad key shows "bad token", not an error
    "account_reset_password_from_key_done": PUBLIC,
    # ... managing the account needs a login
    "account_email": LOGIN,
    "account_change_password": LOGIN,
    "account_reauthenticate": LOGIN,
    # Logging out asks to confirm; there is nothing to log out of when anonymous.
    "account_logout": Access(Redirect("core:home"), 200, 200, 200),
    # Every user here has a password, so "set a password" sends them to "change it".
    "account_set_password": Access(
        TO_LOGIN,
        Redirect("account_change_password"),
        Redirect("account_change_password"),
        Redirect("account_change_password"),
    ),
    # Login by code is off: with no code pending the page sends everyone on.
    "account_confirm_login_code": Access(
        Redirect("account_login"), TO_MY_ROUTINES, TO_MY_ROUTINES, TO_MY_ROUTINES
    ),
}

# The admin: every admin URL is staff-only unless listed here.
ADMIN_EXCEPTIONS: dict[str, Access] = {
    # One login for the site: the admin's sends visitors to allauth's; members who are not staff
    # are refused.
    "admin:login": Access(TO_LOGIN, 403, 403, Redirect("admin:index")),
    # Logging out is POST-only; a non-staff visitor is sent to the admin index (then login).
    "admin:logout": Access(Redirect("admin:index"), *[Redirect("admin:index")] * 2, 405),
    "admin:view_on_site": Access(*[TO_ADMIN_LOGIN] * 3, Redirect()),
    # Task results are written by the worker: read-only, even for a superuser.
    "admin:django_tasks_database_dbtaskresult_add": Access(*[TO_ADMIN_LOGIN] * 3, 403),
    "admin:django_tasks_database_dbtaskresult_delete": Access(*[TO_ADMIN_LOGIN] * 3, 403),
    # The catch-all: an unknown admin page is a 404, but only once you are staff.
    "admin/(?P<url>.*)$": Access(*[TO_ADMIN_LOGIN] * 3, 404),
}
# Old-style admin object URLs (admin/<app>/<model>/<pk>/) redirect staff to .../change/.
ADMIN_OBJECT_REDIRECT = Access(*[TO_ADMIN_LOGIN] * 3, Redirect())


def is_admin(route: Route) -> bool:
    return route.key.startswith("admin:") or route.route.startswith("admin/")


def expected_access(route: Route) -> Access | None:
    if route.key in MATRIX:
        return MATRIX[route.key]
    if not is_admin(route):
        return None
    if route.key in ADMIN_EXCEPTIONS:
        return ADMIN_EXCEPTIONS[route.key]
    if route.name is None and route.route.endswith("<path:object_id>/"):
        return ADMIN_OBJECT_REDIRECT
    return STAFF_ONLY


# POST data for the owner-only changes: valid, so that only ownership decides the answer.
WRITES = {
    "plans:routine-edit": lambda: {"name": "Hijacked", "focus": "core", "sessions_per_week": 3},
    "plans:routine-delete": lambda: {},
    "plans:routine-duplicate": lambda: {},
    "plans:session-add": lambda: {},
    "plans:session-update": lambda: {"name": "Mine now"},
    "plans:session-delete": lambda: {},
    "plans:session-move": lambda: {"direction": "down"},
    "plans:item-add": lambda: {"exercise": Exercise.objects.get(slug="glute-bridge").pk},
    "plans:item-update": lambda: {"sets": 9, "reps": "1", "rest_seconds": 30},
    "plans:item-delete": lambda: {},
    "plans:item-move": lambda: {"direction": "down"},
    "plans:routine-share": lambda: {"include_notes": "on"},
    "plans:routine-share-revoke": lambda: {},
    "workouts:workout-start": lambda: {},
    "workouts:log-set": lambda: {"set_id": uuid4(), "number": 1, "reps": 8},
    "workouts:workout-finish": lambda: {"feeling": 3, "note": "Not mine"},
}

OWNER_ROUTES = [
    r for r in ROUTES if expected_access(r) in (OWNER_ONLY, OWNER_POST_ONLY) or r.key in WRITES
]
TOKEN_ROUTES = [r for r in ROUTES if expected_access(r) == BAD_TOKEN]


# --- The world every request runs in ----------------------------------------------------------


@dataclass
class World:
    users: dict
    routine: Routine
    session: Session
    item: RoutineItem
    subscriber: Subscriber
    workout: Workout
    issue: Issue
    share: RoutineShare

    def slug(self, key):
        slugs = {
            "exercises:focus": "knee",
            "exercises:detail": "goblet-squat",
            "exercises:problem": "runners-knee",
            "exercises:figure": "goblet-squat",
            "exercises:figure-still": "goblet-squat",
            "exercises:figure-preview": "goblet-squat",
            "plans:add-from-library": "goblet-squat",
            "plans:template-detail": "runners-strength-template",
            "plans:template-copy": "runners-strength-template",
            "plans:template-download-pdf": "runners-strength-template",
            "plans:template-download-xlsx": "runners-strength-template",
            "workouts:exercise-history": "goblet-squat",
        }
        return slugs[key]

    def admin_object(self, route):
        model = route.callback.model_admin.model
        obj = {Routine: self.routine, Session: self.session, Workout: self.workout}.get(model)
        obj = obj or model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world needs a {model.__name__} for {route.key}"
        return obj.pk

    def value(self, route: Route, param: str):
        """A concrete URL argument: the owner's routine, session and item, real slugs…"""
        if param == "object_id" and route.key == "admin:view_on_site":
            return self.routine.pk
        if param == "pk" and route.key == "newsletter:issue":
            return self.issue.pk
        simple = {
            "pk": self.routine.pk,
            "session_pk": self.session.pk,
            "item_pk": self.item.pk,
            "workout_pk": self.workout.pk,
            "entry_pk": self.workout.exercises.order_by("order").first().pk,
            "token": "forged-token:1abcde:not-a-signature",
            "key": "not-a-real-key",
            "uidb36": "zz",
            "app_label": "plans",
            "content_type_id": ContentType.objects.get_for_model(Routine).pk,
            "id": self.users[OWNER].pk,  # admin: a user's password page
            "url": "no-such-admin-page/",
            "position": 1,  # a figure's first position
            "feed_token": self.users[OWNER].calendar_token,
            "share_token": self.share.token,
        }
        if param in simple:
            return simple[param]
        if param == "slug":
            return self.slug(route.key)
        if param == "object_id":
            return self.admin_object(route)
        raise AssertionError(f"no value for <{param}> in {route.key}: teach World.value")

    def url(self, route: Route, **overrides) -> str:
        kwargs = {p: overrides.get(p, self.value(route, p)) for p in route.params}
        if route.name:
            url = reverse(route.name, kwargs=kwargs)
        else:  # unnamed admin patterns: fill the route in by hand
            path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m[1]]), route.route)
            path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m[1]]), path)
            url = "/" + path.replace("^", "").replace("$", "")
        return url + QUERIES.get(route.key, "")


# A typical runner's answers to the plan builder: five runs, hard Tuesday and Thursday.
BUILDER_ANSWERS = "?" + urlencode(
    {
        "running_days": [0, 1, 3, 5, 6],
        "hard_days": [1, 3],
        "long_run_day": 6,
        "phase": "base",
        "experience": "some",
        "equipment": ["dumbbell"],
        "minutes": 30,
        "sessions_per_week": 2,
        "focus": "general",
        "weeks": 8,
    },
    doseq=True,
)
# Views that need query parameters to do anything at all.
QUERIES = {
    "admin:autocomplete": "?app_label=plans&model_name=routine&field_name=owner&term=run",
    "plans:builder": BUILDER_ANSWERS,
    "plans:builder-download": BUILDER_ANSWERS,
}


@pytest.fixture
def world(user, other_user):
    staff = UserFactory(is_staff=True, is_superuser=True)
    routine = routine_with(user, "goblet-squat", "push-up", sessions=2)
    session = routine.sessions.order_by("order").first()
    user.calendar_token = "the-owners-feed-token"
    user.save(update_fields=["calendar_token"])
    share = RoutineShare.objects.create(routine=routine)
    Group.objects.create(name="Coaches")
    workout = start_workout(owner=user, routine_session=session)
    LoggedSet.objects.create(
        workout_exercise=workout.exercises.order_by("order").first(), uuid=uuid4(), number=2, reps=8
    )
    subscriber = Subscriber.objects.create(
        email="reader@example.com",
        status=Subscriber.Status.CONFIRMED,
        consent_text=services.CONSENT_TEXT,
        consented_at=datetime(2026, 1, 1, tzinfo=UTC),
        confirmed_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    DBTaskResult.objects.create(
        args_kwargs={"args": [subscriber.pk, "confirm", "https://testserver"], "kwargs": {}},
        task_path="newsletter.tasks.send_newsletter_email",
        backend_name="default",
        run_after=get_date_max(),
    )
    issue = Issue.objects.create(
        subject="Week 1", body="Hello.", status=Issue.Status.SENT, sent_at=timezone.now()
    )
    return World(
        users={ANONYMOUS: None, OWNER: user, OTHER: other_user, STAFF: staff},
        routine=routine,
        session=session,
        item=session.items.order_by("order").first(),
        subscriber=subscriber,
        workout=workout,
        issue=issue,
        share=share,
    )


def client_for(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def check(response, expected: Outcome, context: str):
    location = response.get("Location", "")
    got = f"{response.status_code} {location}".strip()
    if isinstance(expected, Redirect):
        assert response.status_code == 302, f"{context}: expected {expected}, got {got}"
        if expected.to:
            assert urlsplit(location).path == reverse(expected.to), (
                f"{context}: expected {expected}, got {got}"
            )
    else:
        assert response.status_code == expected, f"{context}: expected {expected}, got {got}"


def snapshot():
    """Every routine, session and item, and every logged workout, field by field."""
    return tuple(
        list(model.objects.order_by("pk").values())
        for model in (
            Routine,
            Session,
            RoutineItem,
            RoutineShare,
            Workout,
            WorkoutExercise,
            LoggedSet,
        )
    )


# --- The tests --------------------------------------------------------------------------------


def test_every_url_is_in_the_matrix():
    missing = sorted(r.key for r in ROUTES if expected_access(r) is None)
    assert not missing, f"URLs nobody has decided access for; add them to MATRIX: {missing}"


def test_the_matrix_lists_no_url_that_is_gone():
    walked = {r.key for r in ROUTES}
    stale = sorted(set(MATRIX) - walked) + sorted(set(ADMIN_EXCEPTIONS) - walked)
    stale += sorted(set(WRITES) - walked)
    assert not stale, f"the matrix names URLs that no longer exist: {stale}"


def test_every_url_has_its_own_name():
    duplicates = [key for key, n in Counter(r.key for r in ROUTES).items() if n > 1]
    assert not duplicates


def test_the_walk_finds_every_part_of_the_site():
    keys = {r.key for r in ROUTES}
    for expected in ("core:home", "plans:item-move", "newsletter:confirm", "account_login"):
        assert expected in keys
    assert any(k.startswith("admin:") for k in keys)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.key)
def test_each_visitor_gets_what_the_matrix_says(client, world, route, role):
    access = expected_access(route)
    assert access is not None, f"{route.key} is not in the authorization matrix"
    url = world.url(route)
    response = client_for(client, world, role).get(url)
    check(response, access.for_role(role), f"GET {url} ({route.key}) as {role}")


@pytest.mark.parametrize("role", [ANONYMOUS, OTHER, STAFF])
@pytest.mark.parametrize("route", OWNER_ROUTES, ids=lambda r: r.key)
def test_nobody_but_the_owner_can_change_a_routine_by_post(client, world, route, role):
    """A POST by anyone else changes nothing: a login redirect for the anonymous; a 404 for a
    view that takes POST, a 405 for a read-only one (refused before the routine is looked up)."""
    data = WRITES[route.key]() if route.key in WRITES else {}
    before = snapshot()
    response = client_for(client, world, role).post(world.url(route), data)
    expected = TO_LOGIN if role == ANONYMOUS else 404 if route.key in WRITES else 405
    check(response, expected, f"POST {route.key} as {role}")
    assert snapshot() == before, f"POST {route.key} as {role} changed a routine"


@pytest.mark.parametrize("route", [r for r in OWNER_ROUTES if r.key in WRITES], ids=lambda r: r.key)
def test_the_owner_can_make_each_change(client, world, route):
    """The same POSTs the others were refused work for the owner, so the 404s above
    come from ownership and not from bad data."""
    before = snapshot()
    response = client_for(client, world, OWNER).post(world.url(route), WRITES[route.key]())
    check(response, Redirect(), f"POST {route.key} as owner")
    assert snapshot() != before, f"POST {route.key} as owner changed nothing"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", TOKEN_ROUTES, ids=lambda r: r.key)
def test_a_genuine_newsletter_link_works_for_everyone(client, world, route, role):
    purpose = {
        "newsletter:confirm": tokens.Purpose.CONFIRM,
        "newsletter:confirmed": tokens.Purpose.DOWNLOAD,
        "newsletter:unsubscribe": tokens.Purpose.UNSUBSCRIBE,
        "newsletter:template-pdf": tokens.Purpose.DOWNLOAD,
        "newsletter:template-xlsx": tokens.Purpose.DOWNLOAD,
    }[route.key]
    token = tokens.make_token(world.subscriber, purpose)
    response = client_for(client, world, role).get(world.url(route, token=token))
    check(response, 200, f"GET {route.key} with a genuine token as {role}")


@pytest.mark.parametrize("route", TOKEN_ROUTES, ids=lambda r: r.key)
def test_a_token_for_one_purpose_does_not_open_another(client, world, route):
    """A download link cannot be replayed as an unsubscribe link and so on."""
    purposes = {
        "newsletter:confirm": tokens.Purpose.UNSUBSCRIBE,
        "newsletter:confirmed": tokens.Purpose.CONFIRM,
        "newsletter:unsubscribe": tokens.Purpose.DOWNLOAD,
        "newsletter:template-pdf": tokens.Purpose.CONFIRM,
        "newsletter:template-xlsx": tokens.Purpose.UNSUBSCRIBE,
    }
    token = tokens.make_token(world.subscriber, purposes[route.key])
    status = world.subscriber.status
    check(client.get(world.url(route, token=token)), 400, route.key)
    world.subscriber.refresh_from_db()
    assert world.subscriber.status == status
