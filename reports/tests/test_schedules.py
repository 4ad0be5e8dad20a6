"""Beat schedules kept in the database, scheduled reports, deadline reminders, the sweep, demo data."""

import datetime
import json
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from campaigns.enums import ReportingPeriod, ReviewState
from emulation.models import Notification
from emulation.tests.factories import office_user, secretary_of
from reports import production, services
from reports.enums import ReportKind, ReportState
from reports.models import Report
from reports.tasks import scheduled_reports, send_deadline_reminders, sweep_queued_reports

from .factories import ResultReportFactory, build_world, demo_profile

pytestmark = pytest.mark.django_db


def _freeze(monkeypatch, date):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date)


def test_default_schedules_are_database_rows_the_office_can_edit():
    tasks = {t.name: t for t in PeriodicTask.objects.select_related("crontab")}
    quarterly = [
        t
        for t in tasks.values()
        if t.task == "reports.tasks.scheduled_reports" and json.loads(t.kwargs) == {"kind": "quarterly"}
    ]
    ends = {(t.crontab.day_of_month, t.crontab.month_of_year) for t in quarterly}
    assert ends == {("31", "3,12"), ("30", "6,9")}
    by_kind = {
        json.loads(t.kwargs).get("kind"): t.crontab
        for t in tasks.values()
        if t.task == "reports.tasks.scheduled_reports"
    }
    assert (by_kind["six_month"].day_of_month, by_kind["six_month"].month_of_year) == ("30", "6")
    assert (by_kind["annual"].day_of_month, by_kind["annual"].month_of_year) == ("31", "12")
    assert (by_kind["term"].day_of_month, by_kind["term"].month_of_year) == ("31", "12")
    daily = next(t for t in tasks.values() if t.task == "reports.tasks.send_deadline_reminders")
    assert (daily.crontab.hour, daily.crontab.day_of_month) == ("7", "*") and daily.enabled
    assert any(t.task == "reports.tasks.sweep_queued_reports" for t in tasks.values())
    assert all(t.crontab.timezone.key == "Asia/Ho_Chi_Minh" for t in tasks.values() if t.crontab)
    from emulation.celery import app

    app.loader.import_default_modules()
    mine = [t.task for t in tasks.values() if t.task.startswith("reports.")]
    assert len(mine) == 7 and all(name in app.tasks for name in mine)  # beat finds every task it names


@pytest.mark.parametrize(
    ("kind", "today", "period"),
    [
        ("quarterly", datetime.date(2026, 9, 30), (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))),
        ("quarterly", datetime.date(2026, 11, 25), (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))),
        ("quarterly", datetime.date(2026, 2, 1), (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))),
        ("six_month", datetime.date(2026, 6, 30), (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))),
        ("annual", datetime.date(2026, 12, 31), (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))),
        ("term", datetime.date(2026, 12, 31), (datetime.date(2022, 1, 1), datetime.date(2026, 12, 31))),
    ],
)
def test_a_schedule_produces_the_report_of_the_period_just_ended(
    kind, today, period, monkeypatch, django_capture_on_commit_callbacks
):
    demo_profile()
    build_world(n_units=3)
    _freeze(monkeypatch, today)
    with django_capture_on_commit_callbacks(execute=True):
        report_id = scheduled_reports.delay(kind).get()
        again = scheduled_reports.delay(kind).get()
    report = Report.objects.get(pk=report_id)
    assert again == report_id and Report.objects.count() == 1
    assert (report.kind, report.period_start, report.period_end) == (kind, *period)
    assert report.state == ReportState.DONE and report.requested_by is None


def test_no_term_report_before_a_term_ends(monkeypatch):
    build_world(n_units=2)  # term 2022-2026
    _freeze(monkeypatch, datetime.date(2026, 6, 30))
    assert scheduled_reports.delay(ReportKind.TERM).get() is None
    assert not Report.objects.exists()


def test_reminders_go_to_units_that_have_not_filed_seven_days_before_and_after_the_deadline(monkeypatch):
    world = build_world(n_units=6)
    office = office_user()
    # The six-month deadline is 15 July 2026; units 3 (no pledge) and 2 (pledged, never reports) have not filed.
    secretaries = {i: secretary_of(unit) for i, unit in enumerate(world.units)}
    _freeze(monkeypatch, datetime.date(2026, 7, 8))
    sent = send_deadline_reminders.delay().get()
    reminded = set(Notification.objects.values_list("recipient", flat=True))
    filed = {r.unit_id for r in world.results if r.plan == world.plan and r.period == ReportingPeriod.SIX_MONTH}
    expected = {secretaries[i].pk for i, unit in enumerate(world.units) if unit.pk not in filed}
    assert reminded == expected and sent == len(expected) and expected
    title = Notification.objects.first().title
    assert title.startswith("Còn 7 ngày đến hạn báo cáo kết quả sáu tháng đầu năm 2026 (hạn 15/07/2026)")
    assert send_deadline_reminders.delay().get() == 0  # once a day

    _freeze(monkeypatch, datetime.date(2026, 7, 20))
    Notification.objects.all().delete()
    send_deadline_reminders.delay().get()
    overdue = Notification.objects.filter(title__startswith="Quá hạn báo cáo kết quả sáu tháng")
    assert set(overdue.values_list("recipient", flat=True)) == expected | {office.pk}
    assert f"{len(expected)} đơn vị chưa hoàn thành" in overdue.get(recipient=office).body


