"""Requesting, producing and retrying reports.

A request is a database row first and a queued task second: if the broker is down the row stays
queued and ``sweep`` (run by beat and by the reports page) queues it again, so no request is lost.
Production is idempotent: one report per kind and period (the key), and on PostgreSQL a session
advisory lock held while a worker produces it, released by the database if that worker dies.
"""

import contextlib
import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.numbering import issue_number
from emulation.enums import DocumentKind
from emulation.errors import DomainError
from emulation.services import log_action, notify

from .enums import REPORT_TRANSITIONS, ReportKind, ReportState
from .models import Report, idempotency_key

logger = logging.getLogger(__name__)

# A queued report not picked up after this long is queued again (its message may have been lost).
QUEUE_GRACE = timedelta(minutes=10)
# A request younger than this is left to its own on_commit enqueue.
FRESH_REQUEST = timedelta(seconds=30)
LOCK_NAMESPACE = 5_050
# The generate_report task's hard time limit: a running report without heartbeat for longer is orphaned.
REPORT_TIME_LIMIT = 30 * 60


def _check(user, perm, obj=None):
    if user is not None and not user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _transition(report, action):
    target = REPORT_TRANSITIONS[report.state].get(action)
    if target is None:
        raise DomainError(
            _("Không thể thực hiện thao tác này với báo cáo ở trạng thái “%(state)s”.")
            % {"state": report.get_state_display()}
        )
    report.state = target


def request_report(*, kind, period_start, period_end, unit=None, by=None):
    """Record a report request and queue its production after commit; return (report, created).

    A second request for the same kind, period and unit returns the first report and queues nothing.
    Side effects: a Report row, an audit entry, a generate_report task after commit.
    """
    _check(by, "reports.request_report")
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
                kind=kind, period_start=period_start, period_end=period_end, unit=unit, requested_by=by
            )
            log_action(actor=by, action="report.requested", obj=report, unit=unit)
    except IntegrityError:  # the same request won a race a moment ago
        return Report.objects.get(key=key), False
    transaction.on_commit(lambda: enqueue(report.pk))
    return report, True


def enqueue(report_id):
    """Queue the production of a report; False (the row stays queued for the sweep) if the broker refuses."""
    from .tasks import generate_report

    try:
        generate_report.delay(report_id)
    except Exception:  # noqa: BLE001 - whatever the broker raises, the request is kept and retried later
        logger.warning("Report %s could not be queued; the sweep will try again.", report_id, exc_info=True)
        return False
    Report.objects.filter(pk=report_id).update(enqueued_at=timezone.now())
    return True


def stale_reports(now=None):
    """Reports that wait without a live worker: never queued, queued long ago, or running without heartbeat."""
    now = now or timezone.now()
    running_grace = timedelta(seconds=REPORT_TIME_LIMIT + 60)
    return Report.objects.filter(
        Q(state=ReportState.QUEUED, enqueued_at__isnull=True, created_at__lt=now - FRESH_REQUEST)
        | Q(state=ReportState.QUEUED, enqueued_at__lt=now - QUEUE_GRACE)
        | Q(state=ReportState.RUNNING, heartbeat_at__lt=now - running_grace)
    ).order_by("created_at")


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
    """Queue a failed report again. Side effects: state, audit entry, a generate_report task after commit."""
    _check(by, "reports.retry_report", report)
    report = Report.objects.select_for_update().get(pk=report.pk)
    previous_error = report.error
    _transition(report, "retry")
    report.progress, report.error, report.enqueued_at = 0, "", None
    report.save(update_fields=["state", "progress", "error", "enqueued_at"])
    log_action(actor=by, action="report.retried", obj=report, data={"previous_error": previous_error[:500]})
    transaction.on_commit(lambda: enqueue(report.pk))
    return report


@contextlib.contextmanager
def production_lock(report_id):
    """True while this process alone produces the report.

    On PostgreSQL a session advisory lock: if the worker dies, its connection closes and the lock with it,
    so a redelivered task can take over. Elsewhere (SQLite, eager mode, one process) always True.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, report_id % 2**31])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with contextlib.suppress(DatabaseError):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, report_id % 2**31])


def _assign_number(report, today):
    """The register's next BC number of the term holding `today`; the caller holds the report's row lock, so a
    report is numbered once, and the register's lock keeps two reports from sharing a number."""
    number, period = issue_number(kind=DocumentKind.REPORT, date=today)
    Report.objects.filter(pk=report.pk).update(number=number, number_year=today.year, number_period=period)
    report.number, report.number_year, report.number_period = number, today.year, period


