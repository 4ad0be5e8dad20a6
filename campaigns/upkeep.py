"""What a write keeps in step besides its own rows: the per cluster figures of each plan (PlanClusterSummary), the
cached tracking figures, list orders and the Office's queue counts (caching.py), and the list-order copies of a
plan's year and a unit's path on pledges and results (ListedByPlanAndUnit).

Every writer calls the function named after its change, in its own transaction, after its write: the services, the
admin (save_related), the demo seeders and the bulk loaders; the core's writes of units and clusters arrive through
the AppConfig hooks (apps.py). Nothing follows the models' signals, so reading a service shows all that it does.
"""

from emulation.models import Unit

from .models import YearPlan
from .selectors.caching import forget_summaries, forget_tracking, forget_waiting
from .services import list_keys, summaries


def _cluster_of(unit_id):
    return Unit.objects.filter(pk=unit_id).values_list("cluster_id", flat=True).first()


def pledge_changed(pledge):
    """A pledge was created, saved or deleted: its unit's cluster is recounted for its plan."""
    summaries.refresh_summaries(cluster_ids=[_cluster_of(pledge.unit_id)], plan_ids=[pledge.plan_id])
    forget_tracking()
    forget_waiting()


def result_changed(result):
    """A result report was created, saved or deleted: its unit's cluster is recounted for its plan."""
    summaries.refresh_summaries(cluster_ids=[_cluster_of(result.unit_id)], plan_ids=[result.plan_id])
    forget_tracking()
    forget_waiting()


def covenant_changed(covenant):
    """A covenant was drafted, edited, opened or closed, or one of its signatures was added or removed: the
    clusters of the covenant and of every unit that signed it are recounted (its state decides whether a missing
    signature is owed)."""
    signers = covenant.signatures.values_list("unit__cluster_id", flat=True).distinct()
    summaries.refresh_summaries(cluster_ids=[covenant.cluster_id, *signers], plan_ids=[covenant.plan_id])
    forget_tracking()


def plan_changed(plan, *, created=False):
    """A plan was created or saved: a new plan gets a row per cluster (its units count before anything is filed);
    an existing one's pledges and results take its year again (a no-op unless the year changed)."""
    if created:
        summaries.rebuild_plan_summaries(plan=plan)
    else:
        list_keys.follow_plan_year(plan)
    forget_tracking()


def queue_changed():
    """An exemplar or an initiative was proposed, decided or edited: the Office's queue counts change."""
    forget_waiting()


def unit_changed(*, unit, before):
    """The core saved a unit (emulation.services.save_unit); ``before`` holds its followed fields before the write
    (None for a new unit). Its cluster and the one it left are recounted when it was added, moved, (de)activated or
    changed level; the list keys follow a move down the tree; a rename changes no figure but cached pages."""
    now = {"cluster_id": unit.cluster_id, "is_active": unit.is_active, "level": unit.level}
    if before is None or any(before[name] != value for name, value in now.items()):
        summaries.refresh_summaries(cluster_ids=[unit.cluster_id, *([before["cluster_id"]] if before else [])])
    if before is not None and before["path"] and before["path"] != unit.path:
        list_keys.follow_unit_move(before["path"], unit.path)
    forget_tracking()


def cluster_changed(*, cluster, deleted):
    """The core saved or deleted a cluster: a deleted one's rows went with it and its units now count among the
    units of no cluster; a saved one's name is on the cached summary rows (a rename changes no count)."""
    if deleted:
        summaries.refresh_summaries(cluster_ids=[None])
    else:
        forget_summaries(list(YearPlan.objects.values_list("pk", flat=True)))
    forget_tracking()


def everything_reloaded():
    """Rows were written around the services (a demo seed, a bulk load, raw SQL): copy the list keys again, recount
    every plan's summary and drop every cached figure. Runs in the caller's transaction."""
    list_keys.refill_list_keys()
    summaries.rebuild_plan_summaries()
    forget_tracking()
    forget_waiting()
