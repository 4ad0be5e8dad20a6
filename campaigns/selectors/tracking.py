"""The Office's tracking of a plan and the ranking within clusters: per unit, per cluster, late and missing."""

import copy
import hashlib
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Rank
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from emulation.models import Cluster, Unit
from emulation.selectors import visible_units

from ..enums import FILED_STATES, ReportingPeriod, ReviewState
from ..models import (
    Covenant,
    CovenantSignature,
    PlanClusterSummary,
    Pledge,
    ResultReport,
)
from .caching import TRACKING_TTL, summary_versions, tracking_version
from .records import MEMBER_LEVELS

PLEDGE_STATUS_NONE = "none"
# Left out of the tracking: a replaced revision, and a draft, which is the unit's working copy until it is sent (the
# same rule as the records' pages, campaigns.view_unit_record). A unit with a draft shows as having sent nothing.
NOT_TRACKED = [ReviewState.SUPERSEDED, ReviewState.DRAFT]
TRACKED_STATES = [state for state in ReviewState.values if state not in NOT_TRACKED]
RANKED = {ReportingPeriod.SIX_MONTH: "ranked_six_month", ReportingPeriod.YEAR_END: "ranked_year_end"}


def tracking_units(plan, *, user=None, cluster=None, sector="", status=""):
    """Member units with their pledge, covenant signature and result states for a plan, one query for a page.

    ``status`` filters on the pledge: a ReviewState value, "none" (nothing started), "late" or "missing".
    """
    # order_by(): the models' default ordering would join plan and unit inside every correlated subquery.
    current = Pledge.objects.filter(plan=plan, unit=OuterRef("pk")).exclude(state__in=NOT_TRACKED).order_by()
    result = ResultReport.objects.filter(plan=plan, unit=OuterRef("pk")).exclude(state=ReviewState.DRAFT).order_by()
    units = Unit.objects.filter(is_active=True, level__in=MEMBER_LEVELS)
    if user is not None:
        units = units.filter(pk__in=visible_units(user).values("pk"))
    units = units.select_related("cluster").annotate(
        pledge_id=Subquery(current.values("pk")[:1]),
        pledge_state=Subquery(current.values("state")[:1]),
        pledge_late=Subquery(current.values("is_late")[:1]),
        has_covenant=Exists(
            Covenant.objects.filter(plan=plan, cluster=OuterRef("cluster"), state__in=["open", "closed"]).order_by()
        ),
        covenant_id=Subquery(
            Covenant.objects.filter(plan=plan, cluster=OuterRef("cluster")).order_by().values("pk")[:1]
        ),
        signed=Exists(CovenantSignature.objects.filter(covenant__plan=plan, unit=OuterRef("pk"))),
        six_month_state=Subquery(result.filter(period=ReportingPeriod.SIX_MONTH).values("state")[:1]),
        six_month_score=Subquery(result.filter(period=ReportingPeriod.SIX_MONTH).values("score")[:1]),
        year_end_state=Subquery(result.filter(period=ReportingPeriod.YEAR_END).values("state")[:1]),
        year_end_score=Subquery(result.filter(period=ReportingPeriod.YEAR_END).values("score")[:1]),
    )
    if cluster:
        units = units.filter(cluster_id=cluster)
    if sector:
        units = units.filter(sector=sector)
    units = _filter_status(units, status)
    return units.order_by(*TRACKING_ORDER)


def _filter_status(units, status):
    filed = list(FILED_STATES)
    if status == PLEDGE_STATUS_NONE:
        return units.filter(pledge_state__isnull=True)
    if status == "late":
        return units.filter(pledge_late=True)
    if status == "missing":
        return units.filter(Q(pledge_state__isnull=True) | ~Q(pledge_state__in=filed))
    if status in TRACKED_STATES:
        return units.filter(pledge_state=status)
    return units


STATE_FIELDS = ("pledge_state", "pledge_late", "signed", "six_month_state", "year_end_state")


