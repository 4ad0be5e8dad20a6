"""Keep the per plan, per cluster tracking figures (PlanClusterSummary) in step with what they count.

Every write that changes a count recomputes the rows of the clusters it touches, inside the writer's transaction
(campaigns.upkeep, which every writer calls): a recount of one cluster's units cannot drift the way +1/-1 counters
do when a state change is missed, and the figures commit (or roll back) with the write.
"""

from functools import partial

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from emulation.models import Cluster, Unit

from ..enums import FILED_STATES, ReviewState
from ..models import PlanClusterSummary, ResultReport, YearPlan
from ..selectors.caching import forget_summaries
from ..selectors.figures import FIGURES, OWING, RANKED
from ..selectors.members import overdue_on_each_deadline, tracking_rows_of_plans
from ..selectors.records import MEMBER_LEVELS

COUNTS = (*FIGURES, *OWING, *RANKED.values())
# Clusters recounted per transaction by a rebuild: ~5,000 units at national scale, so the id lists stay short and
# the locks are held for a fraction of a second.
REBUILD_CLUSTERS = 50


def refresh_summaries(*, cluster_ids, plan_ids=None):
    """Recount the rows of the given clusters (None standing for the units of no cluster) for the given plans (None:
    every plan), creating missing rows; runs in the caller's transaction.

    Existing rows are locked (in a fixed order) before anything is counted: a concurrent write to the same cluster
    waits for this transaction, then counts its committed change as well, so neither update is lost. A missing row
    is inserted with its counts; should a concurrent writer have inserted it first (its insert wins, ours is
    ignored), the row is recounted under its lock.
    """
    plans = YearPlan.objects.order_by("pk").only(
        "pk", "registration_deadline", "six_month_deadline", "year_end_deadline"
    )
    if plan_ids is not None:
        plans = plans.filter(pk__in=list(plan_ids))
    plans = list(plans)
    cluster_ids = sorted(set(cluster_ids), key=lambda pk: (pk is None, pk or 0))
    if not plans or not cluster_ids:
        return 0
    plan_ids = [plan.pk for plan in plans]
    forget_summaries(plan_ids)
    transaction.on_commit(partial(forget_summaries, plan_ids))
    with transaction.atomic():
        rows = _locked_rows(plans, cluster_ids)
        counted = _counts(plans, cluster_ids)
        _write(rows, counted)
        missing = [key for key in counted if key not in rows]
        if missing:
            PlanClusterSummary.objects.bulk_create(
                [
                    PlanClusterSummary(plan_id=plan_id, cluster_id=pk, **counted[(plan_id, pk)])
                    for plan_id, pk in missing
                ],
                ignore_conflicts=True,
            )
            inserted = _locked_rows(plans, cluster_ids)
            lost = {key: inserted[key] for key in missing if _differs(inserted[key], counted[key])}
            if lost:  # another writer's insert won: count again now that the row is locked
                _write(lost, _counts(plans, sorted({pk for _plan, pk in lost}, key=lambda pk: (pk is None, pk or 0))))
    return len(counted)


def rebuild_plan_summaries(plan=None):
    """Recount every cluster's row of ``plan`` (None: of every plan), e.g. after data was loaded around the models
    (a bulk COPY, raw SQL) or to check the kept figures; idempotent. Returns the number of rows written."""
    cluster_ids = [*Cluster.objects.order_by("pk").values_list("pk", flat=True), None]
    plan_ids = None if plan is None else [plan.pk]
    written = 0
    for start in range(0, len(cluster_ids), REBUILD_CLUSTERS):
        written += refresh_summaries(cluster_ids=cluster_ids[start : start + REBUILD_CLUSTERS], plan_ids=plan_ids)
    return written


def _cluster_condition(cluster_ids, field="cluster"):
    condition = Q(**{f"{field}_id__in": [pk for pk in cluster_ids if pk is not None]})
    if None in cluster_ids:
        condition |= Q(**{f"{field}__isnull": True})
    return condition


def _locked_rows(plans, cluster_ids):
    """{(plan id, cluster id): row} of the existing rows of the clusters and plans, locked for update."""
    rows = (
        PlanClusterSummary.objects.select_for_update()
        .filter(_cluster_condition(cluster_ids), plan__in=plans)
        .order_by("pk")
    )
    return {(row.plan_id, row.cluster_id): row for row in rows}


def _counts(plans, cluster_ids):
    """{(plan id, cluster id): {count name: value}} for every plan and cluster given."""
    counted = {(plan.pk, pk): dict.fromkeys(COUNTS, 0) for plan in plans for pk in cluster_ids}
    units = Unit.objects.filter(_cluster_condition(cluster_ids), is_active=True, level__in=MEMBER_LEVELS)
    # The per-unit states of the tracking page's rows, so the figures count exactly what the rows show.
    per_plan = tracking_rows_of_plans(plans, units.order_by().only("pk", "cluster_id"))
    for plan in plans:
        for unit in per_plan[plan.pk]:
            _count_unit(counted[(plan.pk, unit.cluster_id)], plan, unit)
    ranked = (
        ResultReport.objects.filter(
            _cluster_condition([pk for pk in cluster_ids if pk is not None], "unit__cluster"),
            plan__in=plans,
            state=ReviewState.ACCEPTED,
        )
        .order_by()
        .values_list("plan_id", "unit__cluster_id", "period")
        .annotate(n=Count("pk"))
    )
    for plan_id, cluster_id, period, n in ranked:
        if period in RANKED:
            counted[(plan_id, cluster_id)][RANKED[period]] = n
    return counted


def _differs(row, counts):
    return any(getattr(row, name) != value for name, value in counts.items())


def _write(rows, counted):
    """Set the counts on the rows that differ and save those."""
    changed = []
    for key, row in rows.items():
        if _differs(row, counted[key]):
            for name, value in counted[key].items():
                setattr(row, name, value)
            changed.append(row)
    now = timezone.now()
    for row in changed:
        row.updated_at = now
    PlanClusterSummary.objects.bulk_update(changed, [*COUNTS, "updated_at"], batch_size=500)


def _count_unit(counts, plan, unit):
    """Add one unit's states (a tracking_rows_of_plans() row) to its cluster's counts."""
    counts["total"] += 1
    counts["pledged"] += unit.pledge_state in FILED_STATES
    counts["accepted"] += unit.pledge_state == ReviewState.ACCEPTED
    counts["late"] += bool(unit.pledge_late)
    counts["signed"] += bool(unit.signed)
    counts["six_month"] += unit.six_month_state in FILED_STATES
    counts["year_end"] += unit.year_end_state in FILED_STATES
    for column, overdue in zip(OWING, overdue_on_each_deadline(plan, unit), strict=True):
        counts[column] += overdue
