"""Versions that drop cached figures at once.

A version is a random token under a fixed key. A write that makes cached figures stale replaces it (through its
app's upkeep module), so every cache key built on it is left behind without anyone knowing the keys; the TTL only
reclaims the memory and covers writes made around the services.
"""

import uuid

from django.core.cache import cache

TTL = 900


def versions(names):
    """{name: token} of several versions, read in one round trip; a missing one is created."""
    keys = {f"version:{name}": name for name in names}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        cache.add(key, uuid.uuid4().hex, None)  # two first readers agree on one token
        found[key] = cache.get(key, "")
    return {name: found[key] for key, name in keys.items()}


def version(name):
    return versions([name])[name]


def replace_versions(names):
    cache.set_many({f"version:{name}": uuid.uuid4().hex for name in names}, None)


def replace_version(name):
    replace_versions([name])