def _tally(rows):
    """Counts from rows grouped by the state fields (each row carries how many units share them in ``n``)."""
    filed = FILED_STATES
    totals = {"total": 0, "pledged": 0, "accepted": 0, "late": 0, "signed": 0, "six_month": 0, "year_end": 0}
    for row in rows:
        n = row["n"]
        totals["total"] += n
        totals["pledged"] += n if row["pledge_state"] in filed else 0
        totals["accepted"] += n if row["pledge_state"] == ReviewState.ACCEPTED else 0
        totals["late"] += n if row["pledge_late"] else 0
        totals["signed"] += n if row["signed"] else 0
        totals["six_month"] += n if row["six_month_state"] in filed else 0
        totals["year_end"] += n if row["year_end_state"] in filed else 0
    return totals


def tracking_by_cluster(units):
    """Per cluster: units, pledges filed, covenant signatures, results filed; one grouped query."""
    grouped = {}
    for row in units.order_by().values("cluster_id", "cluster__name", *STATE_FIELDS).annotate(n=Count("pk")):
        grouped.setdefault((row["cluster__name"] or "", row["cluster_id"]), []).append(row)
    return [
        {"cluster__name": name, "cluster_id": cluster_id, **_tally(rows)}
        for (name, cluster_id), rows in sorted(grouped.items(), key=lambda item: item[0][0])
    ]


OVERDUE_SHOWN = 30  # the full list is in the export and "remind all"; 100 rows cost more to render than to query


def _tracking_key(kind, plan, filters, today=None):
    parts = [kind, tracking_version(), str(plan.pk), get_language() or "", repr(sorted(filters.items()))]
    if today is not None:
        parts.append(today.isoformat())
    return "campaigns:tracking:" + hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()


TRACKING_FILTERS = ("cluster", "sector", "status")


def _normalized(filters):
    """The filters as tracking_units() takes them; the home page's figures (no filter) share the page's cache."""
    return {name: (filters or {}).get(name) or "" for name in TRACKING_FILTERS}


def tracking_clusters():
    """(pk, name) of every cluster by name, cached (see above): the tracking filter's options and page order."""
    key = f"campaigns:tracking:clusters:{tracking_version()}"
    clusters = cache.get(key)
    if clusters is None:
        clusters = list(Cluster.objects.order_by("name").values_list("pk", "name"))
        cache.set(key, clusters, TRACKING_TTL)
    return clusters


def cached_page(kind, plan, filters, number, rows_of_page):
    """The rows of page ``number`` of a plan's tracking or ranking (``rows_of_page()``), cached (see above): a page
    view then runs none of its queries until something it shows changes."""
    key = _tracking_key(f"{kind}-page-{number}", plan, _normalized(filters))
    rows = cache.get(key)
    if rows is None:
        rows = list(rows_of_page())
        cache.set(key, rows, TRACKING_TTL)
    return rows


def tracking_fragment_key(plan, filters=None, today=None):
    """A key for the tracking page's cached fragments: it changes with the figures they show (see above)."""
    return _tracking_key("fragment", plan, _normalized(filters), today or timezone.localdate())


def tracking_totals(plan, filters=None):
    """Counts and per-cluster figures of the filtered units (cluster_figures()).

    ``filters`` holds tracking_units' cluster, sector and status. With no sector or status the figures are the
    plan's summary rows (one query, never stale); a sector or status cuts across the rows, so those are counted
    by cluster_figures() and cached (see above), the queries running on a cache miss only.
    """
    filters = _normalized(filters)
    if not filters["sector"] and not filters["status"]:
        clusters = summary_figures(plan, filters["cluster"])
        if clusters is not None:
            return {"counts": figure_totals(clusters), "clusters": clusters}
    return counted_totals(plan, filters)


def counted_totals(plan, filters=None):
    """tracking_totals() counted by cluster_figures() over the filtered units and cached (see above)."""
    filters = _normalized(filters)
    key = _tracking_key("totals", plan, filters)
    totals = cache.get(key)
    if totals is None:
        clusters = cluster_figures(plan, member_units_with_status(plan, **filters))
        counts = {name: sum(c[name] for c in clusters) for name in FIGURES}
        totals = {"counts": counts, "clusters": clusters}
        cache.set(key, totals, TRACKING_TTL)
    return totals


FIGURES = ("total", "pledged", "accepted", "late", "signed", "six_month", "year_end")


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


def _summary_rows(plan):
    return summary_rows_of_plans([plan]).get(plan.pk)


def figure_totals(clusters):
    """The figures of every cluster added up."""
    return {name: sum(c[name] for c in clusters) for name in FIGURES}


