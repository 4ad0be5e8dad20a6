"""Celery tasks of the reports: thin wrappers that call the services (the producing task is workers.py)."""

from celery import shared_task
from django.utils import timezone

from emulation.workflow import SYSTEM

from . import services
from .enums import ReportKind
from .workers import TRANSIENT_ERRORS, generate_report

__all__ = ["generate_report", "scheduled_reports", "send_deadline_reminders", "sweep_queued_reports"]


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
    report, _created = services.request_report(kind=kind, period_start=period[0], period_end=period[1], by=SYSTEM)
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
