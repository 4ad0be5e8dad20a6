"""Reads the awards pages need, scoped to what the user may see, each in a bounded number of queries."""

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from emulation.caching import TTL
from emulation.models import Person, Unit
from emulation.rules import (
    is_council_member,
    is_observer,
    is_office,
    is_standing_member,
    reads_every_unit,
    secretary_units,
)

from .counts import awards_by_pk, proposal_count_key
from .enums import COUNCIL_VISIBLE_STATES, FILED_STATES, BallotState, NomineeResult, NoticeState, RoundState
from .models import (
    Attachment,
    Award,
    AwardRecord,
    Ballot,
    BallotItem,
    ConditionSet,
    Decision,
    Nominee,
    NomineeComment,
    NoticeFeedback,
    Proposal,
    PublicNotice,
    QuotaRule,
    Round,
    Vote,
)
from .recusal import person_of, recused_nominees


def catalog():
    """The catalog as its list shows it: each award with its quota rules."""
    return Award.objects.prefetch_related(
        Prefetch("quota_rules", queryset=QuotaRule.objects.select_related("base_award"))
    ).order_by("order", "name")


def award_with_conditions(pk):
    return Award.objects.prefetch_related(
        Prefetch("condition_sets", queryset=ConditionSet.objects.prefetch_related("conditions__title")),
        "required_documents",
        "quota_rules__base_award",
    ).get(pk=pk)


def rounds(*, state=None):
    """Rounds newest first; each row carries its proposal_count column (kept by Proposal.save)."""
    queryset = Round.objects.select_related("phase", "movement")
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-year", "-submission_deadline", "-pk")


def open_rounds():
    return Round.objects.filter(state=RoundState.OPEN).order_by("submission_deadline")


def _proposal_scope(user):
    """Which proposals the user reads: own units' (any state) and, by role, the filed ones of every unit."""
    condition = Q(pk__in=[])
    if is_office(user) or is_standing_member(user) or is_observer(user):
        condition |= Q(state__in=FILED_STATES)
    elif is_council_member(user):
        condition |= Q(state__in=COUNCIL_VISIBLE_STATES)
    own = secretary_units(user)
    if own:
        condition |= Q(unit__in=Unit.objects.subtree_of(own))
    return condition


def proposals_for(user, *, round=None, state="", unit=None, search=""):
    queryset = (
        Proposal.objects.filter(_proposal_scope(user))
        .select_related("round", "unit")
        # the lists show neither the dossier's report nor the round's guidance: not read for every row
        .defer("achievement_report", "review_comment", "round__description")
        .annotate(nominee_count=_count_of(Nominee, "proposal"))
    )
    if round:
        queryset = queryset.filter(round=round)
    if state:
        queryset = queryset.filter(state=state)
    if unit:
        queryset = queryset.filter(unit=unit)
    if search:
        queryset = queryset.filter(Q(unit__name__icontains=search) | Q(round__name__icontains=search))
    return queryset.order_by("-created_at", "-pk")


def proposal_for_page(pk):
    return Proposal.objects.select_related("round", "unit").get(pk=pk)


def nominees_of(proposal):
    """The dossier's nominees as a list, with what its page shows of each (units attached by with_units)."""
    nominees = (
        proposal.nominees.select_related("person", "award", "override_by", "record")
        .prefetch_related(Prefetch("comments", queryset=NomineeComment.objects.select_related("author")))
        .order_by("pk")
    )
    return with_units(list(nominees))


def attachments_of(proposal, nominees):
    """The dossier's files as a list, each with its type and, from ``nominees`` (the dossier's, already read), the
    nominee it belongs to."""
    by_pk = {nominee.pk: nominee for nominee in nominees}
    attachments = list(Attachment.objects.filter(proposal=proposal).select_related("document_type"))
    for attachment in attachments:
        if attachment.nominee_id in by_pk:
            attachment.nominee = by_pk[attachment.nominee_id]
    return attachments


def _count_of(model, field, **conditions):
    """How many rows of ``model`` point at the outer row: a correlated subquery evaluated for the page's rows only
    (a joined COUNT(DISTINCT) groups the whole table before the page is cut)."""
    rows = model.objects.filter(**{field: OuterRef("pk")}, **conditions).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def ballots_for(user, *, state=""):
    queryset = Ballot.objects.select_related("round")
    if is_council_member(user):
        queryset = queryset.annotate(my_vote_count=_count_of(Vote, "ballot", voter=user))
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-opens_at", "-pk")


def ballot_items(ballot):
    return ballot.items.select_related(
        "nominee__person__unit", "nominee__unit", "nominee__award", "nominee__proposal__unit", "nominee__override_by"
    ).order_by("nominee__proposal__unit__path", "pk")


