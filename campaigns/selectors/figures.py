"""The figures of a plan, per cluster and in total, that the tracking and ranking pages, the home page and the
reports show: one function per figure, read from the kept summary (PlanClusterSummary) or counted the same way."""

from django.core.cache import cache
from django.db.models import Count, FilteredRelation, Q, Value

from ..enums import FILED_STATES, ReportingPeriod, ReviewState
from ..models import Covenant, PlanClusterSummary, ResultReport
from .caching import TRACKING_TTL, summary_versions, tracking_key
from .members import member_units_with_status, normalized_filters, tracking_started

# The tracking page's counters.
FIGURES = ("total", "pledged", "accepted", "late", "signed", "six_month", "year_end")
# The summary's count of units overdue once each deadline has passed (see PlanClusterSummary).
OWING = ("owing_registration", "owing_six_month", "owing_year_end")
RANKED = {ReportingPeriod.SIX_MONTH: "ranked_six_month", ReportingPeriod.YEAR_END: "ranked_year_end"}
# The tracking page's counters and the ranking page's rows per period, the figures a plan's reports print.
PLAN_FIGURES = (*FIGURES, *RANKED.values())


def summary_rows_of_plans(plans):
    """{plan id: its PlanClusterSummary rows as dicts with the cluster's name}, cached under each plan's summary
    version (see caching.py), the plans not cached read in one query; a plan with no rows yet (data loaded around
    the models and not rebuilt: services.summaries.rebuild_plan_summaries) is left out."""
    versions = summary_versions([plan.pk for plan in plans])
    keys = {pk: f"campaigns:summary:{pk}:{version}" for pk, version in versions.items()}
    cached = cache.get_many(list(keys.values()))
    rows = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in keys if pk not in rows]
    if missing:
        read = {pk: [] for pk in missing}
        for row in (
            PlanClusterSummary.objects.filter(plan__in=missing)
            .order_by()
            .values("plan_id", "cluster_id", "cluster__name", *FIGURES, *OWING, *RANKED.values())
        ):
            read[row["plan_id"]].append(row)
        cache.set_many({keys[pk]: plan_rows for pk, plan_rows in read.items()}, TRACKING_TTL)
        rows.update(read)
    return {pk: plan_rows for pk, plan_rows in rows.items() if plan_rows}


def summary_rows(plan):
    """The plan's summary rows (summary_rows_of_plans()), or None when it has none."""
    return summary_rows_of_plans([plan]).get(plan.pk)


def figure_totals(clusters):
    """The figures of every cluster added up."""
    return {name: sum(c[name] for c in clusters) for name in FIGURES}


def summary_figures(plan, cluster=None, rows=None):
    """cluster_figures(plan, member_units(cluster=cluster)) read from the plan's summary rows (one query unless
    ``rows`` of summary_rows_of_plans() are given), or None when the plan has no summary rows."""
    rows = summary_rows(plan) if rows is None else rows
    if not rows:
        return None
    return sorted(
        (
            {
                "cluster_id": row["cluster_id"],
                "cluster__name": row["cluster__name"] or "",
                **{f: row[f] for f in FIGURES},
            }
            for row in rows
            if row["total"] and (not cluster or str(row["cluster_id"]) == str(cluster))
        ),
        key=lambda row: row["cluster__name"],
    )


def summary_overdue_count(plan, today, cluster=None):
    """How many member units (of ``cluster``) owe something overdue on ``today``: the count of the last deadline
    passed, read at once from the summary, so it is right the day a deadline passes. None with no summary rows."""
    found = overdue_by_cluster(plan, today, cluster)
    return None if found is None else sum(n for _pk, _name, n in found)


def overdue_by_cluster(plan, today, cluster=None):
    """[(cluster id, name, units overdue on ``today``)] in the tracking order (by name, no cluster last), from the
    summary; None with no summary rows."""
    rows = summary_rows(plan)
    if rows is None:
        return None
    passed = [plan.registration_deadline < today, plan.six_month_deadline < today, plan.year_end_deadline < today]
    column = OWING[sum(passed) - 1] if any(passed) else "late"
    started = tracking_started(plan)  # before the launch no unit owes anything, whatever the summary counted
    found = [
        (row["cluster_id"], row["cluster__name"], row[column] if started else 0)
        for row in rows
        if not cluster or str(row["cluster_id"]) == str(cluster)
    ]
    return sorted(found, key=lambda row: (row[1] is None, row[1] or ""))


