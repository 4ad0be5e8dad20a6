"""The Office requests the annual report and downloads its PDF and workbook once the server has produced them.

With REDIS_URL and a PostgreSQL DATABASE_URL (as in CI) the report is produced by a real `celery -A emulation worker`
subprocess connected to the test database, as reports/tests/test_worker.py does; otherwise tasks run eagerly.
"""

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.enums import ReportKind, ReportState
from reports.models import Report

REAL_WORKER = bool(os.environ.get("REDIS_URL")) and os.environ.get("DATABASE_URL", "").startswith("postgres")
CELERY = Path(sys.executable).with_name("celery")


def _database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def report_worker(demo, settings):
    """A real worker on the real broker when the environment has them; nothing (eager tasks) otherwise."""
    if not REAL_WORKER:
        yield None
        return
    from emulation.celery import app

    eager = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.control.purge()
    log = Path(settings.MEDIA_ROOT).parent / "e2e-worker.log"
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "test-secret-key-not-for-production"),
    }
    command = [str(CELERY), "-A", "emulation", "worker", "-l", "info", "--concurrency", "1"]
    command += ["-n", f"e2e-{os.getpid()}@%h", "--without-gossip", "--without-mingle"]
    process = subprocess.Popen(  # noqa: S603 - a fixed command line of our own
        command,
        cwd=django_settings.BASE_DIR,
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log = log
    yield process
    app.conf.task_always_eager = eager
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_the_office_requests_the_annual_report_and_downloads_the_pdf_and_the_workbook(journey, report_worker):
    year = timezone.localdate().year
    office = journey("report-office")
    office.login("vanphong")
    office.menu("Báo cáo")
    page = office.page
    page.get_by_label("Loại báo cáo").select_option(label="Tổng kết năm")
    office.field("Năm").fill(str(year))
    office.step("request form")
    office.click("Lập báo cáo")
    expect(page.get_by_text("Đã ghi nhận yêu cầu lập báo cáo")).to_be_visible()
    office.step("requested")
    report = Report.objects.get(kind=ReportKind.ANNUAL, period_start__year=year, unit=None)

    # The list refreshes itself while the report is produced; the files appear when it is done.
    office.click(report.title, role="link", exact=True)
    timeout = 180_000 if report_worker else 15_000
    page.get_by_role("link", name="Tải bản PDF").wait_for(timeout=timeout)
    office.step("report done")
    office.guide("van-phong-bao-cao-xong")
    report.refresh_from_db()
    assert report.state == ReportState.DONE and report.attempts == 1
    if report_worker:
        assert report.enqueued_at is not None  # queued through Redis, not run in the web process
        assert "succeeded" in report_worker.log.read_text(errors="replace")

    name, pdf = office.download("Tải bản PDF")
    assert name.endswith(".pdf") and pdf.startswith(b"%PDF")
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert str(year) in text
    name, xlsx = office.download("Tải bảng Excel")
    assert name.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(xlsx), read_only=True)
    assert workbook.sheetnames and any(workbook.worksheets[0].iter_rows(max_row=1, values_only=True))
