"""The figures the plan, cluster and unit pages draw as charts.

Each figure is read once, by the function the tracking, ranking and report tables read too, and shaped once into a
chart: its labels and series for static/js/charts.js, and the same numbers as the rows of the table beside it (the
chart's text alternative). The chart and its table therefore cannot disagree. A plan's and a cluster's charts are
cached under the tracking version (see caching.py) like every tracking figure; a read writes nothing.
"""

from django.core.cache import cache
from django.db.models import Avg, CharField, Count, F, Q, Sum, Value
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..enums import FILED_STATES, PlanState, ReportingPeriod, ReviewState
from ..models import Pledge, ResultReport, ResultValue
from .caching import TRACKING_TTL, tracking_key, tracking_version
from .figures import ranked_sizes
from .ranking import ranked_in_clusters
from .records import MEMBER_LEVELS, all_plans
from .tracking import tracking_totals

PERIODS = (ReportingPeriod.SIX_MONTH, ReportingPeriod.YEAR_END)
PLEDGED = "pledged"
# The plans whose ranking a cluster's page looks for: this year's plan has no accepted result for months, so the
# last closed one is shown until it has.
RANKED_PLANS = 2


def _members(prefix="unit__"):
    """The units the tracking counts (members.member_units()): active grassroots committees and cells."""
    return Q(**{f"{prefix}is_active": True, f"{prefix}level__in": MEMBER_LEVELS})


def _number(value, digits=1):
    return None if value is None else round(float(value), digits)


def chart(*, name, kind, title, summary, labels, datasets, columns, rows, text_columns=1, **options):
    """One chart and its table: what templates/partials/chart.html draws. ``datasets`` are (label, values) pairs
    whose values go with ``labels``; ``name`` is unique on the page (the id of its JSON); ``rows`` are the table's, the same numbers, the first ``text_columns`` of them
    words, the others figures."""
    return {
        "id": f"chart-{name}",
        "title": title,
        "summary": summary,
        "columns": columns,
        "rows": rows,
        "text_columns": text_columns,
        "spec": {
            "kind": kind,
            "labels": labels,
            "datasets": [{"label": label, "data": values} for label, values in datasets],
            **options,
        },
    }


# Registration and reporting progress over time.


def filing_days(plan):
    """[(day, kind, units)]: how many member units' current pledge (kind "pledged") or result of a period (kind: the
    period) still counted as filed was sent on each day. One query: two grouped reads joined by UNION ALL.

    Summed over the days these are the tracking page's counters (pledged, six_month, year_end): the same records, the
    current revision of a pledge dated by when that revision was sent.
    """
    filed = list(FILED_STATES)
    pledges = (
        Pledge.objects.filter(_members(), plan=plan, state__in=filed)
        .order_by()
        .annotate(day=TruncDate("submitted_at"), kind=Value(PLEDGED, output_field=CharField()))
        .values("day", "kind")
        .annotate(n=Count("pk"))
        .values_list("day", "kind", "n")
    )
    results = (
        ResultReport.objects.filter(_members(), plan=plan, state__in=filed)
        .order_by()
        .annotate(day=TruncDate("submitted_at"), kind=F("period"))
        .values("day", "kind")
        .annotate(n=Count("pk"))
        .values_list("day", "kind", "n")
    )
    return list(pledges.union(results, all=True))


def filing_progress(plan, days=None):
    """The cumulative units that filed a pledge, a six-month and a year-end result, day by day, with the plan's
    deadlines that have come marked; None when nothing is filed yet.

    Rows of (day, label of the deadline falling that day or "", pledged, six-month, year-end): the days something was
    sent, and each deadline from the first filing up to the last filing or today, whichever is later.
    """
    days = filing_days(plan) if days is None else days
    by_day = {}
    for day, kind, n in days:
        if day is not None:  # a record loaded around the services with no date: it has no place on the time line
            by_day.setdefault(day, {})[kind] = n
    if not by_day:
        return None
    deadlines = {
        plan.registration_deadline: _("Hạn đăng ký thi đua"),
        plan.six_month_deadline: _("Hạn báo cáo sáu tháng"),
        plan.year_end_deadline: _("Hạn báo cáo cả năm"),
    }
    first, last = min(by_day), max(max(by_day), timezone.localdate())
    marked = {day: label for day, label in deadlines.items() if first <= day <= last}
    totals = dict.fromkeys((PLEDGED, *PERIODS), 0)
    rows = []
    for day in sorted(by_day.keys() | marked.keys()):
        for kind, n in by_day.get(day, {}).items():
            totals[kind] += n
        rows.append((day, marked.get(day, ""), totals[PLEDGED], *(totals[p] for p in PERIODS)))
    return rows


