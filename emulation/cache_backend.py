"""The Redis cache, failing open: while Redis cannot be reached the portal runs as if its cache were empty.

Everything the cache holds can be computed again from the database (counts, versions, page fragments), so a page
is served from the database rather than failing. Each failure is logged; the login throttle, whose counters must
not be lost, keeps counting in the database meanwhile (throttle.py).
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class CacheUnavailable(Exception):
    """Raised by ``incr``/``decr`` while Redis is unreachable: a counter cannot be answered with a guess."""


def _failing_open(default):
    def wrap(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("Cache unreachable (%s); %s served without it.", type(error).__name__, method.__name__)
                return default() if callable(default) else default

        return call

    return wrap


def _unavailable():
    raise CacheUnavailable


class FailOpenRedisCache(RedisCache):
    """RedisCache whose reads miss and whose writes are dropped while Redis is unreachable."""

    get_many = _failing_open(dict)(RedisCache.get_many)
    has_key = _failing_open(False)(RedisCache.has_key)
    add = _failing_open(False)(RedisCache.add)
    set = _failing_open(None)(RedisCache.set)
    set_many = _failing_open(list)(RedisCache.set_many)
    touch = _failing_open(False)(RedisCache.touch)
    delete = _failing_open(False)(RedisCache.delete)
    delete_many = _failing_open(None)(RedisCache.delete_many)
    incr = _failing_open(_unavailable)(RedisCache.incr)

    def get(self, key, default=None, version=None):  # the miss answers the caller's default
        try:
            return super().get(key, default, version)
        except RedisError as error:
            logger.warning("Cache unreachable (%s); get served without it.", type(error).__name__)
            return default
