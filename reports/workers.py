"""The worker's task that produces a report (production.py); tasks.py holds the scheduled ones."""

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from . import production

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
TIME_LIMIT = production.REPORT_TIME_LIMIT


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Retries exhausted (or an unexpected crash): show the error to the Office instead of a stuck report."""
        report_id = args[0] if args else kwargs.get("report_id")
        if report_id is not None:
            production.mark_failed(report_id=report_id, message=f"{type(exc).__name__}: {exc}")


@shared_task(
    bind=True,
    base=ReportTask,
    # The name it was queued under before it moved here: messages already in the broker still find it.
    name="reports.tasks.generate_report",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    time_limit=TIME_LIMIT,
    soft_time_limit=TIME_LIMIT - 60,
)
def generate_report(self, report_id):
    """Produce one report; safe to run twice or after a worker died midway (see production.produce_report)."""
    return production.produce_report(
        report_id=report_id, transient=TRANSIENT_ERRORS, on_soft_timeout=(SoftTimeLimitExceeded,)
    )
