"""Celery tasks of the reports: thin wrappers that take ids and call the services."""

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import services
from .enums import ReportKind

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
TIME_LIMIT = services.REPORT_TIME_LIMIT


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Retries exhausted (or an unexpected crash): show the error to the Office instead of a stuck report."""
        report_id = args[0] if args else kwargs.get("report_id")
        if report_id is not None:
            services.mark_failed(report_id=report_id, message=f"{type(exc).__name__}: {exc}")


@shared_task(
    bind=True,
    base=ReportTask,
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
    """Produce one report; safe to run twice or after a worker died midway (see services.produce_report)."""
    return services.produce_report(
        report_id=report_id, transient=TRANSIENT_ERRORS, on_soft_timeout=(SoftTimeLimitExceeded,)
    )


@shared_task(
    acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3, office_may_schedule=True
)
def scheduled_reports(kind):
    """Request the report of the latest period of a kind that has ended (quarter, half year, year, term)."""
    from campaigns.models import Term

    from .periods import latest_period

    today = timezone.localdate()
    term = None
    if kind == ReportKind.TERM:
        last_closed_year = today.year if (today.month, today.day) == (12, 31) else today.year - 1
        term = Term.objects.filter(end_year__lte=last_closed_year).order_by("-end_year").first()
    period = latest_period(kind, today, term=term)
    if period is None:
        return None
    report, _created = services.request_report(kind=kind, period_start=period[0], period_end=period[1])
    return report.pk


@shared_task(
    acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3, office_may_schedule=True
)
def send_deadline_reminders():
    from .reminders import send_deadline_reminders as send

    return send()


@shared_task(
    acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3, office_may_schedule=True
)
def sweep_queued_reports():
    """Queue again the reports left waiting by a broker outage or a dead worker."""
    return services.sweep()
