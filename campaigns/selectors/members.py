"""The member units a plan tracks, what each has filed for it and what each still owes: the rows every tracking
figure, page, export, reminder and summary is made of, and the one rule of an overdue unit."""

import copy
import datetime

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import Unit

from ..enums import FILED_STATES, NOT_LAUNCHED_PLAN_STATES, CovenantState, ReportingPeriod, ReviewState
from ..models import Covenant, CovenantSignature, Pledge, ResultReport
from .records import MEMBER_LEVELS

PLEDGE_STATUS_NONE = "none"
# Left out of the tracking: a replaced revision, and a draft, which is the unit's working copy until it is sent (the
# same rule as the records' pages, campaigns.view_unit_record). A unit with a draft shows as having sent nothing.
NOT_TRACKED = [ReviewState.SUPERSEDED, ReviewState.DRAFT]
TRACKED_STATES = [state for state in ReviewState.values if state not in NOT_TRACKED]
# A covenant being signed or signed by all: a member that has not signed it owes its signature.
SIGNING_STATES = (CovenantState.OPEN, CovenantState.CLOSED)
TRACKING_FILTERS = ("cluster", "sector", "status")
# The tracking order: by cluster name (units of no cluster last, on every database), then down the unit tree.
TRACKING_ORDER = (F("cluster__name").asc(nulls_last=True), "path")
# Units whose rows one set of queries reads: the id lists stay well under the databases' parameter limits.
ROWS_CHUNK = 2000


def normalized_filters(filters):
    """The filters as member_units_with_status() takes them; the home page's figures (no filter) share the page's
    cache."""
    return {name: (filters or {}).get(name) or "" for name in TRACKING_FILTERS}


def member_units(*, cluster=None, sector=""):
    """The member units the tracking page lists, without the per-plan fields, in the page's order."""
    units = Unit.objects.filter(is_active=True, level__in=MEMBER_LEVELS).select_related("cluster")
    if cluster:
        units = units.filter(cluster_id=cluster)
    if sector:
        units = units.filter(sector=sector)
    return units.order_by(*TRACKING_ORDER)


def member_units_with_status(plan, *, cluster=None, sector="", status=""):
    """member_units() whose current pledge of the plan has ``status``: a ReviewState value, "none" (nothing sent),
    "late" or "missing" (nothing filed).

    Written against the plan's pledges (a semi-join) rather than per unit annotations, which the database would
    evaluate for every unit before filtering.
    """
    units = member_units(cluster=cluster, sector=sector)
    current = Pledge.objects.filter(plan=plan, unit=OuterRef("pk")).exclude(state__in=NOT_TRACKED).order_by()
    # Correlated EXISTS: a page's one or two clusters are checked by index, not against a hash of every pledge.
    if status == PLEDGE_STATUS_NONE:
        return units.filter(~Exists(current))
    if status == "late":
        return units.filter(Exists(current.filter(is_late=True)))
    if status == "missing":
        return units.filter(~Exists(current.filter(state__in=list(FILED_STATES))))
    if status in TRACKED_STATES:
        return units.filter(Exists(current.filter(state=status)))
    return units


def tracking_rows(plan, units):
    """``units`` (with their cluster) carrying the plan's tracking fields (see tracking_rows_of_plans), in place."""
    return tracking_rows_of_plans([plan], units)[plan.pk]


def tracking_rows_in_chunks(plan, units):
    """tracking_rows() of every unit of ``units`` (any number), read ROWS_CHUNK units at a time."""
    chunk = []
    for unit in units.iterator(chunk_size=ROWS_CHUNK):
        chunk.append(unit)
        if len(chunk) == ROWS_CHUNK:
            yield from tracking_rows(plan, chunk)
            chunk = []
    if chunk:
        yield from tracking_rows(plan, chunk)


