"""Demo reports: one of each kind, produced through the same request → task path as a user's request.

Without REDIS_URL the tasks run eagerly, so the reports are finished when seed_demo returns; with a broker
they are queued for the workers. Idempotent: the idempotency key returns the existing report.
"""

from django.utils import timezone

from campaigns.enums import PlanState
from campaigns.models import Term, YearPlan
from emulation.models import Unit

from .enums import ReportKind
from .periods import default_period
from .services import request_report

DEMO_UNIT_CODE = "so-tai-chinh"


def _periods(today):
    """The periods of the latest plan units have filed under (a launched or closed one, not a draft)."""
    plans = YearPlan.objects.filter(year__lte=today.year).order_by("-year")
    plan = plans.filter(state__in=[PlanState.LAUNCHED, PlanState.CLOSED]).first() or plans.first()
    year = plan.year if plan else today.year
    # The third quarter reads the six-month results; in the current year, the latest quarter that has begun.
    quarter = 3 if year < today.year else (today.month - 1) // 3 + 1
    term = plan.term if plan else Term.objects.order_by("-start_year").first()
    first, last = (term.start_year, term.end_year) if term else (year - 4, year)
    return {
        ReportKind.QUARTERLY: default_period(ReportKind.QUARTERLY, year=year, quarter=quarter),
        ReportKind.SIX_MONTH: default_period(ReportKind.SIX_MONTH, year=year),
        ReportKind.ANNUAL: default_period(ReportKind.ANNUAL, year=year),
        ReportKind.TERM: default_period(ReportKind.TERM, year=first, last_year=last),
        ReportKind.UNIT: default_period(ReportKind.UNIT, year=year),
    }


def seed(stdout=None):
    today = timezone.localdate()
    unit = Unit.objects.filter(code=DEMO_UNIT_CODE).first()
    reports = []
    for kind, (start, end) in _periods(today).items():
        if kind == ReportKind.UNIT and unit is None:
            continue
        report, _created = request_report(
            kind=kind, period_start=start, period_end=end, unit=unit if kind == ReportKind.UNIT else None
        )
        reports.append(report)
    if stdout:
        stdout.write(f"Báo cáo định kỳ: {len(reports)} báo cáo mẫu đã được yêu cầu.")
    return reports
