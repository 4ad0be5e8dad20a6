"""Lists and pages of terms, plans, pledges, results, covenants, exemplars and initiatives, scoped to the user."""

import hashlib
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from emulation.enums import UnitLevel
from emulation.models import Person, Unit
from emulation.rules import reads_every_unit, secretary_units

from .. import scoring
from ..enums import ExemplarState, InitiativeState, PlanState, ReviewState
from ..models import (
    Covenant,
    CovenantSignature,
    Evidence,
    Exemplar,
    IndividualRegistration,
    Initiative,
    Pledge,
    PledgeTarget,
    ResultReport,
    Term,
    YearPlan,
)
from ..rules import can_read_campaigns
from .caching import TRACKING_TTL, OrderedIds, tracking_version

# The units that pledge, sign covenants and report: grassroots committees and cells, not sub-cells.
MEMBER_LEVELS = [UnitLevel.GRASSROOTS_COMMITTEE, UnitLevel.GRASSROOTS_CELL]


def _own_units(user, field="unit"):
    """The condition "belongs to one of the user's secretary units or below"."""
    condition = Q(pk__in=[])
    for unit in secretary_units(user):
        condition |= Q(**{f"{field}__path__startswith": unit.path})
    return condition


def _scoped(queryset, user, field="unit"):
    if reads_every_unit(user):
        return queryset
    if not secretary_units(user):
        return queryset.none()
    return queryset.filter(_own_units(user, field))


def _filings_scoped(queryset, user):
    """Pledges or result reports the user reads (campaigns.view_unit_record): the own units' in any state, the
    others' once sent; a draft is the unit's working copy."""
    if not reads_every_unit(user):
        return _scoped(queryset, user)
    return queryset.filter(~Q(state=ReviewState.DRAFT) | _own_units(user))


def term_list():
    return Term.objects.annotate(
        movement_count=Count("movements", distinct=True), plan_count=Count("plans", distinct=True)
    ).order_by("-start_year", "pk")


def plan_list(user):
    plans = YearPlan.objects.select_related("term").annotate(
        phase_count=Count("phases", distinct=True), criterion_count=Count("criteria", distinct=True)
    )
    if not user.has_perm("campaigns.view_drafts"):
        plans = plans.filter(state__in=[PlanState.LAUNCHED, PlanState.CLOSED])
    return plans.order_by("-year") if can_read_campaigns(user) else plans.none()


def all_plans():
    """Every plan, newest first (the list filters' choices), cached under the tracking version (plans change it)."""
    key = f"campaigns:plans:{tracking_version()}"
    plans = cache.get(key)
    if plans is None:
        plans = list(YearPlan.objects.order_by("-year"))
        cache.set(key, plans, TRACKING_TTL)
    return plans


def plan_detail(plan):
    return {
        "phases": list(plan.phases.all()),
        "criteria": list(plan.criteria.select_related("movement")),
        "movements": list(plan.movements.all()),
    }


def _count_of(model, field):
    """How many rows of ``model`` point at the outer row: a correlated subquery, evaluated for the page's rows only
    (a joined COUNT(DISTINCT) would group the whole table before the page is cut)."""
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


# The columns the Office's lists show (the year is the row's own plan_year): fewer joined columns to plan and fetch.
LIST_ROW_FIELDS = ("state", "is_late", "submitted_at", "plan_year", "unit__name", "unit__cluster__name")
PLEDGE_ROW_FIELDS = (*LIST_ROW_FIELDS, "revision", "aimed_title")
RESULT_ROW_FIELDS = (*LIST_ROW_FIELDS, "period", "self_score", "score", "completion")


def _year_of(plan):
    """The plan's year (a plan, or a scalar subquery for a plan id): filtering on it too, the list-order index reads
    one plan's range instead of walking past the later plans' rows. A literal year also lets the planner estimate
    the plan's rows (a subquery made it expect a few hundred, and sort 44,000 instead of reading the index)."""
    if isinstance(plan, YearPlan):
        return plan.year
    return Subquery(YearPlan.objects.filter(pk=plan).values("year")[:1])


def pledge_list(user, *, plan=None, state="", search=""):
    pledges = _filings_scoped(Pledge.objects.select_related("unit__cluster").only(*PLEDGE_ROW_FIELDS), user).annotate(
        target_count=_count_of(PledgeTarget, "pledge"), registration_count=_count_of(IndividualRegistration, "pledge")
    )
    if plan:
        pledges = pledges.filter(plan=plan, plan_year=_year_of(plan))
    if state:
        pledges = pledges.filter(state=state)
    else:
        pledges = pledges.exclude(state=ReviewState.SUPERSEDED)
    if search:
        pledges = pledges.filter(unit__name__icontains=search)
    # The row's own copies of plan year and unit path (ListedByPlanAndUnit): a page is read from an index.
    return pledges.order_by("-plan_year", "unit_path", "-revision")