def progress_chart(plan, total):
    """The plan's filing progress as a line chart over the days, the deadlines marked, out of ``total`` units."""
    rows = filing_progress(plan)
    if rows is None:
        return None
    labels = [date_format(row[0], "d/m/Y") for row in rows]
    names = (_("Đã gửi đăng ký"), _("Báo cáo 6 tháng"), _("Báo cáo cả năm"))
    last = rows[-1]
    summary = _(
        "Biểu đồ đường: số đơn vị đã gửi theo ngày, cộng dồn, trên tổng số %(total)s đơn vị. Đến %(day)s: "
        "%(pledged)s đơn vị đã gửi đăng ký, %(six)s đã gửi báo cáo 6 tháng, %(year)s đã gửi báo cáo cả năm."
    ) % {"total": total, "day": labels[-1], "pledged": last[2], "six": last[3], "year": last[4]}
    return chart(
        name="progress",
        kind="line",
        title=_("Tiến độ đăng ký và báo cáo (số đơn vị, cộng dồn)"),
        summary=summary,
        labels=labels,
        datasets=[(name, [row[i] for row in rows]) for i, name in enumerate(names, 2)],
        columns=[_("Ngày"), _("Mốc"), *names],
        rows=[(label, *row[1:]) for label, row in zip(labels, rows, strict=True)],
        text_columns=2,
        markers=[{"index": i, "label": row[1]} for i, row in enumerate(rows) if row[1]],
        max=total or None,
    )


# Completion by criterion and by movement.


def criterion_completion(results):
    """Per criterion and reporting period of the accepted ``results`` (a ResultReport queryset): the units that
    reported it, their mean achieved value and completion (%), how many reached 100%, and the sum and number of the
    completions (a movement's mean is taken over its criteria's values, not as a mean of means). One grouped query.

    The report's table by criterion and the plan page's charts read it.
    """
    return list(
        ResultValue.objects.filter(report__in=results)
        .values(
            "criterion",
            "report__period",
            "criterion__plan__year",
            "criterion__code",
            "criterion__name",
            "criterion__measure",
            "criterion__measure_unit",
            "criterion__movement__number",
            "criterion__movement__name",
        )
        .annotate(
            units=Count("report__unit", distinct=True),
            achieved=Avg("achieved"),
            avg_completion=Avg("completion"),
            completion_sum=Sum("completion"),
            completed=Count("completion"),
            reached=Count("pk", filter=Q(completion__gte=100)),
        )
        .order_by("criterion__plan__year", "criterion__order", "criterion__code", "report__period")
    )


def plan_accepted_results(plan):
    """The plan's accepted results of the member units: what a report over the plan's year counts."""
    return ResultReport.objects.filter(_members(), plan=plan, state=ReviewState.ACCEPTED)


def _by_period(rows, key):
    """{key: {period: (units, completion sum, completions)}} in the rows' order. A movement's units are the most
    that reported any one of its criteria (a unit reports every criterion it pledged, so this is the units that
    reported on the movement, without a second query to count them apart)."""
    grouped = {}
    for row in rows:
        units, total, n = grouped.setdefault(key(row), {}).get(row["report__period"], (0, 0, 0))
        grouped[key(row)][row["report__period"]] = (
            max(units, row["units"]),
            total + (row["completion_sum"] or 0),
            n + row["completed"],
        )
    return grouped