def cluster_figures(plan, units):
    """Per cluster of ``units``: units, pledges filed, accepted and late, units that signed the covenant, results
    filed per period; what the summary counts from the units' tracking rows (services.summaries), for units the
    summary's rows do not follow (a sector, a pledge status, a subtree).

    One grouped query: each unit joins at most one current pledge, one filed result per period and one signature
    of the plan (a unit signs its own cluster's covenant once), where per unit subqueries would run once a unit.
    """
    filed = list(FILED_STATES)
    current = Q(pledges__plan=plan) & ~Q(pledges__state=ReviewState.SUPERSEDED)
    # Ids, not a subquery: a join condition takes none. With no covenant (an empty IN) the join is left out.
    covenants = list(Covenant.objects.filter(plan=plan).order_by().values_list("pk", flat=True))

    def filed_result(period):
        return FilteredRelation(
            "result_reports",
            condition=Q(result_reports__plan=plan, result_reports__period=period, result_reports__state__in=filed),
        )

    joins = {
        "pledge": FilteredRelation("pledges", condition=current),
        "six": filed_result(ReportingPeriod.SIX_MONTH),
        "year": filed_result(ReportingPeriod.YEAR_END),
    }
    signed = Value(0)
    if covenants:
        condition = Q(covenant_signatures__covenant__in=covenants)
        joins["signature"] = FilteredRelation("covenant_signatures", condition=condition)
        signed = Count("signature")
    rows = (
        units.order_by()
        .annotate(**joins)
        .values("cluster_id", "cluster__name")
        .annotate(
            total=Count("pk"),
            pledged=Count("pledge", filter=Q(pledge__state__in=filed)),
            accepted=Count("pledge", filter=Q(pledge__state=ReviewState.ACCEPTED)),
            late=Count("pledge", filter=Q(pledge__is_late=True)),
            signed=signed,
            six_month=Count("six"),
            year_end=Count("year"),
        )
    )
    return sorted(
        ({**row, "cluster__name": row["cluster__name"] or ""} for row in rows), key=lambda row: row["cluster__name"]
    )


def counted_totals(plan, filters=None):
    """tracking_totals() counted by cluster_figures() over the filtered units, cached under the tracking
    version (see caching.py)."""
    filters = normalized_filters(filters)
    key = tracking_key("totals", plan, filters)
    totals = cache.get(key)
    if totals is None:
        clusters = cluster_figures(plan, member_units_with_status(plan, **filters))
        totals = {"counts": figure_totals(clusters), "clusters": clusters}
        cache.set(key, totals, TRACKING_TTL)
    return totals


def ranked_sizes(plan, period):
    """[(cluster id, accepted results)] by cluster name for a period of a plan, from the plan's summary rows (or
    counted and cached under the tracking version when the plan has none).

    A filter on clusters leaves the ranks intact (the ranking is within each cluster), so a page of the ranking is
    computed over the clusters it spans only (ClusterSlices).
    """
    rows = summary_rows(plan)
    if rows is not None:
        ranked = RANKED[period]
        rows = sorted((row for row in rows if row["cluster_id"] and row[ranked]), key=lambda row: row["cluster__name"])
        return [(row["cluster_id"], row[ranked]) for row in rows]
    key = tracking_key(f"ranked-{period}", plan, {})
    sizes = cache.get(key)
    if sizes is None:
        accepted = ResultReport.objects.filter(
            plan=plan, period=period, state=ReviewState.ACCEPTED, unit__cluster__isnull=False
        )
        sizes = list(accepted.values_list("unit__cluster_id").annotate(n=Count("pk")).order_by("unit__cluster__name"))
        cache.set(key, sizes, TRACKING_TTL)
    return sizes


def plan_figures(plans, units=None):
    """{plan id: {figure: count}} for each plan: the tracking page's counters with no filter (tracking_totals) and
    the accepted results the ranking page ranks in each period (ranked_sizes), whenever they were filed.

    The periodic reports print these, so a report about a plan's year says what the tracking and ranking pages say
    about it, whatever the day it is produced. With ``units`` (member_units() narrowed, e.g. to a unit's subtree)
    the same figures are counted over those units alone, one grouped query a plan (plus one for the ranked results).
    """
    plans = list(plans)
    if units is not None:
        return _plan_figures_of_units(plans, units)
    summaries = summary_rows_of_plans(plans)
    figures = {}
    for plan in plans:
        rows = summaries.get(plan.pk)
        if rows is None:
            counts = counted_totals(plan)["counts"]
            ranked = {field: sum(n for _pk, n in ranked_sizes(plan, period)) for period, field in RANKED.items()}
        else:
            counts = figure_totals(summary_figures(plan, rows=rows))
            ranked = {field: sum(row[field] for row in rows if row["cluster_id"]) for field in RANKED.values()}
        figures[plan.pk] = {**counts, **ranked}
    return figures


def _plan_figures_of_units(plans, units):
    ranked = {}
    for plan_id, period, n in (
        ResultReport.objects.filter(
            plan__in=plans, state=ReviewState.ACCEPTED, unit__in=units.values("pk"), unit__cluster__isnull=False
        )
        .order_by()
        .values_list("plan_id", "period")
        .annotate(n=Count("pk"))
    ):
        ranked[(plan_id, period)] = n
    figures = {}
    for plan in plans:
        counts = figure_totals(cluster_figures(plan, units))
        figures[plan.pk] = {**counts, **{field: ranked.get((plan.pk, p), 0) for p, field in RANKED.items()}}
    return figures