def pledge_detail(pledge, user):
    """What the pledge's page shows; its other revisions and its result reports only as far as ``user`` reads them
    (a draft revision or a draft report is the unit's alone)."""
    targets = {t.criterion_id: t for t in pledge.targets.all()}
    criteria = list(pledge.plan.criteria.select_related("movement"))
    return {
        "targets": targets,
        "criteria": criteria,
        "target_rows": [(c, targets.get(c.pk)) for c in criteria],
        "registrations": pledge.registrations.select_related("person__unit").only(
            "title", "note", "pledge_id", "person__full_name", "person__unit__name"
        ),
        "movements": list(pledge.movements.all()),
        "revisions": [
            revision
            for revision in Pledge.objects.filter(plan=pledge.plan_id, unit=pledge.unit_id)
            .exclude(pk=pledge.pk)
            .select_related("unit")
            .order_by("-revision")
            if user.has_perm("campaigns.view_unit_record", revision)
        ],
        "results": [
            report
            for report in ResultReport.objects.filter(pledge=pledge).select_related("unit").order_by("period")
            if user.has_perm("campaigns.view_unit_record", report)
        ],
    }


def result_list(user, *, plan=None, period="", state=""):
    reports = _filings_scoped(
        ResultReport.objects.select_related("unit__cluster").only(*RESULT_ROW_FIELDS), user
    ).annotate(evidence_count=_count_of(Evidence, "report"))
    if plan:
        reports = reports.filter(plan=plan, plan_year=_year_of(plan))
    if period:
        reports = reports.filter(period=period)
    if state:
        reports = reports.filter(state=state)
    return reports.order_by("-plan_year", "period", "unit_path")


def result_detail(report):
    """The report's rows per criterion with the weighting that makes its total (campaigns/scoring.py).

    Each row: criterion, pledged target, value (achieved, self-score, recognized score, adjustment reason) and the
    weighted contribution of the recognized score out of ``scale`` (100), with ``share`` what a full score there would
    add; ``total`` is what the contributions add up to. Criteria the unit did not pledge count for nothing.
    """
    targets = {t.criterion_id: t for t in PledgeTarget.objects.filter(pledge=report.pledge_id)}
    values = {v.criterion_id: v for v in report.values.all()}
    criteria = list(report.plan.criteria.select_related("movement"))
    pledged = [c for c in criteria if c.pk in targets]
    scored = [(c, values[c.pk].score if c.pk in values else None) for c in pledged]
    # Each row's share of the total as the total is counted, so the column adds up to the figure the ranking reads.
    earned = dict(zip(pledged, scoring.contributions(scored), strict=True))
    shares = dict(zip(pledged, scoring.shares(pledged), strict=True))
    rows = []
    for c in criteria:
        value = values.get(c.pk)
        if value is not None:
            value.criterion = c  # already read: the adjustment form names each value by its criterion
        counted = c.pk in targets
        scored_here = counted and value is not None and value.score is not None
        rows.append(
            {
                "criterion": c,
                "target": targets.get(c.pk),
                "value": value,
                "counted": counted,
                "contribution": earned[c] if scored_here else None,
                "share": shares[c] if counted else None,
            }
        )
    contributions = [row["contribution"] for row in rows if row["contribution"] is not None]
    return {
        "rows": rows,
        "scale": scoring.SCALE,
        "total": sum(contributions, Decimal(0)) if contributions else None,
        "adjustable_values": [row["value"] for row in rows if row["counted"] and row["value"] is not None],
        "evidence": list(report.evidence.select_related("uploaded_by")),
    }


COVENANT_ROW_FIELDS = ("title", "state", "lead_unit_id", "plan__year", "cluster__name")


def covenant_list(user, *, plan=None):
    members = (
        Unit.objects.filter(cluster=OuterRef("cluster"), is_active=True, level__in=MEMBER_LEVELS)
        .order_by()
        .values("cluster")
    )
    # The lead unit is fetched for the page's rows only: joined, it was looked up for every covenant before the sort.
    covenants = (
        Covenant.objects.select_related("plan", "cluster")
        .only(*COVENANT_ROW_FIELDS)
        .prefetch_related(Prefetch("lead_unit", queryset=Unit.objects.only("name")))
        .annotate(
            signature_count=_count_of(CovenantSignature, "covenant"),
            member_count=Coalesce(Subquery(members.annotate(n=Count("pk")).values("n")[:1]), 0),
        )
    )
    if not reads_every_unit(user):
        clusters = {u.cluster_id for u in secretary_units(user) if u.cluster_id}
        covenants = covenants.filter(cluster_id__in=clusters)
    if plan:
        covenants = covenants.filter(plan=plan)
    return covenants.order_by("-plan__year", "cluster__name")