def tracking_rows_of_plans(plans, units):
    """{plan id: copies of ``units`` carrying that plan's tracking fields}, from four plain queries.

    The fields: pledge_id, pledge_state, pledge_late (the current pledge, drafts and replaced revisions left out),
    covenant_id, has_covenant (the unit's cluster has a covenant being signed), signed, six_month_state,
    six_month_score, year_end_state, year_end_score (the results sent). Keyed by the units' ids, whatever the number
    of plans: one query with a correlated subquery per field costs more to build and plan than these cost to run.
    """
    units = list(units)
    ids = [unit.pk for unit in units]
    plan_ids = [plan.pk for plan in plans]
    pledges = {
        (plan_id, unit_id): (pk, state, late)
        for plan_id, unit_id, pk, state, late in Pledge.objects.filter(plan_id__in=plan_ids, unit_id__in=ids)
        .exclude(state__in=NOT_TRACKED)
        .order_by()  # the models' default orders would join plans and units
        .values_list("plan_id", "unit_id", "pk", "state", "is_late")
    }
    results = {
        (plan_id, unit_id, period): (state, score)
        for plan_id, unit_id, period, state, score in ResultReport.objects.filter(plan_id__in=plan_ids, unit_id__in=ids)
        .exclude(state=ReviewState.DRAFT)
        .order_by()
        .values_list("plan_id", "unit_id", "period", "state", "score")
    }
    covenants = {
        (plan_id, cluster_id): (pk, state)
        for plan_id, cluster_id, pk, state in Covenant.objects.filter(
            plan_id__in=plan_ids, cluster_id__in={u.cluster_id for u in units if u.cluster_id}
        )
        .order_by()
        .values_list("plan_id", "cluster_id", "pk", "state")
    }
    signed = set(
        CovenantSignature.objects.filter(covenant__plan_id__in=plan_ids, unit_id__in=ids)
        .order_by()
        .values_list("covenant__plan_id", "unit_id")
    )
    rows = {}
    for plan_id in plan_ids:
        rows[plan_id] = []
        for unit in units:
            row = copy.copy(unit) if len(plan_ids) > 1 else unit
            row.pledge_id, row.pledge_state, row.pledge_late = pledges.get((plan_id, unit.pk), (None, None, None))
            row.covenant_id, covenant_state = covenants.get((plan_id, unit.cluster_id), (None, None))
            row.has_covenant = covenant_state in SIGNING_STATES
            row.signed = (plan_id, unit.pk) in signed
            six_month = results.get((plan_id, unit.pk, ReportingPeriod.SIX_MONTH), (None, None))
            year_end = results.get((plan_id, unit.pk, ReportingPeriod.YEAR_END), (None, None))
            row.six_month_state, row.six_month_score = six_month
            row.year_end_state, row.year_end_score = year_end
            rows[plan_id].append(row)
    return rows


PLEDGE, COVENANT, SIX_MONTH, YEAR_END = "pledge", "covenant", ReportingPeriod.SIX_MONTH, ReportingPeriod.YEAR_END


def owed(plan, row):
    """[(what, deadline)] a unit still owes for the plan, from a tracking row (no query)."""
    items = []
    if row.pledge_state not in FILED_STATES:
        items.append((PLEDGE, plan.registration_deadline))
    if row.has_covenant and not row.signed:
        items.append((COVENANT, plan.registration_deadline))
    if row.six_month_state not in FILED_STATES:
        items.append((SIX_MONTH, plan.six_month_deadline))
    if row.year_end_state not in FILED_STATES:
        items.append((YEAR_END, plan.year_end_deadline))
    return items


def tracking_started(plan):
    """Whether the units owe anything for the plan: only once it is launched (a draft, a plan waiting for approval
    or an approved one has not been sent to the units, whatever its deadlines)."""
    return plan.state not in NOT_LAUNCHED_PLAN_STATES


def _late_by(plan, row, today):
    return bool(row.pledge_late) or any(deadline < today for _what, deadline in owed(plan, row))


def is_overdue(plan, row, today):
    """The rule of an overdue unit: the plan is launched, and the unit filed its pledge late or owes something
    whose deadline has passed."""
    return tracking_started(plan) and _late_by(plan, row, today)


def overdue_on_each_deadline(plan, row):
    """Whether the unit counts as overdue the day after each deadline (registration, six months, year end): what it
    is on any later day until the next deadline, since the deadlines are ordered (plan_deadlines_ordered).

    Counted whatever the plan's state, so the summary needs no recount at the launch: its readers
    (figures.overdue_by_cluster) count no one overdue before it."""
    deadlines = (plan.registration_deadline, plan.six_month_deadline, plan.year_end_deadline)
    return [_late_by(plan, row, deadline + datetime.timedelta(days=1)) for deadline in deadlines]


def owed_items(plan, unit_row, today=None):
    """What a unit still owes for a plan, by when, and where to do it, from a tracking row (no query)."""
    today = today or timezone.localdate()
    pledge_url = reverse("campaigns:pledge_detail", args=[unit_row.pledge_id]) if unit_row.pledge_id else ""
    places = {
        PLEDGE: (_("Bản đăng ký thi đua"), pledge_url or plan.get_absolute_url()),
        SIX_MONTH: (_("Báo cáo kết quả sáu tháng"), pledge_url),
        YEAR_END: (_("Báo cáo kết quả cả năm"), pledge_url),
    }
    if unit_row.has_covenant and not unit_row.signed:
        places[COVENANT] = (
            _("Ký giao ước thi đua của cụm"),
            reverse("campaigns:covenant_detail", args=[unit_row.covenant_id]),
        )
    states = {PLEDGE: unit_row.pledge_state, SIX_MONTH: unit_row.six_month_state, YEAR_END: unit_row.year_end_state}
    started = tracking_started(plan)
    return [
        {
            "label": places[what][0],
            "deadline": deadline,
            "overdue": started and deadline < today,
            "url": places[what][1],
            # sent back by the Office: the unit has a record to fix, not one to start
            "returned": states.get(what) == ReviewState.RETURNED,
        }
        for what, deadline in owed(plan, unit_row)
    ]


def late_or_missing(plan, rows, today=None):
    """The tracking rows of overdue units (is_overdue) with what they owe past its deadline."""
    today = today or timezone.localdate()
    return [
        {
            "unit": row,
            "overdue": [item for item in owed_items(plan, row, today) if item["overdue"]],
            "late": bool(row.pledge_late),
        }
        for row in rows
        if is_overdue(plan, row, today)
    ]
