"""The figures of each table: one grouped query each, or one streamed query for the per-unit lists."""

import itertools

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from campaigns.enums import (
    CovenantState,
    ExemplarKind,
    ExemplarState,
    InitiativeState,
    RecognitionLevel,
    ReviewState,
)
from campaigns.models import (
    Covenant,
    CovenantSignature,
    Criterion,
    Exemplar,
    Initiative,
    Movement,
    Pledge,
    PledgeTarget,
    YearPlan,
)
from campaigns.selectors.dashboards import criterion_completion
from campaigns.selectors.figures import plan_figures
from emulation.enums import UnitSector

from .scope import STREAM_CHUNK, _num, _pct


def overview(scope):
    """The headline indicators, in a fixed number of queries (also used for the previous period)."""
    units_total = scope.units.count()
    pledged = scope.pledges.aggregate(n=Count("unit", distinct=True))["n"]
    covenants = Covenant.objects.filter(plan__in=scope.plans, cluster__units__in=scope.units).distinct().count()
    # Signatures, like pledges and results, count in their plan's year whenever they were made.
    signatures = CovenantSignature.objects.filter(covenant__plan__in=scope.plans, unit__in=scope.units).count()
    results = scope.filed_results.aggregate(
        filed=Count("unit", distinct=True),
        accepted=Count("unit", distinct=True, filter=Q(state=ReviewState.ACCEPTED)),
        completion=Avg("completion", filter=Q(state=ReviewState.ACCEPTED)),
        score=Avg("score", filter=Q(state=ReviewState.ACCEPTED)),
    )
    late_pledges = scope.pledges.filter(is_late=True).values("unit")
    late_results = scope.filed_results.filter(is_late=True).values("unit")
    late = scope.units.filter(Q(pk__in=late_pledges) | Q(pk__in=late_results)).count()
    exemplars = Exemplar.objects.filter(
        unit__in=scope.all_units, created_at__date__gte=scope.start, created_at__date__lte=scope.end
    ).count()
    initiatives = Initiative.objects.filter(
        unit__in=scope.all_units,
        state=InitiativeState.RECOGNIZED,
        recognized_on__gte=scope.start,
        recognized_on__lte=scope.end,
    ).count()
    return {
        "units_total": units_total,
        "pledged": pledged,
        "pledge_rate": _pct(pledged, units_total),
        "covenants": covenants,
        "signatures": signatures,
        "results_filed": results["filed"],
        "results_accepted": results["accepted"],
        "completion": _num(results["completion"]),
        "score": _num(results["score"], 2),
        "late": late,
        "exemplars": exemplars,
        "initiatives": initiatives,
    }


def overview_labels():
    return [
        ("units_total", _("Số đơn vị cơ sở")),
        ("pledged", _("Số đơn vị đã đăng ký thi đua")),
        ("pledge_rate", _("Tỷ lệ đơn vị đăng ký (%)")),
        ("covenants", _("Số giao ước thi đua của các cụm")),
        ("signatures", _("Số chữ ký giao ước")),
        ("results_filed", _("Số đơn vị đã gửi báo cáo kết quả")),
        ("results_accepted", _("Số báo cáo kết quả được chấp thuận")),
        ("completion", _("Mức hoàn thành bình quân (%)")),
        ("score", _("Điểm bình quân (thang điểm 100)")),
        ("late", _("Số đơn vị nộp muộn")),
        ("exemplars", _("Số điển hình, nhân tố mới được đề xuất")),
        ("initiatives", _("Số sáng kiến được công nhận")),
    ]


def plan_figure_columns():
    return [
        _("Năm"),
        _("Số đơn vị"),
        _("Đã gửi đăng ký"),
        _("Đăng ký được chấp thuận"),
        _("Đăng ký nộp muộn"),
        _("Đã ký giao ước"),
        _("Báo cáo 6 tháng đã gửi"),
        _("Báo cáo 6 tháng được chấp thuận"),
        _("Báo cáo cả năm đã gửi"),
        _("Báo cáo cả năm được chấp thuận"),
    ]


