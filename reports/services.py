"""Requesting and retrying reports (their production is production.py, run by the worker).

A request is a database row first and a queued task second: if the broker is down the row stays
queued and ``sweep`` (run by beat and by the reports page) queues it again, so no request is lost.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.errors import DomainError
from emulation.services import log_action
from emulation.workflow import SYSTEM, check, transition

from .enums import ReportKind
from .models import Report, idempotency_key, stuck_condition
from .workers import generate_report

logger = logging.getLogger(__name__)


def request_report(*, kind, period_start, period_end, unit=None, by):
    """Record a report request and queue its production after commit; return (report, created).

    ``by`` is the requesting user, or SYSTEM for the schedule (beat) and commands.

    A second request for the same kind, period and unit returns the first report and queues nothing.
    Side effects: a Report row, an audit entry, a generate_report task after commit.
    """
    check(by, "reports.request_report")
    if kind not in ReportKind.values:
        raise DomainError(_("Loại báo cáo không hợp lệ."), field="kind")
    if period_end < period_start:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="period_end")
    if period_start > timezone.localdate():
        raise DomainError(_("Kỳ báo cáo chưa bắt đầu."), field="period_start")
    if (kind == ReportKind.UNIT) != (unit is not None):
        raise DomainError(_("Chỉ báo cáo tổng hợp của đơn vị mới chọn đơn vị."), field="unit")
    key = idempotency_key(kind, period_start, period_end, unit.pk if unit else None)
    existing = Report.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                kind=kind,
                period_start=period_start,
                period_end=period_end,
                unit=unit,
                requested_by=None if by is SYSTEM else by,
            )
            log_action(actor=by, action="report.requested", obj=report, unit=unit)
    except IntegrityError:  # the same request won a race a moment ago
        return Report.objects.get(key=key), False
    transaction.on_commit(lambda: enqueue(report.pk))
    return report, True


def enqueue(report_id):
    """Queue the production of a report; False (the row stays queued for the sweep) if the broker refuses."""
    try:
        generate_report.delay(report_id)
    except Exception:  # noqa: BLE001 - whatever the broker raises, the request is kept and retried later
        logger.warning("Report %s could not be queued; the sweep will try again.", report_id, exc_info=True)
        return False
    Report.objects.filter(pk=report_id).update(enqueued_at=timezone.now())
    return True


def stale_reports(now=None):
    """Reports that wait without a live worker (models.stuck_condition), oldest request first."""
    return Report.objects.filter(stuck_condition(now or timezone.now())).order_by("created_at")


def sweep(*, limit=100, now=None):
    """Queue again the reports that wait without a worker; stops at the first broker refusal."""
    queued = 0
    for report_id in stale_reports(now).values_list("pk", flat=True)[:limit]:
        if not enqueue(report_id):
            break
        queued += 1
    return queued


@transaction.atomic
def retry_report(*, report, by):
    """Queue again a failed report, or one stuck without a worker (Report.is_stuck). Side effects: state, audit
    entry, a generate_report task after commit."""
    check(by, "reports.retry_report", report)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.can_be_retried:
        raise DomainError(_("Báo cáo đang được lập; chỉ lập lại được báo cáo bị lỗi hoặc bị treo."))
    transition(
        report,
        "retry",
        by=by,
        changes={"progress": 0, "error": "", "enqueued_at": None},
        fields=["progress", "error", "enqueued_at"],
        data={"previous_error": report.error[:500]},
    )
    transaction.on_commit(lambda: enqueue(report.pk))
    return report
