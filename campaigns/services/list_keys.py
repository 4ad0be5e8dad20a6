"""Keep the list-order copies on pledges and result reports (ListedByPlanAndUnit) in step with their sources
(called by campaigns.upkeep)."""

from django.db import connection
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat, Substr

from emulation.models import Unit

from ..models import Pledge, ResultReport, YearPlan

LISTED = (Pledge, ResultReport)


def follow_plan_year(plan):
    """A plan's rows take its year (a no-op write unless the year was changed, e.g. in the admin)."""
    for model in LISTED:
        model.objects.filter(plan=plan).exclude(plan_year=plan.year).update(plan_year=plan.year)


def follow_unit_move(old, new):
    """A unit moved from path ``old`` to ``new``: rewrite the path prefix of the rows of its whole subtree.

    Rows are matched on their own copy of the old prefix, which covers every unit of the subtree whose paths
    Unit.save() rewrote along.
    """
    for model in LISTED:
        model.objects.filter(unit_path__startswith=old).update(
            unit_path=Concat(Value(new), Substr("unit_path", len(old) + 1))
        )


def refill_list_keys():
    """Copy every row's plan year and unit path again where they differ from their sources; returns rows fixed.

    For rows written around the models (a bulk COPY of generated data, a raw SQL import): save() and bulk_create()
    fill the keys, those do not. One joined UPDATE per table on PostgreSQL, correlated subqueries elsewhere.
    """
    fixed = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in LISTED:
                cursor.execute(
                    f"UPDATE {model._meta.db_table} AS r SET plan_year = p.year, unit_path = u.path "  # noqa: S608  # nosec B608: the table names are the models' own
                    "FROM campaigns_yearplan AS p, emulation_unit AS u WHERE p.id = r.plan_id AND u.id = r.unit_id "
                    "AND (r.plan_year <> p.year OR r.unit_path <> u.path)"
                )
                fixed += cursor.rowcount
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        return fixed
    year = Subquery(YearPlan.objects.filter(pk=OuterRef("plan_id")).values("year")[:1])
    path = Subquery(Unit.objects.filter(pk=OuterRef("unit_id")).values("path")[:1])
    for model in LISTED:
        stale = model.objects.annotate(year=year, path=path).filter(~Q(plan_year=year) | ~Q(unit_path=path))
        fixed += model.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).update(
            plan_year=year, unit_path=path
        )
    return fixed
