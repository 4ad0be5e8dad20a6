"""Producing a report, run by the worker (workers.generate_report) and nowhere else.

Production is idempotent: one report per kind and period (the key), and on PostgreSQL a session advisory lock held
while a worker produces it, released by the database if that worker dies.
"""

import contextlib
import logging
import threading

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.numbering import issue_number
from emulation.enums import DocumentKind, NotificationKind
from emulation.workflow import SYSTEM, allows, notify_after_commit, transition

from .enums import ReportState
from .models import Report

logger = logging.getLogger(__name__)

LOCK_NAMESPACE = 5_050
# The generate_report task's hard time limit.
REPORT_TIME_LIMIT = settings.REPORT_TIME_LIMIT


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
        if report is None or not allows(report, "start"):
            return None
        now = timezone.now()
        changes = {
            "attempts": report.attempts + 1,
            "started_at": now,
            "heartbeat_at": now,
            "progress": 5,
            "error": "",
            "document_date": report.document_date or timezone.localdate(),
        }
        transition(
            report, "start", by=SYSTEM, changes=changes, fields=list(changes), data={"attempt": changes["attempts"]}
        )
        if report.number is None:
            _assign_number(report, report.document_date)
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
            locked.pdf.name, locked.xlsx.name = names
            now = timezone.now()
            # Refused only if someone else settled the report meanwhile: keep theirs, drop ours.
            transition(
                locked,
                "finish",
                by=SYSTEM,
                changes={"progress": 100, "finished_at": now, "heartbeat_at": now},
                fields=["pdf", "xlsx", "progress", "finished_at", "heartbeat_at"],
            )
            if locked.requested_by_id:
                notify_after_commit(
                    kind=NotificationKind.OTHER,
                    recipients=[report.requested_by],
                    title=_("Báo cáo đã hoàn thành: %(title)s") % {"title": locked.title},
                    url=locked.get_absolute_url(),
                    email=False,
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
        if report is None or not allows(report, "fail"):
            return None
        error = str(message)[:4000] or _("Lỗi không xác định.")
        transition(
            report,
            "fail",
            by=SYSTEM,
            comment=error,
            changes={"error": error, "finished_at": timezone.now()},
            fields=["error", "finished_at"],
        )
    return report


def produce_report(*, report_id, transient=(), on_soft_timeout=()):
    """Produce the PDF and workbook of a queued (or interrupted) report exactly once.

    Returns "done", "busy" (another live worker has it), "skipped" (nothing to do) or "failed".
    Errors listed in ``transient`` propagate so the task retries; any other error marks the report failed.
    """
    with production_lock(report_id) as acquired:
        if not acquired:
            return "busy"
        report = _start(report_id)
        if report is None:
            return "skipped"
        with heartbeat(report.pk):
            return _produce(report, transient=transient, on_soft_timeout=on_soft_timeout)


@contextlib.contextmanager
def heartbeat(report_id):
    """Stamp the running report's heartbeat every REPORT_HEARTBEAT seconds while the block runs, from a thread of its
    own, so a long step (a national PDF) never looks dead; a report whose worker died stops beating and the sweep
    queues it again after REPORT_STALE_AFTER seconds (services.stale_reports)."""
    stop = threading.Event()

    def beat():
        from django.db import connection as thread_connection

        try:
            while not stop.wait(settings.REPORT_HEARTBEAT):
                with contextlib.suppress(DatabaseError):
                    Report.objects.filter(pk=report_id, state=ReportState.RUNNING).update(heartbeat_at=timezone.now())
        finally:
            thread_connection.close()  # the thread's own connection, not the worker's

    thread = threading.Thread(target=beat, name=f"report-{report_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _produce(report, *, transient, on_soft_timeout):
    from .data import gather
    from .pdf import render_report_pdf
    from .xlsx import workbook_file

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
        mark_failed(report_id=report.pk, message=_("Quá thời gian cho phép khi lập báo cáo."))
        return "failed"
    except Exception as exc:  # noqa: BLE001 - any other error is shown to the Office, who may retry
        logger.exception("Report %s failed", report.pk)
        mark_failed(report_id=report.pk, message=f"{type(exc).__name__}: {exc}")
        return "failed"
    return "done"
