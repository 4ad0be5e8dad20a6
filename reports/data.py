"""The figures of a report, gathered with grouped aggregate queries.

The number of queries depends on the number of tables, never on the number of units: every table is
one GROUP BY (or one streamed query for the per-unit lists), and the long per-unit lists are read with
``.iterator()`` so a national office's 50,000 units never sit in memory at once.

What is counted, for a period [start, end]:
- the units expected to file are the active grassroots party organizations (đảng bộ, chi bộ cơ sở) in
  scope (the whole Bloc, or for a per-unit summary the unit's subtree);
- plans are the yearly plans whose year falls in the period;
- a unit has pledged when a pledge of such a plan was submitted by the period's end (still submitted,
  accepted, or accepted then superseded by a revision);
- results (whenever filed) are the year-end reports of the period's plans, except for a period ending before 31 December,
  which reads the six-month reports of its last year; only results accepted by the Office count toward
  completion, scores and rankings;
- exemplars proposed and initiatives recognized within the period.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from campaigns.enums import (
    ExemplarKind,
    ExemplarState,
    InitiativeState,
    RecognitionLevel,
    ReportingPeriod,
    ReviewState,
)
from campaigns.models import (
    Covenant,
    CovenantSignature,
    Exemplar,
    Initiative,
    Movement,
    Pledge,
    PledgeTarget,
    ResultReport,
    ResultValue,
    YearPlan,
)
from emulation.enums import UnitLevel, UnitSector
from emulation.models import Unit

from .periods import previous_period

# The party organizations that pledge and report; sub-cells report through their grassroots committee.
FILING_LEVELS = (UnitLevel.GRASSROOTS_COMMITTEE, UnitLevel.GRASSROOTS_CELL)
PLEDGED_STATES = (ReviewState.SUBMITTED, ReviewState.ACCEPTED, ReviewState.SUPERSEDED)
FILED_RESULT_STATES = (ReviewState.SUBMITTED, ReviewState.ACCEPTED)
STREAM_CHUNK = 2000


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _num(value, digits=1):
    return round(float(value), digits) if value is not None else None


@dataclass
class Table:
    """One table of the report: a sheet of the workbook, a table of the PDF.

    ``rows`` is a list, or for the long per-unit lists a function returning a fresh iterator, so the PDF and
    the workbook each stream it. The PDF keeps at most ``pdf_limit`` rows (per value of ``group_column``).
    """

    key: str
    title: str
    columns: list
    rows: object
    pdf_limit: int | None = None
    group_column: int | None = None
    note: str = ""
    note_in_workbook: bool = True
    chart: list | None = None  # [(label, value)] drawn as a bar chart in the PDF
    chart_title: str = ""

    def iter_rows(self):
        return iter(self.rows()) if callable(self.rows) else iter(self.rows)

    def pdf_rows(self):
        """The rows the PDF shows, and how many were left to the workbook."""
        if self.pdf_limit is None:
            return list(self.iter_rows()), 0
        kept, omitted, seen = [], 0, {}
        for row in self.iter_rows():
            group = row[self.group_column] if self.group_column is not None else None
            seen[group] = seen.get(group, 0) + 1
            if seen[group] <= self.pdf_limit:
                kept.append(row)
            else:
                omitted += 1
        return kept, omitted


@dataclass
class ReportData:
    report_kind: str
    start: datetime.date
    end: datetime.date
    unit: object
    overview: dict
    previous: dict
    previous_period: tuple
    tables: list = field(default_factory=list)

    def table(self, key):
        return next(t for t in self.tables if t.key == key)


class Scope:
    """The units, plans and records one report covers."""

    def __init__(self, *, start, end, unit=None):
        self.start, self.end, self.unit = start, end, unit
        units = Unit.objects.filter(is_active=True)
        if unit is not None:
            units = units.filter(path__startswith=unit.path)
        self.all_units = units
        self.units = units.filter(level__in=FILING_LEVELS)
        self.plans = YearPlan.objects.filter(year__gte=start.year, year__lte=end.year)
        self.pledges = Pledge.objects.filter(
            plan__in=self.plans, unit__in=self.units, state__in=PLEDGED_STATES, submitted_at__date__lte=end
        )
        self.results = ResultReport.objects.filter(self.result_condition(), unit__in=self.units)
        # Results belong to their plan year and reporting period, whenever they were filed (the six-month
        # report is due in July, after the half year it reports on).
        self.filed_results = self.results.filter(state__in=FILED_RESULT_STATES)
        self.accepted = self.results.filter(state=ReviewState.ACCEPTED)

    @property
    def closes_year(self):
        return (self.end.month, self.end.day) == (12, 31)

    @property
    def last_result_period(self):
        return ReportingPeriod.YEAR_END if self.closes_year else ReportingPeriod.SIX_MONTH

    def result_condition(self, prefix=""):
        """Year-end results of the period's years; for a period ending mid-year, its last year's six-month ones."""
        p = prefix
        return Q(
            **{
                f"{p}plan__year__gte": self.start.year,
                f"{p}plan__year__lt": self.end.year,
                f"{p}period": ReportingPeriod.YEAR_END,
            }
        ) | Q(**{f"{p}plan__year": self.end.year, f"{p}period": self.last_result_period})


def overview(scope):
    """The headline indicators, in a fixed number of queries (also used for the previous period)."""
    units_total = scope.units.count()
    pledged = scope.pledges.aggregate(n=Count("unit", distinct=True))["n"]
    covenants = Covenant.objects.filter(plan__in=scope.plans, cluster__units__in=scope.units).distinct().count()
    signatures = CovenantSignature.objects.filter(
        covenant__plan__in=scope.plans, unit__in=scope.units, signed_at__date__lte=scope.end
    ).count()
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
        ("score", _("Điểm bình quân")),
        ("late", _("Số đơn vị nộp muộn")),
        ("exemplars", _("Số điển hình, nhân tố mới được đề xuất")),
        ("initiatives", _("Số sáng kiến được công nhận")),
    ]


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
        CovenantSignature.objects.filter(covenant=OuterRef("pk"), unit__in=scope.units, signed_at__date__lte=scope.end)
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
    states = dict(Covenant.State.choices)
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
    rows = (
        ResultValue.objects.filter(report__in=scope.accepted)
        .values("criterion", "criterion__plan__year", "criterion__code", "criterion__name", "criterion__measure_unit")
        .annotate(
            units=Count("report__unit", distinct=True),
            achieved=Avg("achieved"),
            avg_completion=Avg("completion"),
            reached=Count("pk", filter=Q(completion__gte=100)),
        )
        .order_by("criterion__plan__year", "criterion__order", "criterion__code")
    )
    return [
        (
            r["criterion__plan__year"],
            r["criterion__code"],
            r["criterion__name"],
            r["criterion__measure_unit"],
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


def _due_plan(scope):
    """The plan of the period's last year, whose deadlines say what should have been filed by its end."""
    return scope.plans.filter(year=scope.end.year).first()


