"""Attempt counters in the cache, for limits that must hold under concurrent requests.

An attempt is counted before it is carried out (the password checked, the mail queued), and the decision is taken
from the value the increment itself returned: two requests racing never both read "4 of 5" and both go ahead, so
no more than the limit are ever carried out within a window. The window starts with the first attempt counted and
is not extended by later ones (both the local-memory and the Redis caches keep a key's expiry on increment).
"""

import hashlib

from django.core.cache import cache


def key(scope, value):
    """A cache key for one counter; the value is hashed, so any text (usernames, emails) makes a valid key."""
    digest = hashlib.sha256(str(value or "").encode()).hexdigest()
    return f"throttle:{scope}:{digest}"


def hit(counter, *, window):
    """Count one attempt on the counter and return the count, this attempt included."""
    for _ in range(3):
        if cache.add(counter, 1, window):
            return 1
        try:
            count = cache.incr(counter)
        except ValueError:  # the counter expired between add and incr: start a new window
            continue
        if count <= 1:
            # Redis's INCR recreates a key that expired just after Django checked it exists, with no expiry at all:
            # a counter that never expires would lock its username out for good.
            cache.touch(counter, window)
        return count
    cache.set(counter, 1, window)
    return 1


def give_back(counter, *, window):
    """Uncount one attempt (it turned out not to be one the limit is about)."""
    try:
        count = cache.decr(counter)
    except ValueError:  # the window has passed: nothing left to give back
        return
    if count <= 0:  # as in hit(): a counter Redis recreated after its expiry gets one again
        cache.touch(counter, window)


def reset(counter):
    cache.delete(counter)


def reserve(limits, *, window):
    """Count one attempt on each (counter, limit) pair in turn; True if every count stayed within its limit.

    Refused at one counter, the attempt is given back to the counters before it: what was refused without being
    carried out should not use up the budget of, say, a whole office's shared address.
    """
    taken = []
    for counter, limit in limits:
        if hit(counter, window=window) > limit:
            for earlier in taken:
                give_back(earlier, window=window)
            return False
        taken.append(counter)
    return True