PLAN_FIGURE_ORDER = (
    "total",
    "pledged",
    "accepted",
    "late",
    "signed",
    "six_month",
    "ranked_six_month",
    "year_end",
    "ranked_year_end",
)


def plan_figure_rows(scope):
    """One row a plan of the period: the figures its tracking and ranking pages show (campaigns' plan_figures), over
    the scope's units for a per-unit summary."""
    plans = list(scope.plans.order_by("year"))
    figures = plan_figures(plans, units=scope.units if scope.unit is not None else None)
    return [(plan.year, *(figures[plan.pk][name] for name in PLAN_FIGURE_ORDER)) for plan in plans]


def coverage_by_movement(scope, units_total):
    movement_ids = YearPlan.movements.through.objects.filter(yearplan__in=scope.plans).values("movement_id")
    joined = Pledge.movements.through.objects.filter(pledge__in=scope.pledges, movement=OuterRef("pk"))
    rows = (
        Movement.objects.filter(pk__in=movement_ids)
        .annotate(
            units=Coalesce(
                Subquery(joined.values("movement").annotate(n=Count("pledge__unit", distinct=True)).values("n")[:1]),
                0,
            )
        )
        .values_list("term__name", "number", "name", "units")
        .order_by("term__start_year", "number")
    )
    return [(term, number, name, units, _pct(units, units_total)) for term, number, name, units in rows]


def coverage_by_cluster(scope):
    rows = (
        scope.units.values("cluster__name")
        .annotate(
            units=Count("pk", distinct=True),
            pledged=Count("pk", distinct=True, filter=Q(pk__in=scope.pledges.values("unit"))),
        )
        .order_by("cluster__name")
    )
    return [
        (r["cluster__name"] or _("Chưa xếp cụm"), r["units"], r["pledged"], _pct(r["pledged"], r["units"]))
        for r in rows
    ]