def covenant_page_rows(user, *, plan=None, lead_units=True):
    """covenant_list() as pages slice it: 2,500 covenants at national scale, sorted once per change (OrderedIds);
    ``lead_units=False`` for a page that does not show them."""
    scope = "all" if reads_every_unit(user) else sorted({u.cluster_id for u in secretary_units(user) if u.cluster_id})
    if not scope:  # a user of no cluster
        return []
    covenants = covenant_list(user, plan=plan)
    if not lead_units:
        covenants = covenants.prefetch_related(None)
    return OrderedIds(covenants, key=f"covenants|{getattr(plan, 'pk', plan)}|{scope}")


def covenants_shown(user, plan, limit):
    """The first ``limit`` covenants of a plan in the list order, with their counts, and how many there are; cached
    under the tracking version, which every covenant, signature, plan, unit or cluster change replaces."""
    scope = "all" if reads_every_unit(user) else sorted({u.cluster_id for u in secretary_units(user) if u.cluster_id})
    key = (
        "campaigns:plan-covenants:"
        + hashlib.sha1(f"{tracking_version()}|{plan.pk}|{scope}|{limit}".encode(), usedforsecurity=False).hexdigest()
    )
    shown = cache.get(key)
    if shown is None:
        rows = covenant_page_rows(user, plan=plan, lead_units=False)
        shown = (rows[:limit], len(rows))
        cache.set(key, shown, TRACKING_TTL)
    return shown


def covenant_members_key(covenant):
    """A cache key for a covenant's member table: it changes with any signature, unit or cluster (see caching)."""
    return f"{tracking_version()}|{covenant.pk}|{get_language()}"


def covenant_members(covenant):
    signed = CovenantSignature.objects.filter(covenant=covenant, unit=OuterRef("pk"))
    return (
        Unit.objects.filter(cluster=covenant.cluster_id, is_active=True, level__in=MEMBER_LEVELS)
        .only("name")
        .annotate(
            signed_at=Subquery(signed.values("signed_at")[:1]),
            signer=Subquery(signed.values("signed_by__username")[:1]),
        )
        .order_by("name")
    )


def exemplar_list(user, *, state="", kind=""):
    exemplars = _scoped(
        Exemplar.objects.select_related("unit", "person").only(
            "title", "kind", "state", "created_at", "unit__name", "person__full_name"
        ),
        user,
    )
    if state:
        exemplars = exemplars.filter(state=state)
    if kind:
        exemplars = exemplars.filter(kind=kind)
    return exemplars.order_by("-created_at", "-pk")


def public_exemplars(*, kind=""):
    exemplars = (
        Exemplar.objects.filter(state=ExemplarState.PUBLISHED)
        .select_related("unit", "person")
        .only("title", "kind", "summary", "published_at", "unit__name", "person__full_name")
    )
    if kind:
        exemplars = exemplars.filter(kind=kind)
    return exemplars.order_by("-published_at", "-pk")


def initiative_list(user, *, state="", level=None):
    authors = Prefetch("authors", queryset=Person.objects.only("full_name").order_by("full_name"))
    initiatives = _scoped(
        Initiative.objects.select_related("unit")
        .only("title", "state", "recognition_level", "recognized_on", "created_at", "unit__name")
        .prefetch_related(authors),
        user,
    )
    if state:
        initiatives = initiatives.filter(state=state)
    if level:
        initiatives = initiatives.filter(recognition_level=level)
    return initiatives.order_by("-created_at", "-pk")


def recognized_initiatives(*, person=None, unit=None, min_level=None, since=None, until=None):
    """Recognized initiatives of a person or unit, for the award eligibility checks."""
    initiatives = Initiative.objects.filter(state=InitiativeState.RECOGNIZED)
    if person is not None:
        initiatives = initiatives.filter(authors=person)
    if unit is not None:
        initiatives = initiatives.filter(unit=unit)
    if min_level is not None:
        initiatives = initiatives.filter(recognition_level__gte=min_level)
    if since is not None:
        initiatives = initiatives.filter(recognized_on__gte=since)
    if until is not None:
        initiatives = initiatives.filter(recognized_on__lte=until)
    return initiatives.order_by("-recognized_on")
