"""What one report covers: the units expected to file, the plans of the period, and their records."""

from django.db.models import Q

from campaigns.enums import ReportingPeriod, ReviewState
from campaigns.models import Pledge, ResultReport, Term, YearPlan
from emulation.enums import UnitLevel
from emulation.models import Unit

from ..enums import ReportKind

# The party organizations that pledge and report; sub-cells report through their grassroots committee.
FILING_LEVELS = (UnitLevel.GRASSROOTS_COMMITTEE, UnitLevel.GRASSROOTS_CELL)
PLEDGED_STATES = (ReviewState.SUBMITTED, ReviewState.ACCEPTED, ReviewState.SUPERSEDED)
# The pledges a report counts: the current one of a unit, sent and not returned (a superseded revision is followed
# by the current one, counted in its place); the tracking page's rule (campaigns.enums.FILED_STATES).
COUNTED_PLEDGE_STATES = (ReviewState.SUBMITTED, ReviewState.ACCEPTED)
FILED_RESULT_STATES = (ReviewState.SUBMITTED, ReviewState.ACCEPTED)
STREAM_CHUNK = 2000


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _num(value, digits=1):
    return round(float(value), digits) if value is not None else None


def reported_term(kind, start, end):
    """The party term a term report is about, when its years are a term's: its plans are the report's.

    Terms meet at a boundary year (2020-2025, 2025-2030) and a plan belongs to one of them: the report of the
    2020-2025 term counts the plans of that term, not the 2025 plan of the next one."""
    if kind != ReportKind.TERM:
        return None
    return Term.objects.filter(start_year=start.year, end_year=end.year).first()


class Scope:
    """The units, plans and records one report covers."""

    def __init__(self, *, start, end, unit=None, term=None):
        self.start, self.end, self.unit = start, end, unit
        units = Unit.objects.filter(is_active=True)
        if unit is not None:
            units = units.filter(path__startswith=unit.path)
        self.all_units = units
        self.units = units.filter(level__in=FILING_LEVELS)
        self.plans = (
            YearPlan.objects.filter(term=term)
            if term is not None
            else YearPlan.objects.filter(year__gte=start.year, year__lte=end.year)
        )
        # A pledge counts in its plan's year whenever it was sent (a late one is marked late), as the tracking
        # page counts it: the unit's current pledge, sent and not returned (campaigns.selectors.members).
        self.pledges = Pledge.objects.filter(plan__in=self.plans, unit__in=self.units, state__in=COUNTED_PLEDGE_STATES)
        self.results = ResultReport.objects.filter(self.result_condition(), plan__in=self.plans, unit__in=self.units)
        # Results belong to their plan year and reporting period, whenever they were filed (the six-month
        # report is due in July, after the half year it reports on).
        self.filed_results = self.results.filter(state__in=FILED_RESULT_STATES)
        self.accepted = self.results.filter(state=ReviewState.ACCEPTED)
        # The same records without the scope's unit filter, for subqueries correlated to a unit already in scope:
        # repeating "unit in scope" inside a correlated subquery made PostgreSQL rescan the units for every row.
        self.unit_pledges = Pledge.objects.filter(plan__in=self.plans, state__in=COUNTED_PLEDGE_STATES).order_by()
        self.unit_filed_results = ResultReport.objects.filter(
            self.result_condition(), plan__in=self.plans, state__in=FILED_RESULT_STATES
        ).order_by()

    @property
    def closes_year(self):
        return (self.end.month, self.end.day) == (12, 31)

    @property
    def last_result_period(self):
        return ReportingPeriod.YEAR_END if self.closes_year else ReportingPeriod.SIX_MONTH

    def result_condition(self, prefix=""):
        """Year-end results of the period's years; for a period ending mid-year, its last year's six-month ones."""
        p = prefix
        return Q(
            **{
                f"{p}plan__year__gte": self.start.year,
                f"{p}plan__year__lt": self.end.year,
                f"{p}period": ReportingPeriod.YEAR_END,
            }
        ) | Q(**{f"{p}plan__year": self.end.year, f"{p}period": self.last_result_period})