def summary_figures(plan, cluster=None, rows=None):
    """cluster_figures(plan, member_units(cluster=cluster)) read from the plan's summary rows (one query unless
    ``rows`` of summary_rows_of_plans() are given), or None when the plan has no summary rows."""
    rows = _summary_rows(plan) if rows is None else rows
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


# The summary's count of units overdue once each deadline has passed (see PlanClusterSummary).
OWING = ("owing_registration", "owing_six_month", "owing_year_end")


def summary_overdue_count(plan, today, cluster=None):
    """How many member units (of ``cluster``) owe something overdue on ``today``: the count of the last deadline
    passed, read at once from the summary, so it is right the day a deadline passes. None with no summary rows."""
    found = _overdue_by_cluster(plan, today, cluster)
    return None if found is None else sum(n for _pk, _name, n in found)


def _overdue_by_cluster(plan, today, cluster=None):
    """[(cluster id, name, units overdue on ``today``)] in the tracking order (by name, no cluster last), from the
    summary; None with no summary rows."""
    rows = _summary_rows(plan)
    if rows is None:
        return None
    passed = [plan.registration_deadline < today, plan.six_month_deadline < today, plan.year_end_deadline < today]
    column = OWING[sum(passed) - 1] if any(passed) else "late"
    found = [
        (row["cluster_id"], row["cluster__name"], row[column])
        for row in rows
        if not cluster or str(row["cluster_id"]) == str(cluster)
    ]
    return sorted(found, key=lambda row: (row[1] is None, row[1] or ""))


def _first_overdue_clusters(by_cluster):
    """The clusters holding the first OVERDUE_SHOWN overdue units in the tracking order (with every cluster of the
    same name as the last one, since those interleave by path)."""
    picked, seen, last = [], 0, object()
    for cluster_id, name, n in by_cluster:
        if seen >= OVERDUE_SHOWN and name != last:
            break
        if n:
            picked.append(cluster_id)
            seen, last = seen + n, name
    return picked


