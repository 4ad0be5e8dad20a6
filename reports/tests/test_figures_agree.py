"""A report about a period says what the portal's pages say about that period, whatever the day it is produced.

Every report kind is produced for every period that holds data, through the portal's request → task path, and
its headline figures are read back from the workbook it wrote; the same figures are read from the pages an Office
user opens (the plan's tracking counters, its ranking per period, the tracking row of a unit), parsed out of the
HTML. The previous year holds filings entered late, during the following year: they count in their year and are
marked late.
"""

import datetime
from decimal import Decimal

import pytest

from campaigns.enums import ReportingPeriod
from campaigns.models import CovenantSignature
from emulation.tests.factories import office_user
from emulation.workflow import SYSTEM
from reports import services
from reports.enums import ReportKind, ReportState
from reports.periods import quarter_bounds

from . import helpers
from .factories import (
    CovenantFactory,
    CovenantSignatureFactory,
    PledgeFactory,
    ResultReportFactory,
    at,
    build_world,
    demo_profile,
)

pytestmark = pytest.mark.django_db
YEAR = 2026


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
        report, _created = services.request_report(kind=kind, period_start=start, period_end=end, unit=unit, by=SYSTEM)
    report.refresh_from_db()
    assert report.state == ReportState.DONE, report.error
    return report


def test_every_report_of_every_period_gives_the_figures_the_pages_show(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(office_user())
    plans = {plan.year: plan for plan in (world.previous_plan, world.plan)}
    pages = {year: helpers.page_figures(client, plan) for year, plan in plans.items()}
    assert pages[YEAR - 1]["late"] == 1 and pages[YEAR - 1]["signed"] == 2  # the late filings show on the page

    for year in plans:
        for kind, start, end in _periods(year):
            tables = helpers.tables(_produce(django_capture_on_commit_callbacks, kind, start, end))
            assert helpers.plan_rows(tables) == {year: pages[year]}, (kind, start, end)
            closes_year = (end.month, end.day) == (12, 31)
            filed, ranked = ("year_end", "ranked_year_end") if closes_year else ("six_month", "ranked_six_month")
            assert helpers.overview(tables) == {
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
    assert helpers.plan_rows(helpers.tables(term)) == pages


@pytest.mark.parametrize("year", [YEAR - 1, YEAR])
def test_a_units_summary_gives_what_its_tracking_row_shows(client, world, year, django_capture_on_commit_callbacks):
    client.force_login(office_user())
    plan = world.previous_plan if year == YEAR - 1 else world.plan
    unit = world.late_unit if year == YEAR - 1 else world.units[0]
    pledge, covenant, six_month, year_end = helpers.unit_row(client, plan, unit)
    report = _produce(
        django_capture_on_commit_callbacks,
        ReportKind.UNIT,
        datetime.date(year, 1, 1),
        datetime.date(year, 12, 31),
        unit=unit,
    )
    figures = helpers.plan_rows(helpers.tables(report))[year]
    assert figures["total"] == 1
    assert figures["pledged"] == int(helpers.filed(pledge))
    assert figures["signed"] == int(covenant == "Đã ký")
    assert figures["six_month"] == int(helpers.filed(six_month))
    assert figures["year_end"] == int(helpers.filed(year_end))
    assert figures["pledged"] == figures["year_end"] == 1


def test_a_filing_entered_late_counts_in_its_year_and_is_marked_late(world, django_capture_on_commit_callbacks):
    start, end = datetime.date(YEAR - 1, 1, 1), datetime.date(YEAR - 1, 12, 31)
    report = _produce(django_capture_on_commit_callbacks, ReportKind.ANNUAL, start, end)
    tables = helpers.tables(report)
    overview = helpers.overview(tables)
    # Produced after the year ended, the report reads the late pledge, signature and result as the year's.
    assert overview["pledged"] == len(world.previous_pledges) + 1
    assert overview["signatures"] == 2
    assert overview["results_filed"] == len(world.previous_pledges) + 1
    late = {row[0]: row for row in tables["Đơn vị chậm hoặc chưa nộp"]}
    assert late[world.late_unit.name][4] == "Có"  # the "Nộp muộn" column
    assert helpers.plan_rows(tables)[YEAR - 1]["late"] == 1
    assert "Theo dõi thực hiện kế hoạch thi đua" in helpers.pdf_text(report)


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
            for row in helpers.tables(report).get("Đề nghị và quyết định khen thưởng theo danh hiệu, hình thức", [])
        }
        figures = tuple(rows[award.name][4:]) if award.name in rows else (0, 0, 0)
        assert figures == (proposed, proposed, awarded), year
        assert figures[2] == helpers.lookup_count(client, year, award)
