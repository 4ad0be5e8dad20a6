"""Attempt counters in the cache, for limits that must hold under concurrent requests.

An attempt is counted before it is carried out (the password checked, the mail queued), and the decision is taken
from the value the increment itself returned: two requests racing never both read "4 of 5" and both go ahead, so
no more than the limit are ever carried out within a window. The window starts with the first attempt counted and
is not extended by later ones (both the local-memory and the Redis caches keep a key's expiry on increment).

While Redis is unreachable (the cache fails open, emulation/cache_backend.py) the counters are kept in the database,
one locked row each, so a Redis outage does not lift the limits.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .cache_backend import CacheUnavailable
from .models import ThrottleCounter


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
        except CacheUnavailable:
            return _hit_in_database(counter, window)
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
    except CacheUnavailable:
        ThrottleCounter.objects.filter(key=counter, count__gt=0).update(count=F("count") - 1)
        return
    if count <= 0:  # as in hit(): a counter Redis recreated after its expiry gets one again
        cache.touch(counter, window)


def reset(counter):
    cache.delete(counter)
    ThrottleCounter.objects.filter(key=counter).delete()  # what an outage counted


def _hit_in_database(counter, window):
    """hit() while the cache is unreachable: the counter's row, locked, counted in the same window rules."""
    now = timezone.now()
    ends = now + datetime.timedelta(seconds=window)
    with transaction.atomic():
        row = ThrottleCounter.objects.select_for_update().filter(key=counter).first()
        if row is None:
            try:
                with transaction.atomic():
                    ThrottleCounter.objects.create(key=counter, count=1, expires_at=ends)
                return 1
            except IntegrityError:  # a concurrent first attempt created it: count on it
                row = ThrottleCounter.objects.select_for_update().get(key=counter)
        if row.expires_at <= now:
            row.count, row.expires_at = 1, ends
        else:
            row.count += 1
        row.save(update_fields=["count", "expires_at"])
        return row.count


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