def covenant_signatures(scope):
    members = scope.units.filter(cluster=OuterRef("cluster")).values("cluster").annotate(n=Count("pk")).values("n")[:1]
    signed = (
        CovenantSignature.objects.filter(covenant=OuterRef("pk"), unit__in=scope.units)
        .values("covenant")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    covenants = (
        Covenant.objects.filter(plan__in=scope.plans, cluster__in=scope.units.values("cluster"))
        .annotate(members=Coalesce(Subquery(members), 0), signed=Coalesce(Subquery(signed), 0))
        .values_list("plan__year", "cluster__name", "title", "state", "members", "signed")
        .order_by("plan__year", "cluster__name")
    )
    states = dict(CovenantState.choices)
    return [
        (year, cluster, title, str(states.get(state, state)), members, signed, _pct(signed, members))
        for year, cluster, title, state, members, signed in covenants
    ]


def completion_by_criterion(scope):
    targets = dict(
        PledgeTarget.objects.filter(pledge__in=scope.accepted.values("pledge"))
        .values("criterion")
        .annotate(average=Avg("value"))
        .values_list("criterion", "average")
    )
    # The plan page's chart of completion by criterion reads the same function (one period a plan year here).
    rows = criterion_completion(scope.accepted)
    return [
        (
            r["criterion__plan__year"],
            r["criterion__code"],
            r["criterion__name"],
            # As the plan's page words it ("Có/Không", "Tỷ lệ (%)", "Số lượng (mô hình)"): a yes/no reads as one.
            Criterion(measure=r["criterion__measure"], measure_unit=r["criterion__measure_unit"]).measure_label,
            r["units"],
            _num(targets.get(r["criterion"]), 2),
            _num(r["achieved"], 2),
            _num(r["avg_completion"]),
            r["reached"],
        )
        for r in rows
    ]


def _completion_grouped(scope, field_name):
    return (
        scope.accepted.values(field_name)
        .annotate(
            units=Count("unit", distinct=True),
            avg_completion=Avg("completion"),
            avg_score=Avg("score"),
            reached=Count("unit", distinct=True, filter=Q(completion__gte=100)),
        )
        .order_by(field_name)
    )


def completion_by_sector(scope):
    labels = dict(UnitSector.choices)
    return [
        (
            str(labels.get(r["unit__sector"], r["unit__sector"])),
            r["units"],
            _num(r["avg_completion"]),
            _num(r["avg_score"], 2),
            r["reached"],
        )
        for r in _completion_grouped(scope, "unit__sector")
    ]


def completion_by_cluster(scope):
    return [
        (
            r["unit__cluster__name"] or _("Chưa xếp cụm"),
            r["units"],
            _num(r["avg_completion"]),
            _num(r["avg_score"], 2),
            r["reached"],
        )
        for r in _completion_grouped(scope, "unit__cluster__name")
    ]


def iter_rankings(scope):
    """Units ranked inside their cluster by their accepted score (averaged over years for a term), streamed."""
    rows = (
        scope.accepted.values("unit", "unit__name", "unit__cluster__name")
        .annotate(avg_score=Avg("score"), avg_completion=Avg("completion"))
        .order_by("unit__cluster__name", F("avg_score").desc(nulls_last=True), "unit__name")
        .iterator(chunk_size=STREAM_CHUNK)
    )
    for cluster, group in itertools.groupby(rows, key=lambda r: r["unit__cluster__name"]):
        for rank, r in enumerate(group, start=1):
            yield (
                cluster or _("Chưa xếp cụm"),
                rank,
                r["unit__name"],
                _num(r["avg_score"], 2),
                _num(r["avg_completion"]),
            )


def exemplars_by_kind(scope):
    counts = {
        r["kind"]: r
        for r in Exemplar.objects.filter(
            unit__in=scope.all_units, created_at__date__gte=scope.start, created_at__date__lte=scope.end
        )
        .values("kind")
        .annotate(
            total=Count("pk"),
            verified=Count("pk", filter=Q(state__in=[ExemplarState.VERIFIED, ExemplarState.PUBLISHED])),
            published=Count("pk", filter=Q(state=ExemplarState.PUBLISHED)),
        )
        .order_by()
    }
    return [
        (
            str(label),
            counts.get(value, {}).get("total", 0),
            counts.get(value, {}).get("verified", 0),
            counts.get(value, {}).get("published", 0),
        )
        for value, label in ExemplarKind.choices
    ]


def initiatives_by_level(scope):
    in_period = Initiative.objects.filter(unit__in=scope.all_units)
    proposed = in_period.filter(created_at__date__gte=scope.start, created_at__date__lte=scope.end).count()
    counts = dict(
        in_period.filter(state=InitiativeState.RECOGNIZED, recognized_on__gte=scope.start, recognized_on__lte=scope.end)
        .values("recognition_level")
        .annotate(n=Count("pk"))
        .values_list("recognition_level", "n")
        .order_by()
    )
    rows = [(str(label), counts.get(value, 0)) for value, label in RecognitionLevel.choices]
    return rows, proposed


def late_or_missing_queryset(scope, plan):
    pledged = scope.unit_pledges.filter(unit=OuterRef("pk"))
    filed = scope.unit_filed_results.filter(unit=OuterRef("pk"))
    late = Q(Exists(scope.unit_pledges.filter(unit=OuterRef("pk"), is_late=True))) | Q(
        Exists(scope.unit_filed_results.filter(unit=OuterRef("pk"), is_late=True))
    )
    pledge_due = plan is not None and plan.registration_deadline <= scope.end
    result_due = plan is not None and plan.deadline_for(scope.last_result_period) <= scope.end
    queryset = scope.units.annotate(has_pledge=Exists(pledged), has_result=Exists(filed), was_late=late)
    condition = Q(was_late=True)
    if pledge_due:
        condition |= Q(has_pledge=False)
    if result_due:
        condition |= Q(has_result=False)
    return queryset.filter(condition), pledge_due, result_due


def iter_late_or_missing(scope, plan):
    queryset, pledge_due, result_due = late_or_missing_queryset(scope, plan)
    yes = _("Có")
    rows = queryset.values_list("name", "cluster__name", "has_pledge", "has_result", "was_late").order_by("path")
    for name, cluster, has_pledge, has_result, was_late in rows.iterator(chunk_size=STREAM_CHUNK):
        yield (
            name,
            cluster or "",
            yes if pledge_due and not has_pledge else "",
            yes if result_due and not has_result else "",
            yes if was_late else "",
        )
