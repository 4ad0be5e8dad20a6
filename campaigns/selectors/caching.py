"""What the campaigns cache and when it is dropped: versions replaced by the signals in apps.py, so a cached
figure, count or order is never read after a change it depends on; the TTL is only a safety net."""

import hashlib
import uuid

from django.core.cache import cache
from django.utils.functional import cached_property

# Tracking figures, list orders and list counts are cached until a pledge, result, covenant, signature, plan, unit or
# cluster changes (signals in apps.py replace the version, so every cached figure of every plan is dropped at once).
TRACKING_VERSION_KEY = "campaigns:tracking-version"
TRACKING_TTL = 900


def tracking_version():
    version = cache.get(TRACKING_VERSION_KEY)
    if version is None:
        cache.add(TRACKING_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(TRACKING_VERSION_KEY, "")
    return version


def forget_tracking(**kwargs):
    cache.set(TRACKING_VERSION_KEY, uuid.uuid4().hex, None)


# A plan's summary rows (PlanClusterSummary) are cached under a version of their own, replaced by the write that
# recounts them, both at once (a page then reads the new rows, this transaction's included) and once it commits (a
# page that read the old rows between the two stored them under the version replaced since).
SUMMARY_VERSION_KEY = "campaigns:summary-version:{}"


def summary_versions(plan_ids):
    """{plan id: version of its cached summary rows}."""
    keys = {SUMMARY_VERSION_KEY.format(pk): pk for pk in plan_ids}
    found = cache.get_many(list(keys))
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key, "")
    return {pk: found[key] for key, pk in keys.items()}


def forget_summaries(plan_ids):
    cache.set_many({SUMMARY_VERSION_KEY.format(pk): uuid.uuid4().hex for pk in plan_ids}, None)


# The Office's queue counts are cached until a pledge, result, exemplar or initiative changes (signals in apps.py);
# each is a count over an index of up to hundreds of thousands of rows (5 to 7 ms at national scale).
WAITING_VERSION_KEY = "campaigns:waiting-version"


def forget_waiting(**kwargs):
    cache.set(WAITING_VERSION_KEY, uuid.uuid4().hex, None)


def waiting_version():
    version = cache.get(WAITING_VERSION_KEY)
    if version is None:
        cache.add(WAITING_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(WAITING_VERSION_KEY, "")
    return version


def lists_version():
    """Changes whenever a pledge, result, covenant, signature, plan, unit, exemplar or initiative changes."""
    return f"{tracking_version()}.{waiting_version()}"


class OrderedIds:
    """A queryset's rows as the paginator slices them: its order of ids is read once per change and cached under the
    tracking version; a page then reads its rows by id, without sorting the whole list again.

    ``key`` names what selects and orders the rows (the user's scope, the filters); the query's own SQL would do,
    but compiling it costs more than the page's other queries.
    """

    def __init__(self, queryset, key):
        self.queryset = queryset
        text = f"{tracking_version()}|{key}"
        self.key = "campaigns:order:" + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()

    @cached_property
    def ids(self):
        ids = cache.get(self.key)
        if ids is None:
            ids = list(self.queryset.values_list("pk", flat=True))
            cache.set(self.key, ids, TRACKING_TTL)
        return ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index]
        rows = {row.pk: row for row in self.queryset.filter(pk__in=ids).order_by()}
        return [rows[pk] for pk in ids if pk in rows]
