"""The figures of a report, gathered with grouped aggregate queries.

The number of queries depends on the number of tables, never on the number of units: every table is
one GROUP BY (or one streamed query for the per-unit lists), and the long per-unit lists are read with
``.iterator()`` so a national office's 50,000 units never sit in memory at once.

What is counted, for a period [start, end]:
- the units expected to file are the active grassroots party organizations (đảng bộ, chi bộ cơ sở) in
  scope (the whole Bloc, or for a per-unit summary the unit's subtree);
- plans are the yearly plans whose year falls in the period; a term's report counts the term's plans (terms meet at
  a boundary year, whose plan belongs to one of them);
- a unit has pledged when its current pledge of such a plan is sent (submitted or accepted), and covenant
  signatures are those of the plan's covenants, whenever they were sent or signed: a record belongs to its plan's
  year, and one entered late counts there and is marked late (the late list);
- results (whenever filed) are the year-end reports of the period's plans, except for a period ending before 31 December,
  which reads the six-month reports of its last year; only results accepted by the Office count toward
  completion, scores and rankings;
- the plans table prints each plan's figures from the function the tracking and ranking pages read
  (campaigns.selectors.figures.plan_figures), so the report and the pages cannot disagree;
- award proposals and awards of the years the period spans (the round's and the record's year);
- exemplars proposed and initiatives recognized within the period.
"""

from django.utils.translation import gettext as _

from ..periods import previous_period
from .awards import award_tables
from .figures import (
    completion_by_cluster,
    completion_by_criterion,
    completion_by_sector,
    covenant_signatures,
    coverage_by_cluster,
    coverage_by_movement,
    exemplars_by_kind,
    initiatives_by_level,
    iter_late_or_missing,
    iter_rankings,
    late_or_missing_queryset,
    overview,
    overview_labels,
    plan_figure_columns,
    plan_figure_rows,
)
from .scope import FILED_RESULT_STATES, FILING_LEVELS, PLEDGED_STATES, STREAM_CHUNK, Scope, reported_term
from .tables import PDF_MAX_ROWS, ReportData, Table

__all__ = [
    "FILED_RESULT_STATES",
    "FILING_LEVELS",
    "PLEDGED_STATES",
    "STREAM_CHUNK",
    "ReportData",
    "Scope",
    "Table",
    "gather",
]


def _due_plan(scope):
    """The plan of the period's last year, whose deadlines say what should have been filed by its end."""
    return scope.plans.filter(year=scope.end.year).first()


def gather(*, kind, start, end, unit=None, progress=None):
    """Every figure of a report, in a number of queries that does not depend on the number of units."""
    step = progress or (lambda percent: None)
    scope = Scope(start=start, end=end, unit=unit, term=reported_term(kind, start, end))
    plan = _due_plan(scope)
    current = overview(scope)
    prev_start, prev_end = previous_period(kind, start, end)
    previous = overview(
        Scope(start=prev_start, end=prev_end, unit=unit, term=reported_term(kind, prev_start, prev_end))
    )
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
            "plans",
            _("Theo dõi thực hiện kế hoạch thi đua"),
            plan_figure_columns(),
            plan_figure_rows(scope),
            note=_("Số liệu như trang theo dõi và trang xếp hạng của kế hoạch, kể cả hồ sơ nộp muộn."),
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
                _("Cách đo"),
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
                _("Điểm bình quân (thang điểm 100)"),
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
                _("Điểm bình quân (thang điểm 100)"),
                _("Số đơn vị đạt 100%"),
            ],
            completion_cluster,
            chart=[(row[0], row[2] or 0) for row in completion_cluster],
            chart_title=_("Biểu đồ: mức hoàn thành bình quân theo cụm (%)"),
        ),
        Table(
            "rankings",
            _("Xếp hạng trong cụm thi đua"),
            [_("Cụm thi đua"), _("Hạng"), _("Đơn vị"), _("Điểm (thang điểm 100)"), _("Hoàn thành (%)")],
            lambda: iter_rankings(scope),
            pdf_limit=5,
            group_column=0,
            note=_("Bản PDF nêu năm đơn vị dẫn đầu mỗi cụm (tối đa %(n)s dòng); bảng đầy đủ trong tệp Excel.")
            % {"n": PDF_MAX_ROWS},
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
    tables.extend(award_tables(scope))
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