def cluster_figures(plan, units):
    """Per cluster of ``units``: units, pledges filed, accepted and late, units that signed the covenant, results
    filed per period; as tracking_by_cluster() counts them over tracking_units().

    One grouped query: each unit joins at most one current pledge, one filed result per period and one signature
    of the plan (a unit signs its own cluster's covenant once). tracking_units()' per-unit subqueries took seconds
    at national scale, paid again after every change that drops the cache.
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


def tracking_overdue(plan, filters=None, today=None):
    """The first units owing something overdue, with what they owe, and how many there are; cached (see above).
    When no sector or status cuts across the summary's rows, the count is read from them and the first units are
    looked for in the clusters that hold them only."""
    filters = _normalized(filters)
    today = today or timezone.localdate()
    key = _tracking_key("overdue", plan, filters, today)
    found = cache.get(key)
    if found is None:
        units = member_units_with_status(plan, **filters)
        by_cluster = None
        if not filters["sector"] and not filters["status"]:
            by_cluster = _overdue_by_cluster(plan, today, filters["cluster"])
        if by_cluster is None:
            overdue = units.filter(overdue_condition(plan, today))
            found = (late_or_missing(plan, tracking_rows(plan, overdue[:OVERDUE_SHOWN]), today), overdue.count())
        else:
            # Only the units of the clusters that hold the first rows are read and checked one by one: the database
            # filter hashes every pledge and result of the plan (110 to 170 ms at national scale).
            first = tracking_rows(plan, units_of_clusters(units, _first_overdue_clusters(by_cluster)))
            found = (late_or_missing(plan, first, today)[:OVERDUE_SHOWN], sum(n for _pk, _name, n in by_cluster))
        cache.set(key, found, TRACKING_TTL)
    return found


def tracking_rows(plan, units):
    """The tracking fields of tracking_units() set on a page of plain units (with their cluster), in place."""
    return tracking_rows_of_plans([plan], units)[plan.pk]


def tracking_rows_of_plans(plans, units):
    """{plan id: copies of ``units`` carrying tracking_units()' fields for that plan}, from four plain queries.

    Keyed by the units' ids, whatever the number of plans: the one-query form with ten correlated subqueries costs
    more to build, compile and plan (~10 ms) than these cost to run.
    """
    units = list(units)
    ids = [unit.pk for unit in units]
    plan_ids = [plan.pk for plan in plans]
    pledges = {
        (plan_id, unit_id): (pk, state, late)
        for plan_id, unit_id, pk, state, late in Pledge.objects.filter(plan_id__in=plan_ids, unit_id__in=ids)
        .exclude(state__in=NOT_TRACKED)
        .order_by()  # the models' default orders would join plans and units
        .values_list("plan_id", "unit_id", "pk", "state", "is_late")
    }
    results = {
        (plan_id, unit_id, period): (state, score)
        for plan_id, unit_id, period, state, score in ResultReport.objects.filter(plan_id__in=plan_ids, unit_id__in=ids)
        .exclude(state=ReviewState.DRAFT)
        .order_by()
        .values_list("plan_id", "unit_id", "period", "state", "score")
    }
    covenants = {
        (plan_id, cluster_id): (pk, state)
        for plan_id, cluster_id, pk, state in Covenant.objects.filter(
            plan_id__in=plan_ids, cluster_id__in={u.cluster_id for u in units if u.cluster_id}
        )
        .order_by()
        .values_list("plan_id", "cluster_id", "pk", "state")
    }
    signed = set(
        CovenantSignature.objects.filter(covenant__plan_id__in=plan_ids, unit_id__in=ids)
        .order_by()
        .values_list("covenant__plan_id", "unit_id")
    )
    rows = {}
    for plan_id in plan_ids:
        rows[plan_id] = []
        for unit in units:
            row = copy.copy(unit) if len(plan_ids) > 1 else unit
            row.pledge_id, row.pledge_state, row.pledge_late = pledges.get((plan_id, unit.pk), (None, None, None))
            row.covenant_id, covenant_state = covenants.get((plan_id, unit.cluster_id), (None, None))
            row.has_covenant = covenant_state in ("open", "closed")
            row.signed = (plan_id, unit.pk) in signed
            six_month = results.get((plan_id, unit.pk, ReportingPeriod.SIX_MONTH), (None, None))
            year_end = results.get((plan_id, unit.pk, ReportingPeriod.YEAR_END), (None, None))
            row.six_month_state, row.six_month_score = six_month
            row.year_end_state, row.year_end_score = year_end
            rows[plan_id].append(row)
    return rows


# The tracking order: by cluster name (units of no cluster last, on every database), then down the unit tree.
TRACKING_ORDER = (F("cluster__name").asc(nulls_last=True), "path")


def member_units(*, cluster=None, sector=""):
    """The member units the tracking page lists, without the per-plan annotations, in the page's order."""
    units = Unit.objects.filter(is_active=True, level__in=MEMBER_LEVELS).select_related("cluster")
    if cluster:
        units = units.filter(cluster_id=cluster)
    if sector:
        units = units.filter(sector=sector)
    return units.order_by(*TRACKING_ORDER)


def member_units_with_status(plan, *, cluster=None, sector="", status=""):
    """member_units() with tracking_units()' status filter, written against the plan's pledges (a semi-join)
    rather than the annotations: filtering on them evaluated every unit's subqueries (1.5 s at national scale)."""
    units = member_units(cluster=cluster, sector=sector)
    current = Pledge.objects.filter(plan=plan, unit=OuterRef("pk")).exclude(state__in=NOT_TRACKED).order_by()
    # Correlated EXISTS: a page's one or two clusters are checked by index, not against a hash of every pledge.
    if status == PLEDGE_STATUS_NONE:
        return units.filter(~Exists(current))
    if status == "late":
        return units.filter(Exists(current.filter(is_late=True)))
    if status == "missing":
        return units.filter(~Exists(current.filter(state__in=list(FILED_STATES))))
    if status in TRACKED_STATES:
        return units.filter(Exists(current.filter(state=status)))
    return units


class ClusterSlices:
    """Rows in an order led by the cluster name, sliced by the paginator without sorting every row.

    At national scale sorting 44,000 units or results by cluster name costs 80 to 160 ms a page. The number of rows
    of each cluster is known (cached figures), so a slice maps to the clusters it spans and an offset in the first:
    only those clusters' rows are read and sorted. ``sizes`` is [(cluster id or None, rows)] in the clusters' name
    order, rows of no cluster last; ``rows_of(cluster ids)`` returns those clusters' rows in the page order (None
    in the ids standing for "no cluster").
    """

    def __init__(self, rows_of, sizes):
        self.rows_of = rows_of
        self.sizes = sizes

    def __len__(self):
        return sum(n for _cluster, n in self.sizes)

    def __getitem__(self, index):
        start, stop = index.start or 0, index.stop
        spanned, skip, offset = [], None, 0
        for cluster_id, n in self.sizes:
            if n and offset + n > start and offset < stop:
                skip = start - offset if skip is None else skip
                spanned.append(cluster_id)
            offset += n
        return list(self.rows_of(spanned)[skip : skip + stop - start]) if spanned else []


def units_of_clusters(units, cluster_ids):
    """``units`` restricted to the given clusters (None: the units of no cluster)."""
    condition = Q(cluster_id__in=[c for c in cluster_ids if c is not None])
    if None in cluster_ids:
        condition |= Q(cluster__isnull=True)
    return units.filter(condition)


def cluster_sizes(clusters, by_cluster):
    """[(cluster id or None, units)] in the order of ``clusters`` ((pk, name) by name), from tracking_by_cluster."""
    totals = {row["cluster_id"]: row["total"] for row in by_cluster}
    return [(pk, totals.get(pk, 0)) for pk, _name in clusters] + [(None, totals.get(None, 0))]


def owed_items(plan, unit_row, today=None):
    """What a unit still owes for a plan, by when, and where to do it, from a tracking_units row (no query)."""
    today = today or timezone.localdate()
    pledge_url = reverse("campaigns:pledge_detail", args=[unit_row.pledge_id]) if unit_row.pledge_id else ""
    items = []
    if unit_row.pledge_state not in FILED_STATES:
        items.append((_("Bản đăng ký thi đua"), plan.registration_deadline, pledge_url or plan.get_absolute_url()))
    if unit_row.has_covenant and not unit_row.signed:
        covenant_url = reverse("campaigns:covenant_detail", args=[unit_row.covenant_id])
        items.append((_("Ký giao ước thi đua của cụm"), plan.registration_deadline, covenant_url))
    if unit_row.six_month_state not in FILED_STATES:
        items.append((_("Báo cáo kết quả sáu tháng"), plan.six_month_deadline, pledge_url))
    if unit_row.year_end_state not in FILED_STATES:
        items.append((_("Báo cáo kết quả cả năm"), plan.year_end_deadline, pledge_url))
    return [
        {"label": label, "deadline": deadline, "overdue": deadline < today, "url": url}
        for label, deadline, url in items
    ]


def late_or_missing(plan, units, today=None):
    """Rows of ``units`` (tracking_units) that owe something whose deadline has passed, with what they owe."""
    today = today or timezone.localdate()
    rows = []
    for row in units:
        overdue = [item for item in owed_items(plan, row, today) if item["overdue"]]
        late = bool(row.pledge_late)
        if overdue or late:
            rows.append({"unit": row, "overdue": overdue, "late": late})
    return rows


def overdue_units(plan, today=None):
    """Member units owing anything overdue for the plan (tracking_units() rows): a database filter, any count."""
    return tracking_units(plan).filter(overdue_condition(plan, today or timezone.localdate()))


def overdue_condition(plan, today):
    """Over member units: owing something whose deadline has passed, or having filed the pledge late.

    Written with IN subqueries on the plan's rows, which PostgreSQL hashes once; the same test on tracking_units()'
    annotations ran every unit's subqueries (seconds at national scale).
    """
    filed = list(FILED_STATES)
    current = Pledge.objects.filter(plan=plan).exclude(state=ReviewState.SUPERSEDED).order_by()
    condition = Q(pk__in=current.filter(is_late=True).values("unit_id"))
    if plan.registration_deadline < today:
        open_covenants = Covenant.objects.filter(plan=plan, state__in=["open", "closed"]).order_by()
        signed = CovenantSignature.objects.filter(covenant__plan=plan).order_by()
        condition |= ~Q(pk__in=current.filter(state__in=filed).values("unit_id"))
        condition |= Q(cluster_id__in=open_covenants.values("cluster_id")) & ~Q(pk__in=signed.values("unit_id"))
    for period, deadline in (
        (ReportingPeriod.SIX_MONTH, plan.six_month_deadline),
        (ReportingPeriod.YEAR_END, plan.year_end_deadline),
    ):
        if deadline < today:
            reported = ResultReport.objects.filter(plan=plan, period=period, state__in=filed).order_by()
            condition |= ~Q(pk__in=reported.values("unit_id"))
    return condition


def cluster_ranking(plan, period):
    """Accepted results of a period ranked by score within each cluster (ties share a rank)."""
    return (
        ResultReport.objects.filter(plan=plan, period=period, state=ReviewState.ACCEPTED, unit__cluster__isnull=False)
        .select_related("unit", "unit__cluster")
        .only("score", "completion", "unit__name", "unit__cluster__name")
        .annotate(
            rank=Window(
                expression=Rank(), partition_by=[F("unit__cluster_id")], order_by=F("score").desc(nulls_last=True)
            )
        )
        .order_by("unit__cluster__name", "rank", "unit__name")
    )


def ranked_sizes(plan, period):
    """[(cluster id, accepted results)] by cluster name for a period of a plan, from the plan's summary rows (or
    counted and cached like the tracking figures when the plan has none).

    A filter on clusters leaves the ranks intact (the ranking is within each cluster), so a page of the ranking is
    computed over the clusters it spans only (ClusterSlices).
    """
    rows = _summary_rows(plan)
    if rows is not None:
        ranked = RANKED[period]
        rows = sorted((row for row in rows if row["cluster_id"] and row[ranked]), key=lambda row: row["cluster__name"])
        return [(row["cluster_id"], row[ranked]) for row in rows]
    key = _tracking_key(f"ranked-{period}", plan, {})
    sizes = cache.get(key)
    if sizes is None:
        accepted = ResultReport.objects.filter(
            plan=plan, period=period, state=ReviewState.ACCEPTED, unit__cluster__isnull=False
        )
        sizes = list(accepted.values_list("unit__cluster_id").annotate(n=Count("pk")).order_by("unit__cluster__name"))
        cache.set(key, sizes, TRACKING_TTL)
    return sizes


def ranking_page_rows(plan, period):
    """The ranking as the paginator slices it: a page reads and ranks the results of the clusters it spans only."""
    sizes = ranked_sizes(plan, period)
    return ClusterSlices(lambda cluster_ids: ranked_in_clusters(plan, period, cluster_ids), sizes)


def ranked_in_clusters(plan, period, cluster_ids):
    """cluster_ranking() restricted to some clusters, ranked in Python from two plain queries, as plain rows
    (pk, unit with name and cluster, score, completion, rank).

    Joined to units and clusters, the planner misjudges how many results a few clusters hold and reads every result
    of the plan (15 to 25 ms); by unit ids the results come from the (plan, unit, period) index.
    """
    # Plain rows, not models: a page spans a few hundred units and only those with a result are shown.
    units = {
        pk: SimpleNamespace(pk=pk, name=name, cluster_id=cluster_id, cluster=SimpleNamespace(name=cluster_name))
        for pk, name, cluster_id, cluster_name in Unit.objects.filter(cluster_id__in=cluster_ids)
        .order_by("cluster__name", "name")
        .values_list("pk", "name", "cluster_id", "cluster__name")
    }
    results = (
        ResultReport.objects.filter(plan=plan, period=period, state=ReviewState.ACCEPTED, unit_id__in=list(units))
        .order_by()  # the model's order would join plan and unit
        .values_list("pk", "unit_id", "score", "completion")
    )
    by_cluster = {}
    position = {pk: i for i, pk in enumerate(units)}  # cluster name, then unit name, as the database sorts them
    for pk, unit_id, score, completion in sorted(results, key=lambda r: position[r[1]]):
        result = SimpleNamespace(pk=pk, unit=units[unit_id], score=score, completion=completion)
        by_cluster.setdefault(result.unit.cluster_id, []).append(result)
    rows = []
    for ranked in by_cluster.values():  # in cluster name order (dicts keep the insertion order)
        # Score descending, no score last; the sort is stable, so equal scores stay in unit name order.
        ranked.sort(key=lambda r: (r.score is None, -(r.score or 0)))
        rank, previous = 0, object()
        for place, result in enumerate(ranked, 1):
            if result.score != previous:  # ties share a rank, the next rank skips (SQL RANK())
                rank, previous = place, result.score
            result.rank = rank
        rows.extend(ranked)
    return rows


# The tracking page's counters (FIGURES) and the ranking page's rows per period, the figures a plan's reports print.
PLAN_FIGURES = (*FIGURES, *RANKED.values())


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