def _start(report_id):
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or "start" not in REPORT_TRANSITIONS[report.state]:
            return None
        now = timezone.now()
        _transition(report, "start")
        report.attempts += 1
        report.started_at = report.heartbeat_at = now
        report.progress, report.error = 5, ""
        report.document_date = report.document_date or timezone.localdate()
        report.save(
            update_fields=["state", "attempts", "started_at", "heartbeat_at", "progress", "error", "document_date"]
        )
        if report.number is None:
            _assign_number(report, report.document_date)
        log_action(actor=None, action="report.started", obj=report, unit=report.unit, data={"attempt": report.attempts})
    return Report.objects.select_related("unit", "requested_by").get(pk=report_id)


def _progress(report_id, percent):
    Report.objects.filter(pk=report_id, state=ReportState.RUNNING).update(progress=percent, heartbeat_at=timezone.now())


def _store(report, field_name, content, filename):
    field = Report._meta.get_field(field_name)
    return field.storage.save(field.generate_filename(report, filename), content)


def _finish(report, pdf_bytes, xlsx_file):
    storage = Report._meta.get_field("pdf").storage
    names = [_store(report, "pdf", ContentFile(pdf_bytes), "report.pdf")]
    try:
        names.append(_store(report, "xlsx", xlsx_file, "report.xlsx"))
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=report.pk)
            # Only reachable if someone else settled the report meanwhile: keep theirs, drop ours.
            _transition(locked, "finish")
            locked.pdf.name, locked.xlsx.name = names
            locked.progress, locked.finished_at, locked.heartbeat_at = 100, timezone.now(), timezone.now()
            locked.save(update_fields=["state", "pdf", "xlsx", "progress", "finished_at", "heartbeat_at"])
            log_action(actor=None, action="report.done", obj=locked, unit=locked.unit)
            if locked.requested_by_id:
                requester = report.requested_by
                transaction.on_commit(
                    lambda: notify(
                        recipients=[requester],
                        title=_("Báo cáo đã hoàn thành: %(title)s") % {"title": locked.title},
                        url=locked.get_absolute_url(),
                        email=False,
                    )
                )
    except BaseException:
        for name in names:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise
    return locked


def mark_failed(*, report_id, message):
    """Record a failure the Office can read and retry. Side effects: state, error, audit entry."""
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or "fail" not in REPORT_TRANSITIONS[report.state]:
            return None
        _transition(report, "fail")
        report.error = str(message)[:4000] or _("Lỗi không xác định.")
        report.finished_at = timezone.now()
        report.save(update_fields=["state", "error", "finished_at"])
        log_action(actor=None, action="report.failed", obj=report, unit=report.unit, comment=report.error)
    return report


def produce_report(*, report_id, transient=(), on_soft_timeout=()):
    """Produce the PDF and workbook of a queued (or interrupted) report exactly once.

    Returns "done", "busy" (another live worker has it), "skipped" (nothing to do) or "failed".
    Errors listed in ``transient`` propagate so the task retries; any other error marks the report failed.
    """
    from .data import gather
    from .pdf import render_report_pdf
    from .xlsx import workbook_file

    with production_lock(report_id) as acquired:
        if not acquired:
            return "busy"
        report = _start(report_id)
        if report is None:
            return "skipped"
        try:
            data = gather(
                kind=report.kind,
                start=report.period_start,
                end=report.period_end,
                unit=report.unit,
                progress=lambda percent: _progress(report.pk, percent),
            )
            pdf_bytes = render_report_pdf(report, data)
            _progress(report.pk, 75)
            xlsx = workbook_file(report, data)
            _progress(report.pk, 90)
            with contextlib.closing(xlsx):
                _finish(report, pdf_bytes, xlsx)
        except transient:
            raise
        except on_soft_timeout:
            mark_failed(report_id=report_id, message=_("Quá thời gian cho phép khi lập báo cáo."))
            return "failed"
        except Exception as exc:  # noqa: BLE001 - any other error is shown to the Office, who may retry
            logger.exception("Report %s failed", report_id)
            mark_failed(report_id=report_id, message=f"{type(exc).__name__}: {exc}")
            return "failed"
    return "done"
