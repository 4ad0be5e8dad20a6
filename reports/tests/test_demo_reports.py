"""Every report the Office can ask of the demo says what the pages say, and reads as a document it could sign.

The Office asks, through the reports page, for every report kind of every period of the demo that has begun: each
quarter, half-year and year of the plans that hold data, both party terms, and a unit's summary of each year. From
the workbook it downloads, each headline figure is compared with the page that shows it, opened as the Office: the
plan's tracking counters, its ranking per period, the unit's row on the tracking page, the award lookup page. The
PDF it downloads passes the document checker. seed_demo tells its story relative to today, so the periods are
found, not named.
"""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.models import Award
from campaigns.enums import PlanState
from campaigns.models import Term, YearPlan
from emulation.models import OrganizationProfile, Unit
from emulation.tests.document_checker import DocumentSpec, assert_party_document
from reports.enums import ReportKind, ReportState
from reports.forms import ReportRequestForm
from reports.models import Report
from reports.tasks import generate_report

from . import helpers

pytestmark = pytest.mark.django_db
AWARDS_TABLE = "Đề nghị và quyết định khen thưởng theo danh hiệu, hình thức"
AWARDED_COLUMN = 6
# The unit whose summaries are asked: bithu1's, with a pledge and results in both years.
UNIT_CODE = "so-tai-chinh"


@pytest.fixture
def demo(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", stdout=io.StringIO())
    return OrganizationProfile.current()


def _requests(today, years, unit):
    """The reports page's form data for every report of the demo whose period has begun."""
    for year in years:
        for quarter in (1, 2, 3, 4):
            yield {"kind": ReportKind.QUARTERLY, "year": year, "quarter": quarter}
        yield {"kind": ReportKind.SIX_MONTH, "year": year}
        yield {"kind": ReportKind.ANNUAL, "year": year}
        yield {"kind": ReportKind.UNIT, "year": year, "unit": unit.pk}
    for term in Term.objects.filter(start_year__lte=today.year).order_by("start_year"):
        yield {"kind": ReportKind.TERM, "year": term.start_year, "last_year": term.end_year}


def _period(data):
    form = ReportRequestForm(data)
    assert form.is_valid(), form.errors
    return form.cleaned_data["period_start"], form.cleaned_data["period_end"]


def _ask(client, capture, data):
    """The Office's request on the reports page, produced by the worker; the report and its downloads."""
    start, end = _period(data)
    with capture(execute=True):
        response = client.post(reverse("reports:request"), {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.get(kind=data["kind"], period_start=start, period_end=end, unit=data.get("unit"))
    if report.state == ReportState.QUEUED:  # asked for by the demo already and waiting for a worker
        generate_report.delay(report.pk).get()
        report.refresh_from_db()
    assert report.state == ReportState.DONE, report.error
    files = {}
    for fmt in ("pdf", "xlsx"):
        download = client.get(reverse("reports:download", args=[report.pk, fmt]))
        assert download.status_code == 200
        files[fmt] = b"".join(download.streaming_content)
    return report, files


def _spec(profile):
    internal = [a.name for a in Award.objects.all() if a.title_on_documents != a.name]
    return DocumentSpec(
        kind="BC",
        title="BÁO CÁO",
        signer_name=profile.signer_name,
        suffix=profile.number_suffix,
        superior_body=profile.superior_body,
        issuing_body=profile.issuing_body,
        internal_names=internal,
    )


def _headline(figures, end):
    """The overview's figures as the tracking page of the period's plan gives them; a period that closes the year
    reads the year-end reports, any other the six-month reports."""
    closes_year = (end.month, end.day) == (12, 31)
    filed, ranked = ("year_end", "ranked_year_end") if closes_year else ("six_month", "ranked_six_month")
    return {
        "units_total": figures["total"],
        "pledged": figures["pledged"],
        "signatures": figures["signed"],
        "results_filed": figures[filed],
        "results_accepted": figures[ranked],
    }


def test_every_report_of_every_period_of_the_demo_says_what_the_pages_say(
    client, demo, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    client.force_login(User.objects.get(username="vanphong"))
    plans = {p.year: p for p in YearPlan.objects.exclude(state=PlanState.DRAFT)}
    assert sorted(plans) == [today.year - 1, today.year]
    pages = {year: helpers.page_figures(client, plan) for year, plan in plans.items()}
    awarded_on_lookup = {}
    unit = Unit.objects.get(code=UNIT_CODE)
    spec = _spec(demo)
    produced = set()

    for data in _requests(today, sorted(plans), unit):
        report, files = _ask(client, django_capture_on_commit_callbacks, data)
        produced.add(report.kind)
        what = (report.kind, str(report.period_start), str(report.period_end))
        assert_party_document(files["pdf"], spec)
        tables = helpers.tables_of(load_workbook(io.BytesIO(files["xlsx"]), read_only=True))
        rows = helpers.plan_rows(tables)
        years = range(report.period_start.year, report.period_end.year + 1)

        if report.kind == ReportKind.UNIT:
            _assert_unit_row(client, plans[report.period_start.year], unit, rows[report.period_start.year])
            continue
        # The plans of the period, each with the figures its tracking and ranking pages show.
        for year, figures in rows.items():
            if year not in pages:  # next year's draft plan, in the term's span
                pages[year] = helpers.page_figures(client, YearPlan.objects.get(year=year))
            assert figures == pages[year], what
        # A term's report holds the term's plans: the 2025 plan opens the 2025-2030 term, not the 2020-2025 one.
        plans_of_period = YearPlan.objects.filter(year__in=years)
        if report.kind == ReportKind.TERM:
            plans_of_period = plans_of_period.filter(term__start_year=years[0], term__end_year=years[-1])
        assert set(rows) == set(plans_of_period.values_list("year", flat=True)), what
        if report.kind == ReportKind.TERM:  # its opening states that term's theme and no other's
            opening = " ".join(PdfReader(io.BytesIO(files["pdf"])).pages[0].extract_text().split())
            assert opening.count("Phong trào thi đua nhiệm kỳ") == 1, what
            assert f"Phong trào thi đua nhiệm kỳ {years[0]} - {years[-1]} với chủ đề" in opening, what
        if report.kind != ReportKind.TERM:
            expected = _headline(pages[report.period_start.year], report.period_end)
            assert helpers.overview(tables) == expected, what
        # The awards of the years the period spans, as the award lookup page lists them year by year.
        for year in years:
            if year not in awarded_on_lookup:
                awarded_on_lookup[year] = helpers.lookup_count(client, year)
        awarded = sum(row[AWARDED_COLUMN] for row in tables.get(AWARDS_TABLE, []))
        assert awarded == sum(awarded_on_lookup[year] for year in years), what

    assert produced == set(ReportKind.values)
    assert any(awarded_on_lookup.values()), "the demo's years hold awards"


def _assert_unit_row(client, plan, unit, figures):
    pledge, covenant, six_month, year_end = helpers.unit_row(client, plan, unit)
    assert figures["total"] == 1
    assert figures["pledged"] == int(helpers.filed(pledge))
    assert figures["signed"] == int(covenant == "Đã ký")
    assert figures["six_month"] == int(helpers.filed(six_month))
    assert figures["year_end"] == int(helpers.filed(year_end))