def late_or_missing_queryset(scope, plan):
    pledged = scope.pledges.filter(unit=OuterRef("pk"))
    filed = scope.filed_results.filter(unit=OuterRef("pk"))
    late = Q(Exists(scope.pledges.filter(unit=OuterRef("pk"), is_late=True))) | Q(
        Exists(scope.filed_results.filter(unit=OuterRef("pk"), is_late=True))
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


def awards_tables(scope):
    """Award proposals and decisions by title and level, once the awards app defines them."""
    from .awards_data import award_tables

    return award_tables(scope)


def gather(*, kind, start, end, unit=None, progress=None):
    """Every figure of a report, in a number of queries that does not depend on the number of units."""
    step = progress or (lambda percent: None)
    scope = Scope(start=start, end=end, unit=unit)
    plan = _due_plan(scope)
    current = overview(scope)
    prev_start, prev_end = previous_period(kind, start, end)
    previous = overview(Scope(start=prev_start, end=prev_end, unit=unit))
    step(20)
    units_total = current["units_total"]
    by_cluster = coverage_by_cluster(scope)
    completion_cluster = completion_by_cluster(scope)
    initiative_rows, proposed = initiatives_by_level(scope)
    step(35)
    late_count = late_or_missing_queryset(scope, plan)[0].count()
    labels = overview_labels()
    tables = [
        Table(
            "overview", _("Tổng hợp chung"), [_("Chỉ tiêu"), _("Kết quả")], [(label, current[k]) for k, label in labels]
        ),
        Table(
            "movements",
            _("Đăng ký thi đua theo phong trào"),
            [_("Nhiệm kỳ"), _("STT"), _("Phong trào"), _("Số đơn vị tham gia"), _("Tỷ lệ (%)")],
            coverage_by_movement(scope, units_total),
        ),
        Table(
            "clusters",
            _("Đăng ký thi đua theo cụm"),
            [_("Cụm thi đua"), _("Số đơn vị"), _("Đã đăng ký"), _("Tỷ lệ (%)")],
            by_cluster,
            chart=[(row[0], row[3]) for row in by_cluster],
            chart_title=_("Biểu đồ: tỷ lệ đơn vị đăng ký thi đua theo cụm (%)"),
        ),
        Table(
            "covenants",
            _("Ký kết giao ước thi đua"),
            [_("Năm"), _("Cụm thi đua"), _("Giao ước"), _("Trạng thái"), _("Số đơn vị"), _("Đã ký"), _("Tỷ lệ (%)")],
            covenant_signatures(scope),
        ),
        Table(
            "criteria",
            _("Kết quả thực hiện theo tiêu chí"),
            [
                _("Năm"),
                _("Mã"),
                _("Tiêu chí"),
                _("Đơn vị tính"),
                _("Số đơn vị"),
                _("Chỉ tiêu bình quân"),
                _("Kết quả bình quân"),
                _("Hoàn thành bình quân (%)"),
                _("Số đơn vị đạt"),
            ],
            completion_by_criterion(scope),
        ),
        Table(
            "sectors",
            _("Kết quả theo loại hình đơn vị"),
            [
                _("Loại hình"),
                _("Số đơn vị"),
                _("Hoàn thành bình quân (%)"),
                _("Điểm bình quân"),
                _("Số đơn vị đạt 100%"),
            ],
            completion_by_sector(scope),
        ),
        Table(
            "cluster_results",
            _("Kết quả theo cụm thi đua"),
            [
                _("Cụm thi đua"),
                _("Số đơn vị"),
                _("Hoàn thành bình quân (%)"),
                _("Điểm bình quân"),
                _("Số đơn vị đạt 100%"),
            ],
            completion_cluster,
            chart=[(row[0], row[2] or 0) for row in completion_cluster],
            chart_title=_("Biểu đồ: mức hoàn thành bình quân theo cụm (%)"),
        ),
        Table(
            "rankings",
            _("Xếp hạng trong cụm thi đua"),
            [_("Cụm thi đua"), _("Hạng"), _("Đơn vị"), _("Điểm"), _("Hoàn thành (%)")],
            lambda: iter_rankings(scope),
            pdf_limit=5,
            group_column=0,
            note=_("Bản PDF nêu năm đơn vị dẫn đầu mỗi cụm; bảng đầy đủ trong tệp Excel."),
            note_in_workbook=False,
        ),
        Table(
            "exemplars",
            _("Điển hình tiên tiến, nhân tố mới"),
            [_("Loại"), _("Đề xuất"), _("Đã xác nhận"), _("Đã công bố")],
            exemplars_by_kind(scope),
        ),
        Table(
            "initiatives",
            _("Sáng kiến được công nhận theo cấp"),
            [_("Cấp công nhận"), _("Số sáng kiến")],
            initiative_rows,
            note=_("Số sáng kiến được đề xuất trong kỳ: %(n)s.") % {"n": proposed},
        ),
        Table(
            "late",
            _("Đơn vị chậm hoặc chưa nộp"),
            [_("Đơn vị"), _("Cụm thi đua"), _("Chưa đăng ký"), _("Chưa báo cáo kết quả"), _("Nộp muộn")],
            lambda: iter_late_or_missing(scope, plan),
            pdf_limit=40,
            note=_("Tổng số: %(n)s đơn vị.") % {"n": late_count},
        ),
        Table(
            "comparison",
            _("So sánh với kỳ trước"),
            [_("Chỉ tiêu"), _("Kỳ này"), _("Kỳ trước"), _("Tăng/giảm")],
            [(label, current[k], previous[k], _delta(current[k], previous[k])) for k, label in labels],
            note=_("Kỳ trước: từ %(a)s đến %(b)s.")
            % {"a": prev_start.strftime("%d/%m/%Y"), "b": prev_end.strftime("%d/%m/%Y")},
        ),
    ]
    step(45)
    tables.extend(awards_tables(scope))
    step(50)
    return ReportData(
        report_kind=kind,
        start=start,
        end=end,
        unit=unit,
        overview=current,
        previous=previous,
        previous_period=(prev_start, prev_end),
        tables=tables,
    )


def _delta(now, before):
    if now is None or before is None:
        return None
    return round(now - before, 2) if isinstance(now, float) or isinstance(before, float) else now - before