def _completion_chart(grouped, *, name, title, what, labels, names):
    period_names = [str(label) for _value, label in ReportingPeriod.choices]
    keys = list(grouped)
    means = {
        key: [
            _number(total / n) if n else None for _units, total, n in (grouped[key].get(p, (0, 0, 0)) for p in PERIODS)
        ]
        for key in keys
    }
    units = {key: [grouped[key].get(p, (0, 0, 0))[0] for p in PERIODS] for key in keys}
    columns = [what]
    for period_name in period_names:
        columns += [
            _("%(period)s: số đơn vị") % {"period": period_name},
            _("%(period)s: hoàn thành (%%)") % {"period": period_name},
        ]
    rows = []
    for key in keys:
        row = [names[key]]
        for i in range(len(PERIODS)):
            row += [units[key][i], means[key][i]]
        rows.append(row)
    return chart(
        name=name,
        kind="bar",
        title=title,
        summary=_("Biểu đồ cột ngang: mức hoàn thành bình quân (%%) theo %(what)s, sáu tháng và cả năm; %(n)s mục.")
        % {"what": what.lower(), "n": len(keys)},
        labels=[labels[key] for key in keys],
        datasets=[(label, [means[key][i] for key in keys]) for i, label in enumerate(period_names)],
        columns=columns,
        rows=rows,
        horizontal=True,
        max=100,
        unit="%",
    )


def completion_charts(rows):
    """The charts of the mean completion by movement and by criterion, from criterion_completion() rows of a plan."""
    if not rows:
        return []
    criteria = _by_period(rows, lambda row: row["criterion"])
    first = {}
    for row in rows:
        first.setdefault(row["criterion"], row)
    by_criterion = _completion_chart(
        criteria,
        name="criteria",
        title=_("Mức hoàn thành bình quân theo tiêu chí (%)"),
        what=_("Tiêu chí"),
        labels={pk: row["criterion__code"] for pk, row in first.items()},
        names={pk: f"{row['criterion__code']}. {row['criterion__name']}" for pk, row in first.items()},
    )
    movements = _by_period(
        sorted(rows, key=lambda row: (row["criterion__movement__number"] is None, row["criterion__movement__number"])),
        lambda row: row["criterion__movement__number"],
    )
    names = {
        row["criterion__movement__number"]: row["criterion__movement__name"]
        or _("Tiêu chí chung (không thuộc phong trào)")
        for row in rows
    }
    by_movement = _completion_chart(
        movements,
        name="movements",
        title=_("Mức hoàn thành bình quân theo phong trào (%)"),
        what=_("Phong trào"),
        labels=names,
        names=names,
    )
    return [by_movement, by_criterion]


def plan_charts(plan):
    """The plan page's charts (progress out of the tracking page's count of units, completion by movement and by
    criterion) and the key their fragment is cached under; computed once per tracking version."""
    key = tracking_key("charts", plan, {}, timezone.localdate())  # the deadlines marked are those come by today
    charts = cache.get(key)
    if charts is None:
        progress = progress_chart(plan, tracking_totals(plan)["counts"]["total"])
        completion = completion_charts(criterion_completion(plan_accepted_results(plan)))
        charts = {"key": key, "charts": [c for c in (progress, *completion) if c]}
        cache.set(key, charts, TRACKING_TTL)
    return charts


# A cluster's ranking.


def cluster_ranking(cluster):
    """(plan, period, ranked rows) of the cluster in the newest launched or closed plan, year-end before six-month,
    that has accepted results in it, read by the ranking page's function (ranked_in_clusters); None when none has.

    The clusters holding results are read from the plans' summary rows (ranked_sizes), cached."""
    plans = [p for p in all_plans() if p.state in (PlanState.LAUNCHED, PlanState.CLOSED)][:RANKED_PLANS]
    for plan in plans:
        for period in reversed(PERIODS):
            if dict(ranked_sizes(plan, period)).get(cluster.pk):
                return plan, period, ranked_in_clusters(plan, period, [cluster.pk])
    return None


