"""The Office reads the charts of a plan, a cluster and a unit: each is drawn, its table says the same numbers, and
none pushes a phone's page sideways."""

from playwright.sync_api import expect

from campaigns import selectors
from campaigns.enums import PlanState
from campaigns.models import YearPlan
from emulation.models import Unit


def drawn_charts(j, expected):
    """Wait until every chart of the page is drawn by Chart.js; the ids of the charts drawn."""
    canvases = j.page.locator("canvas[data-chart]")
    expect(canvases).to_have_count(expected)
    for i in range(expected):
        expect(canvases.nth(i)).to_have_attribute("data-drawn", "true")
    return j.page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".filter(c => window.Chart.getChart(c) && c.width > 0).map(c => c.dataset.chart)"
    )


def table_of(j, chart_id):
    """The rows of a chart's table, opened as a reader would, as the texts of their cells."""
    figure = j.page.locator("figure", has=j.page.locator(f'canvas[data-chart="{chart_id}"]'))
    figure.locator("summary").click()
    table = figure.locator("table")
    expect(table).to_be_visible()
    return table.locator("tbody tr").evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")


def shown(value):
    """A figure as the Vietnamese table prints it."""
    if value is None:
        return "—"
    return str(value).replace(".", ",")


def test_the_office_reads_the_plan_cluster_and_unit_charts(journey):
    office = journey()
    office.login("vanphong")
    plan = YearPlan.objects.filter(state=PlanState.LAUNCHED).order_by("-year").first()
    charts = selectors.plan_charts(plan)["charts"]
    office.goto(plan.get_absolute_url())
    ids = drawn_charts(office, len(charts))
    assert ids == [chart["id"] for chart in charts] and "chart-progress" in ids
    counts = selectors.tracking_totals(plan)["counts"]
    progress = table_of(office, "chart-progress")
    assert progress[-1][2:] == [str(counts["pledged"]), str(counts["six_month"]), str(counts["year_end"])]
    canvas = office.page.locator('canvas[data-chart="chart-progress"]')
    expect(canvas).to_have_attribute("role", "img")
    assert str(counts["pledged"]) in canvas.get_attribute("aria-label")
    office.step("plan charts")

    unit = Unit.objects.select_related("cluster").get(code="so-tai-chinh")
    ranking = selectors.cluster_ranking_chart(unit.cluster)
    office.goto(unit.cluster.get_absolute_url())
    assert drawn_charts(office, 1) == ["chart-ranking"]
    rows = table_of(office, "chart-ranking")
    assert rows == [
        [str(rank), name, shown(score), shown(completion)] for rank, name, score, completion in ranking["rows"]
    ]
    office.step("cluster ranking chart")

    scores = selectors.unit_scores_chart(unit)
    office.goto(unit.get_absolute_url())
    assert drawn_charts(office, 1) == ["chart-unit-scores"]
    assert table_of(office, "chart-unit-scores") == [[shown(cell) for cell in row] for row in scores["rows"]]
    office.step("unit scores chart")
