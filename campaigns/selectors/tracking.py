"""The Office's tracking page of a plan: its filters, counters, pages of unit rows, overdue units and exports."""

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import Cluster

from ..enums import ReviewState
from .caching import TRACKING_TTL, tracking_key, tracking_version
from .figures import counted_totals, figure_totals, overdue_by_cluster, summary_figures
from .members import (
    late_or_missing,
    member_units,
    member_units_with_status,
    normalized_filters,
    tracking_rows,
    tracking_rows_in_chunks,
    tracking_started,
)

# The full list is in the export and "remind all"; the page shows the first ones.
OVERDUE_SHOWN = 30
STATE_LABELS = dict(ReviewState.choices)


def tracking_clusters():
    """(pk, name) of every cluster by name, cached under the tracking version: the tracking filter's options and the
    page's order."""
    key = f"campaigns:tracking:clusters:{tracking_version()}"
    clusters = cache.get(key)
    if clusters is None:
        clusters = list(Cluster.objects.order_by("name").values_list("pk", "name"))
        cache.set(key, clusters, TRACKING_TTL)
    return clusters


def cached_page(kind, plan, filters, number, rows_of_page):
    """The rows of page ``number`` of a plan's tracking or ranking (``rows_of_page()``), cached under the tracking
    version: a page view then runs none of its queries until something it shows changes."""
    key = tracking_key(f"{kind}-page-{number}", plan, normalized_filters(filters))
    rows = cache.get(key)
    if rows is None:
        rows = list(rows_of_page())
        cache.set(key, rows, TRACKING_TTL)
    return rows


def tracking_fragment_key(plan, filters=None, today=None):
    """A key for the tracking page's cached fragments: it changes with the figures they show."""
    return tracking_key("fragment", plan, normalized_filters(filters), today or timezone.localdate())


def tracking_totals(plan, filters=None):
    """Counts and per-cluster figures (cluster_figures()) of the units the filters (cluster, sector, status) keep.

    With no sector or status the figures are the plan's summary rows (one query, never stale); a sector or status
    cuts across the rows, so those are counted by counted_totals() and cached, the queries running on a cache miss
    only.
    """
    filters = normalized_filters(filters)
    if not filters["sector"] and not filters["status"]:
        clusters = summary_figures(plan, filters["cluster"])
        if clusters is not None:
            return {"counts": figure_totals(clusters), "clusters": clusters}
    return counted_totals(plan, filters)


def tracking_overdue(plan, filters=None, today=None):
    """The first OVERDUE_SHOWN overdue units of the filtered ones (late_or_missing()), with what they owe, and how
    many there are; cached under the tracking version and the day.

    When no sector or status cuts across the summary's rows, the count is read from them and the first units are
    looked for in the clusters that hold them only, rather than in every unit's rows.
    """
    if not tracking_started(plan):
        return [], 0
    filters = normalized_filters(filters)
    today = today or timezone.localdate()
    key = tracking_key("overdue", plan, filters, today)
    found = cache.get(key)
    if found is None:
        units = member_units_with_status(plan, **filters)
        by_cluster = None
        if not filters["sector"] and not filters["status"]:
            by_cluster = overdue_by_cluster(plan, today, filters["cluster"])
        if by_cluster is None:
            overdue = late_or_missing(plan, tracking_rows_in_chunks(plan, units), today)
            found = (overdue[:OVERDUE_SHOWN], len(overdue))
        else:
            first = tracking_rows(plan, units_of_clusters(units, _first_overdue_clusters(by_cluster)))
            found = (late_or_missing(plan, first, today)[:OVERDUE_SHOWN], sum(n for _pk, _name, n in by_cluster))
        cache.set(key, found, TRACKING_TTL)
    return found


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


def overdue_units(plan, today=None):
    """Every member unit overdue for the plan (late_or_missing()), in the tracking order: "remind all"."""
    if not tracking_started(plan):
        return []
    return [row["unit"] for row in late_or_missing(plan, tracking_rows_in_chunks(plan, member_units()), today)]


class ClusterSlices:
    """Rows in an order led by the cluster name, sliced by the paginator without sorting every row.

    The number of rows of each cluster is known (cached figures), so a slice maps to the clusters it spans and an
    offset in the first: only those clusters' rows are read and sorted, however many units the plan tracks.
    ``sizes`` is [(cluster id or None, rows)] in the clusters' name order, rows of no cluster last;
    ``rows_of(cluster ids)`` returns those clusters' rows in the page order (None in the ids standing for "no
    cluster").
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
    """[(cluster id or None, units)] in the order of ``clusters`` ((pk, name) by name), from the per cluster
    figures."""
    totals = {row["cluster_id"]: row["total"] for row in by_cluster}
    return [(pk, totals.get(pk, 0)) for pk, _name in clusters] + [(None, totals.get(None, 0))]


def _state(value):
    return str(STATE_LABELS.get(value, _("Chưa có")))


def late_table(plan, filters):
    """(headers, rows) of the export of the overdue units among the filtered ones."""
    units = member_units_with_status(plan, **normalized_filters(filters))
    rows = [
        (
            row["unit"].name,
            str(row["unit"].cluster or ""),
            _("Có") if row["late"] else "",
            "; ".join(f"{i['label']} ({i['deadline']:%d/%m/%Y})" for i in row["overdue"]),
        )
        for row in late_or_missing(plan, tracking_rows_in_chunks(plan, units))
    ]
    return [_("Đơn vị"), _("Cụm thi đua"), _("Đăng ký nộp muộn"), _("Còn nợ (quá hạn)")], rows


def tracking_table(plan, filters):
    """(headers, rows) of the export of the tracking page's rows, every filtered unit."""
    units = member_units_with_status(plan, **normalized_filters(filters))
    rows = [
        (
            u.name,
            str(u.cluster or ""),
            u.get_sector_display(),
            _state(u.pledge_state),
            _("Có") if u.pledge_late else "",
            (_("Đã ký") if u.signed else _("Chưa ký")) if u.has_covenant else _("Chưa có giao ước"),
            _state(u.six_month_state),
            u.six_month_score,
            _state(u.year_end_state),
            u.year_end_score,
        )
        for u in tracking_rows_in_chunks(plan, units)
    ]
    headers = [
        _("Đơn vị"),
        _("Cụm thi đua"),
        _("Loại hình"),
        _("Đăng ký thi đua"),
        _("Nộp muộn"),
        _("Giao ước"),
        _("Kết quả sáu tháng"),
        _("Điểm sáu tháng (thang điểm 100)"),
        _("Kết quả cả năm"),
        _("Điểm cả năm (thang điểm 100)"),
    ]
    return headers, rows
