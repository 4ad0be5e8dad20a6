"""The ranking of a plan's accepted results within each cluster, page by page."""

from types import SimpleNamespace

from emulation.models import Unit

from ..enums import ReviewState
from ..models import ResultReport
from .figures import ranked_sizes
from .tracking import ClusterSlices


def ranking_page_rows(plan, period):
    """The ranking as the paginator slices it: a page reads and ranks the results of the clusters it spans only
    (ranks are within a cluster, so the clusters around the page do not change them)."""
    sizes = ranked_sizes(plan, period)
    return ClusterSlices(lambda cluster_ids: ranked_in_clusters(plan, period, cluster_ids), sizes)


def ranked_in_clusters(plan, period, cluster_ids):
    """The accepted results of a period in the given clusters, ranked by score within each cluster (ties share a
    rank, the next rank skips, as SQL's RANK()), in cluster then rank then unit name order; plain rows (pk, unit with
    name and cluster, score, completion, rank) from two plain queries.

    Joined to units and clusters, the planner misjudges how many results a few clusters hold and reads every result
    of the plan; by unit ids the results come from the (plan, unit, period) index.
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