def cluster_ranking_chart(cluster):
    """The cluster's ranking as a bar chart of its units' scores, with the ranking table; cached under the tracking
    version."""
    key = f"campaigns:tracking:cluster-ranking:{tracking_version()}:{cluster.pk}:{get_language() or ''}"
    found = cache.get(key)
    if found is None:
        found = {"chart": None}
        ranking = cluster_ranking(cluster)
        if ranking is not None:
            plan, period, rows = ranking
            found["chart"] = _ranking_chart(plan, period, rows)
        cache.set(key, found, TRACKING_TTL)
    return found["chart"]


def _ranking_chart(plan, period, rows):
    label = dict(ReportingPeriod.choices)[period]
    title = _("Xếp hạng trong cụm: kế hoạch năm %(year)s, kết quả %(period)s (điểm, thang điểm 100)") % {
        "year": plan.year,
        "period": str(label).lower(),
    }
    scores = [_number(row.score, 2) for row in rows]
    top = rows[0]
    summary = _(
        "Biểu đồ cột ngang: điểm của %(n)s đơn vị, xếp từ cao xuống thấp; dẫn đầu: %(unit)s, %(score)s điểm."
    ) % {
        "n": len(rows),
        "unit": top.unit.name,
        "score": "—" if top.score is None else number_format(top.score, 2),
    }
    result = chart(
        name="ranking",
        kind="bar",
        title=title,
        summary=summary,
        labels=[row.unit.name for row in rows],
        datasets=[(_("Điểm (thang điểm 100)"), scores)],
        columns=[_("Hạng"), _("Đơn vị"), _("Điểm (thang điểm 100)"), _("Hoàn thành (%)")],
        rows=[
            (row.rank, row.unit.name, score, _number(row.completion)) for row, score in zip(rows, scores, strict=True)
        ],
        text_columns=2,
        horizontal=True,
        max=100,
    )
    result.update(plan=plan, period=period)
    return result


# A unit's score over the years.


def unit_scores(unit):
    """[(plan year, six-month score, year-end score, year-end completion)] of the unit's accepted results, by year;
    one query (a unit has a result per plan and period)."""
    years = {}
    for year, period, score, completion in (
        ResultReport.objects.filter(unit=unit, state=ReviewState.ACCEPTED)
        .order_by()
        .values_list("plan__year", "period", "score", "completion")
    ):
        row = years.setdefault(year, {})
        row[period] = (score, completion)
    return [
        (
            year,
            _number(years[year].get(ReportingPeriod.SIX_MONTH, (None, None))[0], 2),
            _number(years[year].get(ReportingPeriod.YEAR_END, (None, None))[0], 2),
            _number(years[year].get(ReportingPeriod.YEAR_END, (None, None))[1]),
        )
        for year in sorted(years)
    ]


def unit_scores_chart(unit):
    """The unit's scores over the years as a chart and a table, cached under the tracking version (a unit's page is
    read far more often than a result is accepted); None when it has no accepted result."""
    key = f"campaigns:tracking:unit-scores:{tracking_version()}:{unit.pk}:{get_language() or ''}"
    found = cache.get(key)
    if found is None:
        found = {"chart": _unit_scores_chart(unit_scores(unit))}
        cache.set(key, found, TRACKING_TTL)
    return found["chart"]


def _unit_scores_chart(rows):
    if not rows:
        return None
    names = [_("Điểm sáu tháng"), _("Điểm cả năm")]
    summary = _(
        "Biểu đồ cột: điểm được công nhận của đơn vị (thang điểm 100) qua %(n)s năm, từ %(first)s đến %(last)s."
    ) % {
        "n": len(rows),
        "first": rows[0][0],
        "last": rows[-1][0],
    }
    return chart(
        name="unit-scores",
        kind="bar",
        title=_("Điểm thi đua của đơn vị qua các năm (thang điểm 100)"),
        summary=summary,
        labels=[str(row[0]) for row in rows],
        datasets=[(name, [row[i] for row in rows]) for i, name in enumerate(names, 1)],
        columns=[_("Năm"), *names, _("Hoàn thành cả năm (%)")],
        rows=[(str(row[0]), *row[1:]) for row in rows],
        max=100,
    )