def test_units_that_filed_get_no_reminder(monkeypatch):
    world = build_world(n_units=3)
    missing = world.units[2]  # pledged, never reports
    secretary = secretary_of(missing)
    ResultReportFactory(pledge=world.pledges[missing.pk], period=ReportingPeriod.SIX_MONTH, state=ReviewState.SUBMITTED)
    _freeze(monkeypatch, datetime.date(2026, 7, 8))
    send_deadline_reminders.delay().get()
    assert not Notification.objects.filter(recipient=secretary).exists()


def test_the_sweep_queues_reports_left_waiting_and_leaves_the_rest(django_capture_on_commit_callbacks):
    build_world(n_units=2)
    stuck = Report.objects.create(
        kind=ReportKind.ANNUAL, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31)
    )
    fresh = Report.objects.create(
        kind=ReportKind.SIX_MONTH, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 6, 30)
    )
    Report.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    assert sweep_queued_reports.delay().get() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.state == ReportState.DONE and fresh.state == ReportState.QUEUED


def test_a_running_report_whose_worker_vanished_is_taken_over_by_the_sweep(settings):
    """A report's heartbeat stops with its worker: past REPORT_STALE_AFTER (minutes, not the task's half-hour time
    limit) the sweep queues it again; one still beating is left to its worker."""
    build_world(n_units=2)
    report, beating = (
        Report.objects.create(kind=ReportKind.ANNUAL, period_start=datetime.date(year, 1, 1), period_end=end)
        for year, end in ((2026, datetime.date(2026, 12, 31)), (2025, datetime.date(2025, 12, 31)))
    )
    now = timezone.now()
    silent = now - datetime.timedelta(seconds=settings.REPORT_STALE_AFTER + 1)
    assert settings.REPORT_STALE_AFTER < settings.REPORT_TIME_LIMIT / 10
    Report.objects.filter(pk=report.pk).update(state=ReportState.RUNNING, attempts=1, heartbeat_at=silent)
    Report.objects.filter(pk=beating.pk).update(state=ReportState.RUNNING, attempts=1, heartbeat_at=now)
    assert services.sweep() == 1
    report.refresh_from_db()
    beating.refresh_from_db()
    assert report.state == ReportState.DONE and report.attempts == 2
    assert beating.state == ReportState.RUNNING and beating.attempts == 1


def test_a_running_report_beats_while_a_long_step_runs(settings, monkeypatch, transactional_db):
    """The heartbeat comes from a thread of its own: a step longer than REPORT_STALE_AFTER keeps the report alive."""
    settings.REPORT_HEARTBEAT = 0.05
    build_world(n_units=2)
    report = Report.objects.create(
        kind=ReportKind.ANNUAL, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 12, 31)
    )
    Report.objects.filter(pk=report.pk).update(state=ReportState.RUNNING, heartbeat_at=timezone.now())
    stamped = []

    def beaten():
        stamped.append(Report.objects.get(pk=report.pk).heartbeat_at)
        return len(set(stamped)) > 2

    with production.heartbeat(report.pk):
        deadline = time.monotonic() + 30
        while not beaten():  # wait for the condition: two new stamps, however slow the machine is
            assert time.monotonic() < deadline, stamped
            time.sleep(0.05)


def test_seed_demo_produces_one_finished_report_of_each_kind_through_the_task_path(django_capture_on_commit_callbacks):
    from django.apps import apps

    demo_profile()
    world = build_world(n_units=3)
    world.units[0].code = "so-tai-chinh"
    world.units[0].save()
    config = apps.get_app_config("reports")
    with django_capture_on_commit_callbacks(execute=True):
        config.seed_demo(None)
    with django_capture_on_commit_callbacks(execute=True):
        config.seed_demo(None)  # idempotent
    assert sorted(Report.objects.values_list("kind", flat=True)) == sorted(ReportKind.values)
    assert set(Report.objects.values_list("state", flat=True)) == {ReportState.DONE}


def test_the_office_retries_a_stuck_report_from_its_page_but_not_one_still_beating(
    client, settings, django_capture_on_commit_callbacks
):
    build_world(n_units=2)
    office = office_user()
    client.force_login(office)
    stuck, beating = (
        Report.objects.create(kind=ReportKind.ANNUAL, period_start=datetime.date(year, 1, 1), period_end=end)
        for year, end in ((2026, datetime.date(2026, 12, 31)), (2025, datetime.date(2025, 12, 31)))
    )
    silent = timezone.now() - datetime.timedelta(seconds=settings.REPORT_STALE_AFTER + 1)
    Report.objects.filter(pk=stuck.pk).update(state=ReportState.RUNNING, heartbeat_at=silent)
    Report.objects.filter(pk=beating.pk).update(state=ReportState.RUNNING, heartbeat_at=timezone.now())

    page = client.get(stuck.get_absolute_url()).content.decode()
    assert reverse("reports:retry", args=[stuck.pk]) in page
    assert reverse("reports:retry", args=[beating.pk]) not in client.get(beating.get_absolute_url()).content.decode()

    client.post(reverse("reports:retry", args=[beating.pk]))
    beating.refresh_from_db()
    assert beating.state == ReportState.RUNNING  # refused: its worker is alive
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:retry", args=[stuck.pk]))
    stuck.refresh_from_db()
    assert stuck.state == ReportState.DONE  # queued again and produced (tasks run eagerly here)