# What the ballot and notice pages show of an item, its nominee, the person and the proposing unit: the rest (the
# dossier's achievement report...) is never shown there, and reading it for every row costs the transfer and the
# model fields.
ITEM_ROW_FIELDS = (
    "ballot",
    "nominee",
    "agree_count",
    "passed",
    "position",
    "nominee__proposal",
    "nominee__person",
    "nominee__unit",
    "nominee__award",
    "nominee__result",
    "nominee__eligibility",
    "nominee__override_justification",
    "nominee__person__full_name",
    "nominee__person__unit",
    "nominee__proposal__unit__name",
    "nominee__proposal__unit__path",
)


# The ballot's page shows besides: the tally's three figures, and for the council the nominee's summary and whether
# its dossier may be opened (its state).
BALLOT_ROW_FIELDS = (
    *ITEM_ROW_FIELDS,
    "disagree_count",
    "recused_count",
    "nominee__summary",
    "nominee__proposal__state",
)


def ballot_item_rows(ballot):
    """The ballot's items in the order its page lists them (by proposing unit, numbered when it opened), with what
    the page shows of each; the ballot itself is known (no query per row) and the nominees' units and awards come
    from with_holders()."""
    return (
        ballot.items.select_related("nominee__person", "nominee__proposal__unit")
        .only(*BALLOT_ROW_FIELDS)
        .order_by("position", "pk")
    )


def with_units(nominees):
    """Attach the collective's unit and the person's unit to each nominee, read in one query.

    Joining those two units into the page's query as well makes PostgreSQL plan a join of eight or nine tables,
    which costs more to plan than this second query costs on the page's few rows.
    """
    wanted = {n.unit_id for n in nominees if n.unit_id} | {n.person.unit_id for n in nominees if n.person_id}
    units = Unit.objects.in_bulk(wanted) if wanted else {}
    for nominee in nominees:
        if nominee.unit_id:
            nominee.unit = units[nominee.unit_id]
        if nominee.person_id:
            nominee.person.unit = units[nominee.person.unit_id]
    return nominees


def with_holders(nominees):
    """with_units(), and each nominee's award from the cached catalog."""
    awards = awards_by_pk()
    for nominee in nominees:
        nominee.award = awards[nominee.award_id]
    return with_units(nominees)


def own_votes(user, ballot, items=None):
    """The user's own votes on a ballot (on some of its items): the only individual votes any page ever reads."""
    votes = Vote.objects.filter(ballot=ballot, voter=user)
    if items is not None:
        votes = Vote.objects.filter(voter=user, item__in=[item.pk for item in items])
    return dict(votes.values_list("item_id", "choice"))


def ballots_awaiting_vote(user, limit=20):
    """Open ballots, soonest closing first, in which the member still has a nominee to vote on, in 2 queries.

    The member's recusals (awards/recusal.py) are a filter, so the whole test is one EXISTS per ballot instead of
    reading every item of every open ballot.
    """
    from django.utils import timezone

    waiting = (
        BallotItem.objects.filter(ballot=OuterRef("pk"))
        .exclude(nominee__result=NomineeResult.WITHDRAWN)
        .exclude(votes__voter=user)
        .exclude(recused_nominees(person_of(user)))
    )
    return list(
        Ballot.objects.filter(state=BallotState.OPEN, closes_at__gt=timezone.now())
        .filter(Exists(waiting))
        .order_by("closes_at")[:limit]
    )


def notices(*, state=""):
    queryset = PublicNotice.objects.select_related("ballot__round").annotate(
        feedback_count=_count_of(NoticeFeedback, "notice"),
        open_feedback=_count_of(NoticeFeedback, "notice", resolved_at__isnull=True),
    )
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-published_at", "-pk")


def notice_items(notice):
    return (
        notice.ballot.items.filter(passed=True)
        .select_related("nominee__person__unit", "nominee__unit", "nominee__award", "nominee__proposal__unit")
        .order_by("nominee__proposal__unit__path", "pk")
    )


def notice_item_rows(notice):
    """The notice's passed items in the order its page lists them, with what the page shows of each; the
    nominees' units come from with_units()."""
    return (
        BallotItem.objects.filter(ballot=notice.ballot_id, passed=True)
        .select_related("nominee__person", "nominee__proposal__unit")
        .only(*ITEM_ROW_FIELDS)
        .order_by("position", "pk")
    )


def notice_nominees(notice):
    """The nominees the notice lists, for choosing one in a comment."""
    return (
        Nominee.objects.filter(ballot_items__ballot=notice.ballot_id, ballot_items__passed=True)
        .select_related("person", "unit", "award")
        .order_by("proposal__unit__path", "pk")
    )


def notice_feedback(notice):
    """The notice's comments; the nominees they name are read only when there are some (most notices have none,
    and a six-table join costs its planning even on an empty table)."""
    return (
        NoticeFeedback.objects.filter(notice=notice)
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("nominee", queryset=Nominee.objects.select_related("person", "unit")))
    )


