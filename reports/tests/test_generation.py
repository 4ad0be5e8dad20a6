"""Reports produced through the real request → task path: files, numbers, idempotency, failure and retry."""

import datetime

import pytest
from django.db import OperationalError

from emulation.workflow import SYSTEM
from reports import production, services
from reports.enums import ReportKind, ReportState
from reports.models import Report
from reports.workers import TRANSIENT_ERRORS, generate_report

from . import expected
from .factories import build_world, demo_profile
from .helpers import pdf_text, sheet_rows, workbook

pytestmark = pytest.mark.django_db
YEAR = 2026
ANNUAL = (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
KINDS = {
    ReportKind.QUARTERLY: (datetime.date(YEAR, 7, 1), datetime.date(YEAR, 9, 30)),
    ReportKind.SIX_MONTH: (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 6, 30)),
    ReportKind.ANNUAL: ANNUAL,
    ReportKind.TERM: (datetime.date(YEAR - 4, 1, 1), datetime.date(YEAR, 12, 31)),
    ReportKind.UNIT: ANNUAL,
}


@pytest.fixture
def world():
    demo_profile()
    return build_world(n_units=7, year=YEAR)


def _request(django_capture_on_commit_callbacks, kind, period, unit=None, by=SYSTEM):
    with django_capture_on_commit_callbacks(execute=True):
        report, created = services.request_report(
            kind=kind, period_start=period[0], period_end=period[1], unit=unit, by=by
        )
    report.refresh_from_db()
    return report, created


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_produced_as_a_party_pdf_and_a_workbook_with_the_counted_figures(
    world, kind, django_capture_on_commit_callbacks
):
    unit = world.units[0] if kind == ReportKind.UNIT else None
    start, end = KINDS[kind]
    report, created = _request(django_capture_on_commit_callbacks, kind, (start, end), unit=unit)
    assert created and report.state == ReportState.DONE, report.error
    assert report.progress == 100 and report.attempts == 1 and report.number == 1

    text = pdf_text(report)
    for words in [
        "ĐẢNG BỘ TỈNH HÀ TĨNH",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 1-BC/ĐUK",
        "Hà Tĩnh, ngày",
        "BÁO CÁO",
        "T/M BAN THƯỜNG VỤ",
        "Nguyễn Đình Hải",
        "Nơi nhận:",
        "Lưu VP Đảng ủy Khối.",
        "Tổng hợp chung",
        "Xếp hạng trong cụm thi đua",
    ]:
        assert words in text, words

    units = [unit] if unit else world.units
    acting = [unit, world.other_units[0]] if unit else None
    want = expected.overview(world, start, end, units=units, acting_units=acting)
    book = workbook(report)
    assert "Tổng hợp chung" in book.sheetnames and "Xếp hạng trong cụm thi đua" in book.sheetnames
    overview = {row[0]: row[1] for row in sheet_rows(book, "Tổng hợp chung")[2:]}
    assert overview["Số đơn vị cơ sở"] == want["units_total"]
    assert overview["Số đơn vị đã đăng ký thi đua"] == want["pledged"]
    assert overview["Số báo cáo kết quả được chấp thuận"] == want["results_accepted"]
    assert overview["Mức hoàn thành bình quân (%)"] == want["completion"]
    assert overview["Số đơn vị nộp muộn"] == want["late"]
    ranking = [row[:3] for row in sheet_rows(book, "Xếp hạng trong cụm thi đua")[2:]]
    want_ranking = expected.ranking(world, start, end, units=units)
    assert want_ranking and [tuple(row) for row in ranking] == want_ranking
    # Unit names, with their diacritics, appear in the PDF's ranking table.
    assert want_ranking[0][2] in text
    assert len(book.sheetnames) == len(set(book.sheetnames)) >= 12


