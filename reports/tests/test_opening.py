"""Every report opens as the plan's own summaries do: the term's theme and motto, the year's theme; names whole."""

import io
import re

import pytest
from pypdf import PdfReader

from reports.enums import ReportKind

from .helpers import pdf_text, sheet_rows, workbook
from .test_generation import KINDS, YEAR, _request, world  # noqa: F401 - the module's world fixture

pytestmark = pytest.mark.django_db
MOTTO = "Đổi mới - Sáng tạo - Hiệu quả"
TERM_THEME = "Đổi mới, sáng tạo, tổ chức sâu rộng, hiệu quả các phong trào thi đua yêu nước"
THEMES = {YEAR: "Đoàn kết, kỷ cương, thi đua hoàn thành nhiệm vụ năm 2026", YEAR - 1: "Tăng tốc, về đích năm 2025"}
LONG_NAME = "Cả tỉnh chung sức xây dựng nông thôn mới, đô thị văn minh"
DOUBLED = re.compile(r"\bnăm năm\b|\(%\)\s*\(%\)", re.IGNORECASE)


@pytest.fixture
def framed(world):  # noqa: F811
    world.term.motto = MOTTO
    world.term.theme = TERM_THEME + "."
    world.term.save()
    for plan in (world.plan, world.previous_plan):
        plan.theme = THEMES[plan.year]
        plan.save()
    world.movements[0].name = LONG_NAME
    world.movements[0].save()
    return world


def test_a_term_that_only_meets_the_period_at_its_boundary_year_is_not_named(
    framed, django_capture_on_commit_callbacks
):
    from campaigns.models import Term

    Term.objects.create(name="2026-2031", start_year=YEAR, end_year=YEAR + 5, theme="Nhiệm kỳ mới", motto="Khác")
    report, _ = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, KINDS[ReportKind.ANNUAL])
    text = pdf_text(report)
    assert _opening(ReportKind.ANNUAL)[0] in text
    assert "Nhiệm kỳ mới" not in text and "nhiệm kỳ 2026 - 2031" not in text


def _opening(kind):
    years = range(KINDS[kind][0].year, KINDS[kind][1].year + 1)
    term = f"Phong trào thi đua nhiệm kỳ {YEAR - 4} - {YEAR} với chủ đề “{TERM_THEME}”, phương châm “{MOTTO}”."
    return [term] + [f"Chủ đề thi đua năm {y}: “{THEMES[y]}”." for y in years if y in THEMES]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_report_opens_with_the_motto_and_the_years_theme_in_its_pdf_and_workbook(
    framed, kind, django_capture_on_commit_callbacks
):
    unit = framed.units[0] if kind == ReportKind.UNIT else None
    report, _ = _request(django_capture_on_commit_callbacks, kind, KINDS[kind], unit=unit)
    opening = _opening(kind)

    text = pdf_text(report)
    body = text[text.index("-----") :]  # after the title, before the first figure
    assert body.index(opening[-1]) < body.index("Thực hiện kế hoạch thi đua")
    for line in opening:
        assert line in text, line
    assert not DOUBLED.search(text), DOUBLED.search(text)

    book = workbook(report)
    assert book.sheetnames[0] == "Thông tin chung"
    first = [row[0] for row in sheet_rows(book, "Thông tin chung") if row and row[0]]
    assert first == [report.title, *opening]


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (ReportKind.SIX_MONTH, "Sơ kết phong trào thi đua sáu tháng đầu năm 2026"),
        (ReportKind.ANNUAL, "Tổng kết phong trào thi đua năm 2026"),
        (ReportKind.QUARTERLY, "Kết quả thực hiện phong trào thi đua quý III năm 2026"),
    ],
)
def test_the_period_is_named_once_in_the_pdf(framed, kind, label, django_capture_on_commit_callbacks):
    report, _ = _request(django_capture_on_commit_callbacks, kind, KINDS[kind])
    text = pdf_text(report)
    assert label in text
    assert not DOUBLED.search(text), DOUBLED.search(text)


def test_a_movement_name_breaks_only_between_its_phrases(framed, django_capture_on_commit_callbacks):
    report, _ = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, KINDS[ReportKind.ANNUAL])
    with report.pdf.open("rb") as handle:
        lines = [
            " ".join(line.split())
            for page in PdfReader(io.BytesIO(handle.read())).pages
            for line in page.extract_text().splitlines()
        ]
    # Whole on one line, or broken after its comma: never inside "văn minh".
    for phrase in ("Cả tỉnh chung sức xây dựng nông thôn mới,", "đô thị văn minh"):
        assert any(phrase in line for line in lines), [line for line in lines if "nông thôn" in line or "minh" in line]


def test_the_workbooks_tables_keep_their_title_and_headers_in_view_and_whole_sheet_names(
    framed, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    report, _ = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, KINDS[ReportKind.ANNUAL])
    with report.xlsx.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    tables = book.sheetnames[1:]
    assert tables and all(book[name].freeze_panes == "A3" for name in tables)
    assert all(book[name].column_dimensions["A"].width for name in tables)
    # The longest table title is cut between its words, not inside "mới".
    assert "Điển hình tiên tiến, nhân tố" in tables