def notices_awaiting_decision():
    return notices(state=NoticeState.OPEN)


def decisions():
    return Decision.objects.select_related("notice__ballot__round").order_by("-date", "-pk")


def decision_nominees(decision):
    return decision.nominees.select_related("person__unit", "unit", "award", "proposal__unit", "record").order_by(
        "award__order", "proposal__unit__path", "pk"
    )


def decision_nominee_rows(decision):
    """The decision's nominees in the order of the decision (numbered when it was recorded), with what its page
    shows of each; their units and awards come from with_holders()."""
    return decision.nominees.select_related("person", "proposal__unit").order_by("decision_position", "pk")


def decision_nominees_for(user, decision):
    """The nominees ``user`` sees of ``decision``, in the decision's order: the one answer the page and the PDF share.

    An issued decision is public to the Bloc (awards.view_decision): whoever may read it reads all of its rows;
    anyone else reads none. The page adds the holders' units with with_holders(), the PDF reads them joined.
    """
    if not user.has_perm("awards.view_decision", decision):
        return Nominee.objects.none()
    return decision_nominee_rows(decision)


def mark_row_access(user, nominees):
    """Set on each row what ``user`` may open behind it: the dossier's later outcome (``dossier_readable``) and
    the certificate (``certificate_readable``); decided from the rules on the joined proposal unit, no query."""
    for nominee in nominees:
        nominee.dossier_readable = user.has_perm("awards.view_proposal", nominee.proposal)
        nominee.certificate_readable = user.has_perm("awards.view_certificate", nominee)
    return nominees


def award_history_rows():
    """The award records with what a history table shows of each."""
    return AwardRecord.objects.select_related("person__unit", "unit", "award")


def history_page(page):
    """The page's records read by their ids with their people; their awards from the cached catalog and their units
    in one more query (a five-table join costs more to plan than these two short reads)."""
    ids = list(page.object_list.values_list("pk", flat=True))
    found = {record.pk: record for record in AwardRecord.objects.filter(pk__in=ids).select_related("person")}
    records = [found[pk] for pk in ids if pk in found]
    awards = awards_by_pk()
    wanted = {r.unit_id for r in records if r.unit_id} | {r.person.unit_id for r in records if r.person_id}
    units = Unit.objects.in_bulk(wanted) if wanted else {}
    for record in records:
        record.award = awards[record.award_id]
        if record.unit_id:
            record.unit = units[record.unit_id]
        if record.person_id:
            record.person.unit = units[record.person.unit_id]
    page.object_list = records
    return page


def award_history(user, *, person=None, unit=None, award=None, year=None, search=""):
    queryset = award_history_rows()
    scoped = False
    if not reads_every_unit(user):
        own = secretary_units(user)
        if not own:
            return queryset.none()
        # The subtree's units and people as lists, for the same reason as the unit filter below: an OR across the
        # person join makes the database scan every record of the history.
        units = list(Unit.objects.subtree_of(own).values_list("pk", flat=True))
        people = list(Person.objects.filter(unit_id__in=units).values_list("pk", flat=True))
        queryset = queryset.filter(Q(unit_id__in=units) | Q(person_id__in=people))
        scoped = True
    if person is not None:
        queryset = queryset.filter(person=person)
    if unit is not None:
        # The unit's people as a list: "unit = X OR person.unit = X" across a join scans every record, while
        # "unit_id = X OR person_id IN (...)" reads two indexes.
        people = list(Person.objects.filter(unit=unit).values_list("pk", flat=True))
        queryset = queryset.filter(Q(unit=unit) | Q(person_id__in=people))
    if award is not None:
        queryset = queryset.filter(award=award)
    if year:
        queryset = queryset.filter(year=year)
    if search:
        queryset = queryset.filter(
            Q(person__full_name__icontains=search)
            | Q(unit__name__icontains=search)
            | Q(decision_number__icontains=search)
        )
    if scoped:
        # A subtree's records are few and found through two indexes; ordered by the lookup's index, PostgreSQL
        # would walk the whole history in order to find a page of them. "+ 0" keeps it off that index.
        return queryset.order_by((F("year") + 0).desc(), F("award_order") + 0, "pk")
    return queryset.order_by("-year", "award_order", "pk")


def proposals_to_verify():
    from .enums import ProposalState

    return (
        Proposal.objects.filter(state__in=[ProposalState.SUBMITTED, ProposalState.VERIFYING])
        .select_related("round", "unit")
        .order_by("submitted_at", "pk")
    )


def proposals_to_verify_count(user):
    """How many dossiers wait for the Office, cached like the proposal lists' counts (until a proposal changes)."""
    key = proposal_count_key(user, panel="to-verify")
    total = cache.get(key)
    if total is None:
        total = proposals_to_verify().count()
        cache.set(key, total, TTL)
    return total
