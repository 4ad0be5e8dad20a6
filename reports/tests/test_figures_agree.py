"""A report about a period says what the portal's pages say about that period, whatever the day it is produced.

Every report kind is produced for every period that holds data, through the portal's request → task path, and
its headline figures are read back from the workbook it wrote; the same figures are read from the pages an Office
user opens (the plan's tracking counters, its ranking per period, the tracking row of a unit), parsed out of the
HTML. The previous year holds filings entered late, during the following year: they count in their year and are
marked late.
"""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.enums import FILED_STATES, ReportingPeriod, ReviewState
from campaigns.models import CovenantSignature
from emulation.tests.factories import office_user
from reports import services
from reports.enums import ReportKind, ReportState
from reports.periods import quarter_bounds

from .factories import (
    CovenantFactory,
    CovenantSignatureFactory,
    PledgeFactory,
    ResultReportFactory,
    at,
    build_world,
    demo_profile,
)
from .helpers import pdf_text, workbook

pytestmark = pytest.mark.django_db
YEAR = 2026
# The tracking page's counters, in the order the page shows them.
COUNTERS = ("total", "pledged", "accepted", "late", "signed", "six_month", "year_end")
# The report's table of plan figures, column by column after the year (reports.data.figures.PLAN_FIGURE_ORDER).
PLAN_COLUMNS = (
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


@pytest.fixture
def world():
    """Two years of records; the previous year's pledge, year-end result and a covenant signature of one unit were
    entered late, in the following year."""
    demo_profile()
    world = build_world(n_units=7, year=YEAR)
    previous = world.previous_plan
    covenant = CovenantFactory(plan=previous, cluster=world.clusters[0], lead_unit=world.units[0])
    for unit, signed_on in ((world.units[0], datetime.date(YEAR - 1, 4, 15)), (world.units[2], LATE_DAY)):
        signature = CovenantSignatureFactory(covenant=covenant, unit=unit, signed_by=world.signer)
        CovenantSignature.objects.filter(pk=signature.pk).update(signed_at=at(signed_on))
    for unit in world.units[:4:2]:  # in time: the six-month results of units that pledged in time
        ResultReportFactory(pledge=world.previous_pledges[unit.pk], period=ReportingPeriod.SIX_MONTH, score=70)
    world.late_unit = world.units[4 - 1]  # a unit that never pledges for the current year
    pledge = PledgeFactory(plan=previous, unit=world.late_unit, submitted_at=at(LATE_DAY), is_late=True)
    for period in ReportingPeriod.values:
        ResultReportFactory(
            pledge=pledge,
            period=period,
            submitted_at=at(LATE_DAY),
            is_late=True,
            completion=Decimal(90),
            score=Decimal(75),
        )
    return world


LATE_DAY = datetime.date(YEAR, 2, 10)


def _periods(year):
    """Every report kind's periods in a year that holds data."""
    periods = [(ReportKind.QUARTERLY, *quarter_bounds(year, q)) for q in (1, 2, 3, 4)]
    periods.append((ReportKind.SIX_MONTH, datetime.date(year, 1, 1), datetime.date(year, 6, 30)))
    periods.append((ReportKind.ANNUAL, datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    return periods


def _produce(capture, kind, start, end, unit=None):
    with capture(execute=True):
        report, _created = services.request_report(kind=kind, period_start=start, period_end=end, unit=unit)
    report.refresh_from_db()
    assert report.state == ReportState.DONE, report.error
    return report


def _tables(report):
    """{table title: its rows} read from the report's workbook (each sheet: a heading, the columns, the rows)."""
    book = workbook(report)
    tables = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if len(rows) >= 2 and rows[0][0] and ": " in str(rows[0][0]):
            tables[str(rows[0][0]).rsplit(": ", 1)[1]] = [row for row in rows[2:] if any(v is not None for v in row)]
    return tables


def _overview(tables):
    labels = {
        "Số đơn vị cơ sở": "units_total",
        "Số đơn vị đã đăng ký thi đua": "pledged",
        "Số chữ ký giao ước": "signatures",
        "Số đơn vị đã gửi báo cáo kết quả": "results_filed",
        "Số báo cáo kết quả được chấp thuận": "results_accepted",
    }
    return {labels[row[0]]: row[1] for row in tables["Tổng hợp chung"] if row[0] in labels}


def _plan_rows(tables):
    rows = tables["Theo dõi thực hiện kế hoạch thi đua"]
    return {row[0]: dict(zip(PLAN_COLUMNS, row[1:], strict=True)) for row in rows if isinstance(row[0], int)}


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _tracking_counters(client, plan):
    """The counters at the head of the plan's tracking page, as its reader sees them."""
    text = _page(client, reverse("campaigns:plan_tracking", args=[plan.pk]))
    numbers = re.findall(r'<div class="stat">([\d.]+)</div>', text)
    assert len(numbers) == len(COUNTERS)
    return dict(zip(COUNTERS, (int(n.replace(".", "")) for n in numbers), strict=True))


def _ranked(client, plan, period):
    """How many results the plan's ranking page ranks for a period (one page: these plans rank a few units)."""
    text = _page(client, reverse("campaigns:plan_ranking", args=[plan.pk]) + f"?period={period}")
    body = re.search(r"<tbody>(.*?)</tbody>", text, re.S).group(1)
    return len(re.findall(r"<tr><td>", body))


def _page_figures(client, plan):
    figures = _tracking_counters(client, plan)
    figures["ranked_six_month"] = _ranked(client, plan, ReportingPeriod.SIX_MONTH)
    figures["ranked_year_end"] = _ranked(client, plan, ReportingPeriod.YEAR_END)
    return figures


def _unit_row(client, plan, unit):
    """The unit's row of the plan's tracking page: its pledge, covenant and result cells, as plain text."""
    text = _page(client, reverse("campaigns:plan_tracking", args=[plan.pk]))
    row = re.search(r"<tr><td>" + re.escape(html.escape(unit.name)) + r"<div.*?</div></td>(.*?)</tr>", text, re.S)
    return [re.sub(r"<[^>]+>", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]


def _filed(cell):
    labels = dict(ReviewState.choices)
    return any(str(labels[state]) in cell for state in FILED_STATES)


def test_every_report_of_every_period_gives_the_figures_the_pages_show(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(office_user())
    plans = {plan.year: plan for plan in (world.previous_plan, world.plan)}
    pages = {year: _page_figures(client, plan) for year, plan in plans.items()}
    assert pages[YEAR - 1]["late"] == 1 and pages[YEAR - 1]["signed"] == 2  # the late filings show on the page

    for year in plans:
        for kind, start, end in _periods(year):
            tables = _tables(_produce(django_capture_on_commit_callbacks, kind, start, end))
            assert _plan_rows(tables) == {year: pages[year]}, (kind, start, end)
            closes_year = (end.month, end.day) == (12, 31)
            filed, ranked = ("year_end", "ranked_year_end") if closes_year else ("six_month", "ranked_six_month")
            assert _overview(tables) == {
                "units_total": pages[year]["total"],
                "pledged": pages[year]["pledged"],
                "signatures": pages[year]["signed"],
                "results_filed": pages[year][filed],
                "results_accepted": pages[year][ranked],
            }, (kind, start, end)

    term = _produce(
        django_capture_on_commit_callbacks,
        ReportKind.TERM,
        datetime.date(world.term.start_year, 1, 1),
        datetime.date(world.term.end_year, 12, 31),
    )
    assert _plan_rows(_tables(term)) == pages


@pytest.mark.parametrize("year", [YEAR - 1, YEAR])
def test_a_units_summary_gives_what_its_tracking_row_shows(client, world, year, django_capture_on_commit_callbacks):
    client.force_login(office_user())
    plan = world.previous_plan if year == YEAR - 1 else world.plan
    unit = world.late_unit if year == YEAR - 1 else world.units[0]
    pledge, covenant, six_month, year_end = _unit_row(client, plan, unit)
    report = _produce(
        django_capture_on_commit_callbacks,
        ReportKind.UNIT,
        datetime.date(year, 1, 1),
        datetime.date(year, 12, 31),
        unit=unit,
    )
    figures = _plan_rows(_tables(report))[year]
    assert figures["total"] == 1
    assert figures["pledged"] == int(_filed(pledge))
    assert figures["signed"] == int(covenant == "Đã ký")
    assert figures["six_month"] == int(_filed(six_month))
    assert figures["year_end"] == int(_filed(year_end))
    assert figures["pledged"] == figures["year_end"] == 1


def test_a_filing_entered_late_counts_in_its_year_and_is_marked_late(world, django_capture_on_commit_callbacks):
    start, end = datetime.date(YEAR - 1, 1, 1), datetime.date(YEAR - 1, 12, 31)
    report = _produce(django_capture_on_commit_callbacks, ReportKind.ANNUAL, start, end)
    tables = _tables(report)
    overview = _overview(tables)
    # Produced after the year ended, the report reads the late pledge, signature and result as the year's.
    assert overview["pledged"] == len(world.previous_pledges) + 1
    assert overview["signatures"] == 2
    assert overview["results_filed"] == len(world.previous_pledges) + 1
    late = {row[0]: row for row in tables["Đơn vị chậm hoặc chưa nộp"]}
    assert late[world.late_unit.name][4] == "Có"  # the "Nộp muộn" column
    assert _plan_rows(tables)[YEAR - 1]["late"] == 1
    assert "Theo dõi thực hiện kế hoạch thi đua" in pdf_text(report)


def _lookup_count(client, award, year):
    """How many awards the award lookup page lists for a title and a year ("N mục" under the list)."""
    text = _page(client, reverse("awards:lookup") + f"?award={award.pk}&year={year}")
    found = re.search(r"([\d.]+) mục", text)
    return int(found.group(1).replace(".", "")) if found else 0


def test_a_years_awards_decided_the_next_year_count_in_that_year_as_the_lookup_page_shows(
    client, django_capture_on_commit_callbacks
):
    awards = pytest.importorskip("awards.models")
    from emulation.tests.factories import PersonFactory

    demo_profile()
    world = build_world(n_units=3, year=YEAR)
    award = awards.Award.objects.order_by("order", "pk").first()
    # The previous year's round: dossiers sent and the award decided in January of the following year.
    round_ = awards.Round.objects.create(
        name=f"Khen thưởng tổng kết năm {YEAR - 1}",
        kind="annual",
        year=YEAR - 1,
        submission_deadline=datetime.date(YEAR, 1, 15),
    )
    people = []
    for unit in world.units[:2]:
        proposal = awards.Proposal.objects.create(
            round=round_, unit=unit, state="submitted", submitted_at=at(datetime.date(YEAR, 1, 10))
        )
        people.append(PersonFactory(unit=unit))
        awards.Nominee.objects.create(proposal=proposal, person=people[-1], award=award, result="passed")
    awards.AwardRecord.objects.create(
        person=people[0], award=award, year=YEAR - 1, decision_date=datetime.date(YEAR, 1, 20), source="portal"
    )
    client.force_login(office_user())
    for year, proposed, awarded in ((YEAR - 1, 2, 1), (YEAR, 0, 0)):
        report = _produce(
            django_capture_on_commit_callbacks,
            ReportKind.ANNUAL,
            datetime.date(year, 1, 1),
            datetime.date(year, 12, 31),
        )
        rows = {
            row[0]: row
            for row in _tables(report).get("Đề nghị và quyết định khen thưởng theo danh hiệu, hình thức", [])
        }
        figures = tuple(rows[award.name][4:]) if award.name in rows else (0, 0, 0)
        assert figures == (proposed, proposed, awarded), year
        assert figures[2] == _lookup_count(client, award, year)
