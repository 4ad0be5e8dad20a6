"""The charts of the plan, cluster and unit pages say what their tables, the tracking, ranking and report tables say:
each is drawn from the one function those read, and its table (the text alternative) holds the same numbers."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from campaigns import selectors
from campaigns.enums import ReportingPeriod, ReviewState
from campaigns.models import ResultValue
from emulation.tests.factories import ClusterFactory, UnitFactory
from reports.data.figures import completion_by_criterion
from reports.data.scope import Scope

from .conftest import login
from .factories import PledgeFactory, ResultFactory

pytestmark = pytest.mark.django_db


def moment(plan, month, day):
    return datetime.datetime(plan.year, month, day, 9, tzinfo=datetime.UTC)


@pytest.fixture
def filed(plan):
    """Four units of one cluster: three sent their pledge on two days (one still a draft), two their six-month
    result, accepted with scores and completions per criterion."""
    cluster = ClusterFactory(name="Cụm thi đua các sở")
    units = [UnitFactory(cluster=cluster, name=f"Đảng bộ Sở {name}") for name in ("An", "Bình", "Cường", "Dũng")]
    days = [(2, 10), (2, 10), (3, 5), None]
    pledges = []
    for unit, day in zip(units, days, strict=True):
        state = ReviewState.ACCEPTED if day else ReviewState.DRAFT
        pledges.append(
            PledgeFactory(plan=plan, unit=unit, state=state, submitted_at=moment(plan, *day) if day else None)
        )
    criteria = list(plan.criteria.order_by("code"))
    for pledge, score, completions in ((pledges[0], "92.5", (100, 80, 90, 100)), (pledges[2], "71", (50, 60, 70, 100))):
        report = ResultFactory(
            pledge=pledge,
            period=ReportingPeriod.SIX_MONTH,
            state=ReviewState.ACCEPTED,
            submitted_at=moment(plan, 7, 1),
            score=Decimal(score),
            completion=Decimal(completions[1]),
        )
        for criterion, completion in zip(criteria, completions, strict=True):
            ResultValue.objects.create(
                report=report, criterion=criterion, achieved=Decimal(completion), completion=Decimal(completion)
            )
    return cluster, units


def test_the_progress_chart_climbs_to_the_tracking_counters_and_marks_the_deadlines(plan, filed):
    plan.registration_deadline = datetime.date(plan.year, 3, 1)
    rows = selectors.filing_progress(plan)
    counts = selectors.tracking_totals(plan)["counts"]
    assert rows[-1][2:] == (counts["pledged"], counts["six_month"], counts["year_end"]) == (3, 2, 0)
    by_day = {row[0]: row for row in rows}
    assert by_day[datetime.date(plan.year, 2, 10)][2] == 2
    assert by_day[datetime.date(plan.year, 3, 1)][1:3] == ("Hạn đăng ký thi đua", 2)
    assert by_day[datetime.date(plan.year, 3, 5)][2] == 3


def test_the_plan_charts_and_their_tables_hold_the_same_numbers(client, plan, filed, office):
    login(client, office)
    response = client.get(reverse("campaigns:plan_detail", args=[plan.pk]))
    charts = response.context["charts"]["charts"]
    assert [c["id"] for c in charts] == ["chart-progress", "chart-movements", "chart-criteria"]
    html = response.content.decode()
    for chart in charts:
        # The JSON beside the canvas is what the script draws; the figure's table has a row per label.
        found = re.search(rf'<script id="{chart["id"]}" type="application/json">(.*?)</script>', html, re.S)
        assert json.loads(found.group(1)) == chart["spec"]
        figure = html[html.index(f'data-chart="{chart["id"]}"') :].split("</figure>")[0]
        assert figure.count("<tr>") == len(chart["rows"]) + 1 == len(chart["spec"]["labels"]) + 1
    for chart in charts[1:]:  # completion: the table's completion columns are the series
        series = [d["data"] for d in chart["spec"]["datasets"]]
        assert series == [[row[2] for row in chart["rows"]], [row[4] for row in chart["rows"]]]
    progress = charts[0]
    assert [d["data"] for d in progress["spec"]["datasets"]] == [
        [row[i] for row in progress["rows"]] for i in (2, 3, 4)
    ]
    assert progress["spec"]["max"] == selectors.tracking_totals(plan)["counts"]["total"] == 4
    assert 'role="img"' in html and "Bảng số liệu của biểu đồ" in html and "vendor/chartjs/chart.umd.min.js" in html


def test_completion_by_criterion_is_the_reports_figure(plan, filed):
    rows = selectors.criterion_completion(selectors.plan_accepted_results(plan))
    criteria = selectors.completion_charts(rows)[1]
    six_month = [d["data"] for d in criteria["spec"]["datasets"]][0]
    assert criteria["spec"]["labels"] == ["A", "B", "C", "D"]
    assert six_month == [75.0, 70.0, 80.0, 100.0]
    # The six-month report of the plan's year prints the same means, from the same function.
    scope = Scope(start=datetime.date(plan.year, 1, 1), end=datetime.date(plan.year, 6, 30))
    assert [row[7] for row in completion_by_criterion(scope)] == six_month
    assert [row[1] for row in criteria["rows"]] == [2, 2, 2, 2]  # units that reported each criterion
    movements = selectors.completion_charts(rows)[0]
    # Criterion A belongs to the plan's movement; the others to none, their mean over all their values.
    assert [d["data"] for d in movements["spec"]["datasets"]][0] == [75.0, 83.3]


def test_the_cluster_chart_is_the_ranking_pages_ranking(client, plan, filed, office):
    cluster, units = filed
    login(client, office)
    ranking = client.get(reverse("campaigns:plan_ranking", args=[plan.pk]) + "?period=six_month")
    ranked = [(row.rank, row.unit.name, float(row.score)) for row in ranking.context["page"]]
    response = client.get(reverse("cluster_detail", args=[cluster.pk]))
    chart = response.context["related_panels"][0]["context"]["chart"]
    assert [(rank, name, score) for rank, name, score, _completion in chart["rows"]] == ranked
    assert chart["spec"]["labels"] == ["Đảng bộ Sở An", "Đảng bộ Sở Cường"]
    assert chart["spec"]["datasets"][0]["data"] == [92.5, 71.0]
    assert "vendor/chartjs/chart.umd.min.js" in response.content.decode()


def test_a_units_scores_over_the_years_are_charted_with_their_table(client, plan, filed, office):
    _cluster, units = filed
    login(client, office)
    response = client.get(reverse("unit_detail", args=[units[0].pk]))
    chart = response.context["related_panels"][0]["context"]["chart"]
    assert chart["rows"] == [(str(plan.year), 92.5, None, None)]
    assert chart["spec"]["datasets"][0]["data"] == [92.5]
    html = response.content.decode()
    assert "Kết quả thi đua qua các năm" in html and "92,5" in html
    # A unit with no accepted result has no chart, and the page does not load Chart.js.
    response = client.get(reverse("unit_detail", args=[units[1].pk]))
    assert response.context["related_panels"] == []
    assert "chart.umd.min.js" not in response.content.decode()


def test_a_secretary_sees_his_units_scores_but_not_the_plan_or_cluster_figures(client, plan, filed):
    from emulation.tests.factories import secretary_of

    cluster, units = filed
    secretary = secretary_of(units[0], username="bithu-an")
    login(client, secretary)
    assert client.get(reverse("campaigns:plan_detail", args=[plan.pk])).context["charts"] is None
    assert client.get(reverse("cluster_detail", args=[cluster.pk])).context["related_panels"] == []
    assert client.get(reverse("unit_detail", args=[units[0].pk])).context["related_panels"]
    assert client.get(reverse("unit_detail", args=[units[2].pk])).status_code == 403


def test_the_charts_follow_a_new_filing(client, plan, filed, office):
    _cluster, units = filed
    login(client, office)
    url = reverse("campaigns:plan_detail", args=[plan.pk])
    assert client.get(url).context["charts"]["charts"][0]["rows"][-1][2] == 3
    pledge = units[3].pledges.get()
    pledge.state, pledge.submitted_at = ReviewState.SUBMITTED, moment(plan, 3, 6)
    pledge.save()
    from campaigns import upkeep

    upkeep.pledge_changed(pledge)  # what submit_pledge calls: the tracking version is replaced
    assert client.get(url).context["charts"]["charts"][0]["rows"][-1][2] == 4


def test_reading_the_charts_writes_nothing(client, plan, filed, office, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cluster, units = filed
    login(client, office)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        for url in (
            reverse("campaigns:plan_detail", args=[plan.pk]),
            reverse("cluster_detail", args=[cluster.pk]),
            reverse("unit_detail", args=[units[0].pk]),
        ):
            assert client.get(url).status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert not [w for w in writes if "django_session" not in w], writes
