"""A real Celery worker against the real Redis and PostgreSQL: a report end to end, and a worker killed midway.

Run with, for example:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/reports_dev REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/pytest -q reports -m celery_worker
The worker subprocess connects to pytest's test database (test_<name>), which the test fills with
``transactional_db`` so every row is committed and visible to it.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from emulation.workflow import SYSTEM
from reports import services
from reports.enums import ReportKind, ReportState
from reports.models import Report

from .factories import build_world, demo_profile
from .helpers import pdf_text

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL", "").startswith("postgres")),
        reason="needs REDIS_URL and a PostgreSQL DATABASE_URL",
    ),
]
ANNUAL = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
CELERY = Path(sys.executable).with_name("celery")
VISIBILITY = 8


def _database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A `celery worker` subprocess in its own process group, so SIGKILL reaches its pool children too."""

    def __init__(self, media_root, name, **env):
        self.log = Path(media_root).parent / f"{name}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "MEDIA_ROOT": str(media_root),
            "SECRET_KEY": "test-secret-key-not-for-production",
            "REPORTS_TEST_VISIBILITY": str(VISIBILITY),
            **{key: str(value) for key, value in env.items()},
        }
        command = [
            str(CELERY),
            "-A",
            "reports.tests.worker_app",
            "worker",
            "-l",
            "info",
            "--concurrency",
            "1",
            "-n",
            f"{name}-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line of our own
            command,
            cwd=django_settings.BASE_DIR,
            env=environment,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self):
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture
def broker(settings):
    """Publish to the real broker from the test process (the suite otherwise runs tasks eagerly)."""
    from emulation.celery import app

    eager = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.control.purge()
    yield app
    app.conf.task_always_eager = eager


@pytest.fixture
def workers(settings):
    started = []

    def start(name, **env):
        worker = Worker(settings.MEDIA_ROOT, name, **env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _wait_for(report, condition, timeout, worker):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if condition(report):
            return report
        if worker.process.poll() is not None and not condition(report):
            pytest.fail(f"worker exited early:\n{worker.output()}")
        time.sleep(0.5)
    pytest.fail(f"timed out in state {report.state} at {report.progress}%:\n{worker.output()}")


def test_a_real_worker_produces_a_report_end_to_end(transactional_db, broker, workers, settings):
    demo_profile()
    build_world(n_units=5)
    worker = workers("reports-e2e")
    report, created = services.request_report(
        kind=ReportKind.ANNUAL, period_start=ANNUAL[0], period_end=ANNUAL[1], by=SYSTEM
    )
    report.refresh_from_db()
    assert created and report.enqueued_at is not None  # queued on commit, through Redis
    _wait_for(report, lambda r: r.state == ReportState.DONE, 120, worker)
    assert report.attempts == 1 and report.number == 1
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_text(report)
    assert "Tổng kết phong trào thi đua năm 2026" in pdf_text(report)


def test_a_worker_killed_midway_leaves_exactly_one_report_after_redelivery(transactional_db, broker, workers, settings):
    demo_profile()
    build_world(n_units=5)
    first = workers("reports-doomed", REPORTS_TEST_PAUSE=120)
    report, _ = services.request_report(kind=ReportKind.ANNUAL, period_start=ANNUAL[0], period_end=ANNUAL[1], by=SYSTEM)
    _wait_for(report, lambda r: r.state == ReportState.RUNNING and r.progress >= 50, 120, first)
    first.kill()  # SIGKILL: no cleanup, the task stays unacknowledged in Redis

    second = workers("reports-survivor")
    # Redis hands the unacknowledged task out again after the visibility timeout; the new worker finishes it.
    _wait_for(report, lambda r: r.state == ReportState.DONE, 120 + VISIBILITY, second)
    assert report.attempts == 2
    assert Report.objects.count() == 1 and report.number == 1
    # The killed worker wrote no file; the survivor wrote one PDF and one workbook.
    stored = sorted(p.suffix for p in (Path(settings.MEDIA_ROOT) / "reports" / "2026").iterdir())
    assert stored == [".pdf", ".xlsx"]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_text(report)
    # A second delivery of the same task (the sweep, or a duplicate) changes nothing.
    services.enqueue(report.pk)
    time.sleep(3)
    report.refresh_from_db()
    assert report.attempts == 2 and report.state == ReportState.DONE


def test_a_report_whose_worker_died_is_taken_up_again_once_its_heartbeat_stops(
    transactional_db, broker, workers, settings
):
    """Without waiting for the broker's redelivery (an hour in production): the dead worker's report stops beating,
    the sweep (beat runs it every five minutes) queues it again, and another worker finishes it."""
    from django.utils import timezone

    settings.REPORT_STALE_AFTER = 3
    demo_profile()
    build_world(n_units=5)
    never_redelivered = {"REPORTS_TEST_VISIBILITY": 3600}
    first = workers("reports-silent", REPORTS_TEST_PAUSE=120, REPORT_HEARTBEAT=0.5, **never_redelivered)
    report, _ = services.request_report(kind=ReportKind.ANNUAL, period_start=ANNUAL[0], period_end=ANNUAL[1], by=SYSTEM)
    _wait_for(report, lambda r: r.state == ReportState.RUNNING and r.progress >= 50, 120, first)
    beat_before = report.heartbeat_at
    _wait_for(report, lambda r: r.heartbeat_at > beat_before, 30, first)  # it beats while the step runs
    assert services.sweep() == 0  # alive: left to its worker
    first.kill()

    second = workers("reports-taker", **never_redelivered)
    stale = datetime.timedelta(seconds=settings.REPORT_STALE_AFTER)
    _wait_for(report, lambda r: r.heartbeat_at < timezone.now() - stale, 30, second)
    assert services.sweep() == 1
    _wait_for(report, lambda r: r.state == ReportState.DONE, 120, second)
    assert report.attempts == 2 and Report.objects.count() == 1
