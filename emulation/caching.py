"""Versions that drop cached figures at once.

A version is a random token under a fixed key. A write that makes cached figures stale replaces it (a signal), so
every cache key built on it is left behind without anyone knowing the keys; the TTL only reclaims the memory and
covers writes that send no signal (bulk updates).
"""

import uuid

from django.core.cache import cache

TTL = 900


def version(name):
    key = f"version:{name}"
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, None)  # two first readers agree on one token
        value = cache.get(key, "")
    return value


def replace_version(name):
    cache.set(f"version:{name}", uuid.uuid4().hex, None)
