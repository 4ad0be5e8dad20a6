"""Second ways of computing what the selectors compute, written plainly for the tests to compare against: one
query per question, no cache, no summary. The pages never read these."""

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import Rank
from django.utils import timezone

from campaigns.enums import FILED_STATES, ReportingPeriod, ReviewState
from campaigns.models import Covenant, CovenantSignature, Pledge, ResultReport
from campaigns.selectors.members import (
    NOT_TRACKED,
    PLEDGE_STATUS_NONE,
    SIGNING_STATES,
    TRACKED_STATES,
    TRACKING_ORDER,
    member_units,
)

STATE_FIELDS = ("pledge_state", "pledge_late", "signed", "six_month_state", "year_end_state")


def tracking_units(plan, *, cluster=None, sector="", status=""):
    """Member units annotated with the tracking fields of tracking_rows_of_plans(), filtered on the pledge's
    ``status`` through the annotations, in one query."""
    current = Pledge.objects.filter(plan=plan, unit=OuterRef("pk")).exclude(state__in=NOT_TRACKED).order_by()
    result = ResultReport.objects.filter(plan=plan, unit=OuterRef("pk")).exclude(state=ReviewState.DRAFT).order_by()
    units = member_units(cluster=cluster, sector=sector).annotate(
        pledge_id=Subquery(current.values("pk")[:1]),
        pledge_state=Subquery(current.values("state")[:1]),
        pledge_late=Subquery(current.values("is_late")[:1]),
        has_covenant=Exists(
            Covenant.objects.filter(plan=plan, cluster=OuterRef("cluster"), state__in=SIGNING_STATES).order_by()
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
    if status == PLEDGE_STATUS_NONE:
        units = units.filter(pledge_state__isnull=True)
    elif status == "late":
        units = units.filter(pledge_late=True)
    elif status == "missing":
        units = units.filter(Q(pledge_state__isnull=True) | ~Q(pledge_state__in=list(FILED_STATES)))
    elif status in TRACKED_STATES:
        units = units.filter(pledge_state=status)
    return units.order_by(*TRACKING_ORDER)


def tracking_by_cluster(units):
    """Per cluster of tracking_units(): units, pledges filed, accepted and late, signatures, results filed."""
    grouped = {}
    for row in units.order_by().values("cluster_id", "cluster__name", *STATE_FIELDS).annotate(n=Count("pk")):
        grouped.setdefault((row["cluster__name"] or "", row["cluster_id"]), []).append(row)
    return [
        {"cluster__name": name, "cluster_id": cluster_id, **_tally(rows)}
        for (name, cluster_id), rows in sorted(grouped.items(), key=lambda item: item[0][0])
    ]


def _tally(rows):
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


def overdue_condition(plan, today):
    """Over member units, as a database filter: owing something whose deadline has passed, or having filed the
    pledge late (the rule of members.is_overdue)."""
    filed = list(FILED_STATES)
    current = Pledge.objects.filter(plan=plan).exclude(state=ReviewState.SUPERSEDED).order_by()
    condition = Q(pk__in=current.filter(is_late=True).values("unit_id"))
    if plan.registration_deadline < today:
        open_covenants = Covenant.objects.filter(plan=plan, state__in=SIGNING_STATES).order_by()
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


def overdue_units(plan, today=None):
    return member_units().filter(overdue_condition(plan, today or timezone.localdate()))


def cluster_ranking(plan, period):
    """Accepted results of a period ranked by score within each cluster (ties share a rank), by SQL's RANK()."""
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
