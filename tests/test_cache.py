"""The Redis cache production uses (config.cache), against the local Redis server."""

import pytest
import redis

from config.cache import RedisCache
from tests.test_site import production_shell

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_cache():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    cache = RedisCache(REDIS_URL, {})
    cache.clear()
    yield cache
    cache.clear()


def test_values_round_trip_through_one_client(redis_cache):
    redis_cache.set("routine", {"name": "Tuesday strength", "sets": 3})
    assert redis_cache.add("version", "a") is True
    assert redis_cache.add("version", "b") is False
    assert redis_cache.get_many(["routine", "version", "missing"]) == {
        "routine": {"name": "Tuesday strength", "sets": 3},
        "version": "a",
    }
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client


def test_production_settings_use_it_for_a_redis_url():
    printed = production_shell(
        "from django.core.cache import caches; print(type(caches['default']).__module__)"
    )
    assert printed.strip().splitlines()[-1] == "config.cache"
