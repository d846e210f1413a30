import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.test import override_settings

from tests.accounts.factories import UserFactory

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _test_environment(tmp_path_factory):
    """Real hashed, compressed static files (as production serves them) and fast hashing."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=static_root, PASSWORD_HASHERS=FAST_HASHERS):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached pages never leak from one test into the next."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def database_outside_transactions(django_db_setup, django_db_blocker):
    """The test database, with no test transaction around it. pytest-django creates it
    only when a selected test asks for the database; otherwise the connection still names
    the real one, which this refuses."""
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            is_test_database = connection.is_in_memory_db()
        else:
            is_test_database = connection.settings_dict["NAME"].startswith(TEST_DATABASE_PREFIX)
        if not is_test_database:
            pytest.fail("No test database: run this test with the rest of its file.")
        yield


@pytest.fixture
def members(database_outside_transactions):
    """Make committed members, for tests whose threads must see each other's rows; they
    and all they own are deleted after the test, so the shipped library is never touched
    and no flush is needed."""
    made = []

    def make():
        made.append(UserFactory())
        return made[-1]

    yield make
    for member in made:
        member.delete()
