"""Demo reports: one of each kind for the latest period of that kind that has ended, produced through the same
request → task path as a user's request.

Without REDIS_URL the tasks run eagerly, so the reports are finished when seed_demo returns; with a broker
they are queued for the workers. Idempotent: the idempotency key returns the existing report.
"""

from django.utils import timezone

from campaigns.models import Term
from emulation.models import Unit
from emulation.workflow import SYSTEM

from .enums import ReportKind
from .periods import default_period, latest_period
from .services import request_report

DEMO_UNIT_CODE = "so-tai-chinh"


def _periods(today):
    """The latest period of each kind that has ended by today, as a schedule would produce it: last quarter, the
    last half-year, last year (its plan closed and fully reported), the last term that has ended (else the
    current one)."""
    term = (
        Term.objects.filter(end_year__lt=today.year).order_by("-end_year").first()
        or Term.objects.order_by("-start_year").first()
    )
    periods = {kind: latest_period(kind, today) for kind in [ReportKind.QUARTERLY, ReportKind.SIX_MONTH]}
    periods[ReportKind.ANNUAL] = periods[ReportKind.UNIT] = latest_period(ReportKind.ANNUAL, today)
    periods[ReportKind.TERM] = (
        latest_period(ReportKind.TERM, today, term=term)
        if term
        else default_period(ReportKind.TERM, year=today.year - 4, last_year=today.year)
    )
    return periods


def seed(stdout=None):
    today = timezone.localdate()
    unit = Unit.objects.filter(code=DEMO_UNIT_CODE).first()
    reports = []
    for kind, (start, end) in _periods(today).items():
        if kind == ReportKind.UNIT and unit is None:
            continue
        report, _created = request_report(
            kind=kind, period_start=start, period_end=end, unit=unit if kind == ReportKind.UNIT else None, by=SYSTEM
        )
        reports.append(report)
    if stdout:
        stdout.write(f"Báo cáo định kỳ: {len(reports)} báo cáo mẫu đã được yêu cầu.")
    return reports
