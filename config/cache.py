"""Django's Redis cache backend, keeping one Redis client per connection pool.

django.core.cache.backends.redis builds a new `redis.Redis` object for every
cache call, and that constructor (it fills a table of response callbacks)
costs about as much as the round trip to a local Redis: a third of the time
of a page served from the cache. The client holds no state of its own beyond
its pool, so one per pool serves every call.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
