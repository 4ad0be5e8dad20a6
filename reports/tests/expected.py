"""The figures a report should show, counted in plain Python over the objects a test created.

Deliberately independent of reports/data.py: no ORM aggregates, only the lists the factories returned.
"""

import datetime
from statistics import mean

from django.utils import timezone

from campaigns.enums import ReportingPeriod, ReviewState

FILED = {ReviewState.SUBMITTED, ReviewState.ACCEPTED}


def local_date(value):
    return timezone.localtime(value).date()


def result_periods(start, end):
    """{year: period} of the result reports a period reads."""
    closes = (end.month, end.day) == (12, 31)
    years = {y: ReportingPeriod.YEAR_END for y in range(start.year, end.year)}
    years[end.year] = ReportingPeriod.YEAR_END if closes else ReportingPeriod.SIX_MONTH
    return years


def all_pledges(world):
    return list(world.pledges.values()) + list(world.previous_pledges.values())


def pledges_in(world, start, end, units):
    ids = {u.pk for u in units}
    return [
        p for p in all_pledges(world) if start.year <= p.plan.year <= end.year and p.unit_id in ids and p.state in FILED
    ]


def results_in(world, start, end, units, accepted_only=False):
    ids = {u.pk for u in units}
    periods = result_periods(start, end)
    rows = [r for r in world.results if r.unit_id in ids and periods.get(r.plan.year) == r.period and r.state in FILED]
    return [r for r in rows if r.state == ReviewState.ACCEPTED] if accepted_only else rows


def overview(world, start, end, units=None, acting_units=None):
    units = units if units is not None else world.units
    acting = acting_units if acting_units is not None else units + [u for u in world.other_units if u.is_active]
    acting_ids = {u.pk for u in acting}
    pledges = pledges_in(world, start, end, units)
    filed = results_in(world, start, end, units)
    accepted = [r for r in filed if r.state == ReviewState.ACCEPTED]
    unit_ids = {u.pk for u in units}
    late = {p.unit_id for p in pledges if p.is_late} | {r.unit_id for r in filed if r.is_late}
    return {
        "units_total": len(units),
        "pledged": len({p.unit_id for p in pledges}),
        "results_filed": len({r.unit_id for r in filed}),
        "results_accepted": len({r.unit_id for r in accepted}),
        "completion": round(float(mean(r.completion for r in accepted)), 1) if accepted else None,
        "late": len(late),
        "signatures": len(
            [s for s in world.signatures if s.unit_id in unit_ids and start.year <= s.covenant.plan.year <= end.year]
        ),
        "exemplars": len(
            [e for e in world.exemplars if e.unit_id in acting_ids and start <= local_date(e.created_at) <= end]
        ),
        "initiatives": len(
            [
                i
                for i in world.initiatives
                if i.unit_id in acting_ids and i.recognized_on and start <= i.recognized_on <= end
            ]
        ),
    }


def ranking(world, start, end, units=None):
    """[(cluster name, rank, unit name)] by average accepted score, best first inside each cluster."""
    units = units if units is not None else world.units
    by_unit = {}
    for r in results_in(world, start, end, units, accepted_only=True):
        by_unit.setdefault(r.unit_id, []).append(float(r.score))
    names = {u.pk: u for u in units}
    rows = sorted(
        ((names[pk].cluster.name, -mean(scores), names[pk].name) for pk, scores in by_unit.items()),
    )
    ranked, previous_cluster, rank = [], None, 0
    for cluster, _negative, name in rows:
        rank = rank + 1 if cluster == previous_cluster else 1
        previous_cluster = cluster
        ranked.append((cluster, rank, name))
    return ranked


def missing(world, start, end, units=None):
    """{unit name: (missing pledge, missing result, late)} as the late-or-missing table shows them."""
    units = units if units is not None else world.units
    plan = world.plan if world.plan.year == end.year else None
    periods = result_periods(start, end)
    pledge_due = plan is not None and plan.registration_deadline <= end
    result_due = plan is not None and plan.deadline_for(periods[end.year]) <= end
    pledged = {p.unit_id for p in pledges_in(world, start, end, units)}
    filed = {r.unit_id for r in results_in(world, start, end, units)}
    late = {p.unit_id for p in pledges_in(world, start, end, units) if p.is_late} | {
        r.unit_id for r in results_in(world, start, end, units) if r.is_late
    }
    rows = {}
    for u in units:
        flags = (pledge_due and u.pk not in pledged, result_due and u.pk not in filed, u.pk in late)
        if any(flags):
            rows[u.name] = flags
    return rows


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
