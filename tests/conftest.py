import pytest
from django.core.cache import cache
from django.core.management import call_command
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
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()