def test_the_pdf_says_the_headline_figures_in_words(world, django_capture_on_commit_callbacks):
    report, _ = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, ANNUAL)
    want = expected.overview(world, *ANNUAL)
    text = " ".join(pdf_text(report).split())
    assert f"có {want['pledged']}/{want['units_total']} đơn vị cơ sở đăng ký thi đua" in text
    assert "Tổng kết phong trào thi đua năm 2026" in text


def test_requesting_the_same_report_twice_gives_one_report(world, django_capture_on_commit_callbacks):
    first, created = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, ANNUAL)
    again, created_again = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, ANNUAL)
    assert created and not created_again
    assert first.pk == again.pk
    assert Report.objects.count() == 1
    assert again.attempts == 1


def test_a_duplicate_or_redelivered_task_produces_nothing_more(world, django_capture_on_commit_callbacks, settings):
    report, _ = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, ANNUAL)
    files = (report.pdf.name, report.xlsx.name)
    assert generate_report.delay(report.pk).get() == "skipped"
    report.refresh_from_db()
    assert (report.pdf.name, report.xlsx.name) == files and report.attempts == 1
    stored = list((settings.MEDIA_ROOT / "reports" / str(YEAR)).iterdir())
    assert len(stored) == 2


def test_a_failing_task_shows_its_error_and_retry_produces_the_report(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from emulation.tests.factories import office_user

    def broken(report, data):
        raise RuntimeError("Máy chủ in PDF không phản hồi")

    monkeypatch.setattr("reports.pdf.render_report_pdf", broken)
    report, _ = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, ANNUAL)
    assert report.state == ReportState.FAILED
    assert "Máy chủ in PDF không phản hồi" in report.error
    assert not report.pdf and not report.xlsx

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.retry_report(report=report, by=office_user())
    report.refresh_from_db()
    assert report.state == ReportState.DONE and report.error == ""
    assert report.attempts == 2 and report.number == 1
    assert Report.objects.count() == 1
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_text(report)


def test_a_transient_database_error_leaves_the_report_to_be_resumed_once(world, monkeypatch):
    """A worker that loses the database midway leaves the report running; the retried task finishes it once."""
    report = Report.objects.create(kind=ReportKind.ANNUAL, period_start=ANNUAL[0], period_end=ANNUAL[1])
    calls = []

    def flaky(report, data):
        calls.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("reports.pdf.render_report_pdf", flaky)
    with pytest.raises(OperationalError):
        production.produce_report(report_id=report.pk, transient=TRANSIENT_ERRORS)
    report.refresh_from_db()
    assert report.state == ReportState.RUNNING and report.progress >= 50
    monkeypatch.undo()
    assert production.produce_report(report_id=report.pk, transient=TRANSIENT_ERRORS) == "done"
    assert production.produce_report(report_id=report.pk, transient=TRANSIENT_ERRORS) == "skipped"
    report.refresh_from_db()
    assert report.state == ReportState.DONE and report.attempts == 2 and report.number == 1
    assert Report.objects.filter(state=ReportState.DONE).count() == 1


def test_a_request_made_while_the_broker_is_down_is_kept_and_swept_later(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError as BrokerDown

    def refuse(*args, **kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(generate_report, "delay", refuse)
    report, _ = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, ANNUAL)
    assert report.state == ReportState.QUEUED and report.enqueued_at is None
    later = report.created_at + datetime.timedelta(minutes=1)
    assert services.sweep(now=later) == 0  # still down: nothing lost, nothing queued
    monkeypatch.undo()
    assert services.sweep(now=later) == 1
    report.refresh_from_db()
    assert report.state == ReportState.DONE


def test_numbers_follow_each_other_within_the_year(world, django_capture_on_commit_callbacks):
    first, _ = _request(django_capture_on_commit_callbacks, ReportKind.ANNUAL, ANNUAL)
    second, _ = _request(django_capture_on_commit_callbacks, ReportKind.SIX_MONTH, KINDS[ReportKind.SIX_MONTH])
    assert (first.number, second.number) == (1, 2)
    assert "Số 2-BC/ĐUK" in pdf_text(second)
