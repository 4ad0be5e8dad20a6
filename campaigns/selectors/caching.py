"""What the campaigns cache and when it is dropped: versions replaced by every write (campaigns.upkeep), so a cached
figure, count or order is never read after a change it depends on; the TTL is only a safety net."""

import hashlib

from django.core.cache import cache
from django.utils.functional import cached_property
from django.utils.translation import get_language

from emulation.caching import replace_version, replace_versions, version, versions

# Tracking figures, list orders and list counts are cached until a pledge, result, covenant, signature, plan, unit or
# cluster changes (campaigns.upkeep replaces the version, so every cached figure of every plan is dropped at once).
TRACKING = "campaigns:tracking"
TRACKING_TTL = 900


def tracking_version():
    return version(TRACKING)


def forget_tracking(**kwargs):
    replace_version(TRACKING)


def tracking_key(kind, plan, filters, today=None):
    """A cache key for a plan's tracking figure or page of ``kind``: it changes with the tracking version, the
    language, the filters (and ``today`` for what depends on the deadlines passed)."""
    parts = [kind, tracking_version(), str(plan.pk), get_language() or "", repr(sorted(filters.items()))]
    if today is not None:
        parts.append(today.isoformat())
    return "campaigns:tracking:" + hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()


# A plan's summary rows (PlanClusterSummary) are cached under a version of their own, replaced by the write that
# recounts them, both at once (a page then reads the new rows, this transaction's included) and once it commits (a
# page that read the old rows between the two stored them under the version replaced since).
def _summary(pk):
    return f"campaigns:summary:{pk}"


def summary_versions(plan_ids):
    """{plan id: version of its cached summary rows}."""
    found = versions([_summary(pk) for pk in plan_ids])
    return {pk: found[_summary(pk)] for pk in plan_ids}


def forget_summaries(plan_ids):
    replace_versions([_summary(pk) for pk in plan_ids])


# The Office's queue counts are cached until a pledge, result, exemplar or initiative changes (campaigns.upkeep);
# each counts over an index of up to hundreds of thousands of rows, on every home page view otherwise.
WAITING = "campaigns:waiting"


def forget_waiting(**kwargs):
    replace_version(WAITING)


def waiting_version():
    return version(WAITING)


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
