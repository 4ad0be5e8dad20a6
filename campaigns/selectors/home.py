"""The campaigns panels of the home page: the Office's queues and open plans, the plans waiting for the Standing
Committee's approval, a secretary's tasks."""

import datetime
import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from emulation.models import Unit
from emulation.rules import secretary_units

from ..enums import ExemplarState, InitiativeState, PlanState, ReviewState
from ..models import (
    Exemplar,
    Initiative,
    Pledge,
    ResultReport,
    YearPlan,
)
from .caching import TRACKING_TTL, tracking_version, waiting_version
from .figures import counted_totals, figure_totals, summary_figures, summary_rows_of_plans
from .members import TRACKING_ORDER, owed_items, tracking_rows_of_plans
from .records import MEMBER_LEVELS


def office_home(today=None):
    """Open plans with their deadlines and the counts the Office follows: the open plans' summary rows in one
    query (a plan without any is counted by counted_totals(), two queries, cached)."""
    today = today or timezone.localdate()
    plans = list(YearPlan.objects.filter(state=PlanState.LAUNCHED).order_by("-year")[:3])
    waiting = waiting_counts()
    summaries = []
    kept = summary_rows_of_plans(plans)
    for plan in plans:
        clusters = summary_figures(plan, rows=kept.get(plan.pk, []))
        counts = figure_totals(clusters) if clusters is not None else counted_totals(plan)["counts"]
        deadlines = [
            (_("Hạn đăng ký thi đua"), plan.registration_deadline),
            (_("Hạn báo cáo sáu tháng"), plan.six_month_deadline),
            (_("Hạn báo cáo cả năm"), plan.year_end_deadline),
        ]
        upcoming = [(label, d, (d - today).days) for label, d in deadlines if d >= today - datetime.timedelta(days=30)]
        summaries.append({"plan": plan, "counts": counts, "deadlines": upcoming})
    return {"plans": summaries, "waiting": waiting}


# The Standing Committee's home lists the first plans waiting for approval (there is one plan a year) and counts all.
APPROVALS_SHOWN = 5


def plans_awaiting_approval():
    """Plans the Office submitted and the Standing Committee has not yet decided, the longest waiting first (each
    with the moment it was sent), and how many there are: one query, two past APPROVALS_SHOWN."""
    waiting = YearPlan.objects.filter(state=PlanState.SUBMITTED)
    plans = list(waiting.order_by("submitted_at", "year")[:APPROVALS_SHOWN])
    total = len(plans) if len(plans) < APPROVALS_SHOWN else waiting.count()
    return {"plans": plans, "total": total}


def waiting_counts():
    """How many pledges, results, exemplars and initiatives wait for the Office; cached under the waiting version
    (caching.py)."""
    key = f"campaigns:waiting:{waiting_version()}"
    waiting = cache.get(key)
    if waiting is None:
        waiting = {
            "pledges": Pledge.objects.filter(state=ReviewState.SUBMITTED).count(),
            "results": ResultReport.objects.filter(state=ReviewState.SUBMITTED).count(),
            "exemplars": Exemplar.objects.filter(state=ExemplarState.PROPOSED).count(),
            "initiatives": Initiative.objects.filter(state=InitiativeState.PROPOSED).count(),
        }
        cache.set(key, waiting, TRACKING_TTL)
    return waiting


def exemplars_to_publish(limit=5):
    """The Propaganda department's queue: exemplars the Office verified and nobody has published yet, oldest first
    (the first few, with their units) and how many there are: two queries whatever their number."""
    queryset = Exemplar.objects.filter(state=ExemplarState.VERIFIED)
    first = list(queryset.select_related("unit").order_by("created_at", "pk")[:limit])
    total = len(first) if len(first) < limit else queryset.count()
    return {"exemplars": first, "total": total}


def secretary_home(user, today=None):
    """For each of the user's units and each launched plan: what the unit still owes and by when.

    Cached like the tracking figures (every change they show replaces the tracking version), per set of units.
    """
    own = secretary_units(user)
    if not own:
        return []
    today = today or timezone.localdate()
    ids = sorted(u.pk for u in own)
    parts = f"{tracking_version()}|{get_language()}|{today.isoformat()}|{ids}"
    key = "campaigns:secretary-home:" + hashlib.sha1(parts.encode(), usedforsecurity=False).hexdigest()
    entries = cache.get(key)
    if entries is None:
        entries = _secretary_entries(ids, today)
        cache.set(key, entries, TRACKING_TTL)
    return entries


def _secretary_entries(unit_ids, today):
    plans = list(YearPlan.objects.filter(state=PlanState.LAUNCHED).order_by("-year")[:3])
    units = Unit.objects.filter(pk__in=unit_ids, is_active=True, level__in=MEMBER_LEVELS).order_by(*TRACKING_ORDER)
    rows = tracking_rows_of_plans(plans, units.only("name", "cluster_id")) if plans else {}
    return [
        {"plan": plan, "unit": row, "items": owed_items(plan, row, today)} for plan in plans for row in rows[plan.pk]
    ]
