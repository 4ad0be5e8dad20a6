"""The council's secret ballot: opened by the Office, one vote per member per nominee, tallied after closing."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.numbering import issue_number
from emulation.enums import DocumentKind, NotificationKind, Role
from emulation.errors import DomainError
from emulation.models import Person
from emulation.services import log_action
from emulation.workflow import check, notify_after_commit, transition

from .. import upkeep
from ..enums import (
    BallotState,
    NomineeResult,
    ProposalState,
    VoteChoice,
)
from ..models import (
    Ballot,
    BallotItem,
    Proposal,
    Vote,
)
from ..recusal import is_recused, person_of
from ..turnout import ballot_turnout
from ._common import (
    _lock,
    council_size,
    users_with_role,
)


def number_ballot_items(ballot):
    """Number the ballot's items in the order its pages list them (by proposing unit) and store how many there are.

    open_ballot calls it, and complete_bulk_load for a ballot written in bulk (its item_count still NULL).
    """
    ids = list(
        BallotItem.objects.filter(ballot=ballot)
        .order_by("nominee__proposal__unit__path", "pk")
        .values_list("pk", flat=True)
    )
    numbered = [BallotItem(pk=pk, position=index) for index, pk in enumerate(ids, 1)]
    BallotItem.objects.bulk_update(numbered, ["position"], batch_size=500)
    Ballot.objects.filter(pk=ballot.pk).update(item_count=len(ids))
    ballot.item_count = len(ids)
    return ballot


@transaction.atomic
def open_ballot(*, round, proposals, closes_at, by, name=""):
    """Put the nominees of verified proposals before the council until closes_at; members are told."""
    check(by, "awards.manage_ballot")
    proposals = list(Proposal.objects.select_for_update().filter(pk__in=[p.pk for p in proposals]).order_by("pk"))
    if not proposals:
        raise DomainError(_("Chọn ít nhất một hồ sơ đã thẩm định."))
    if closes_at <= timezone.now():
        raise DomainError(_("Thời điểm kết thúc bỏ phiếu phải ở tương lai."), field="closes_at")
    if council_size() == 0:
        raise DomainError(_("Chưa có thành viên Hội đồng Thi đua - Khen thưởng nào."))
    for proposal in proposals:
        if proposal.round_id != round.pk:
            raise DomainError(_("Hồ sơ không thuộc đợt xét này."))
    ballot = Ballot.objects.create(
        round=round,
        name=name or _("Bỏ phiếu kín – %(round)s") % {"round": round.name},
        closes_at=closes_at,
        opened_by=by,
    )
    items = []
    for proposal in proposals:
        transition(proposal, "open_ballot", by=by, fields=["updated_at"], data={"ballot": ballot.pk})
        items.extend(
            BallotItem(ballot=ballot, nominee=n) for n in proposal.nominees.filter(result=NomineeResult.PENDING)
        )
    BallotItem.objects.bulk_create(items)
    number_ballot_items(ballot)
    upkeep.proposals_changed()
    log_action(actor=by, action="award_ballot.opened", obj=ballot, data={"items": len(items)})
    notify_after_commit(
        kind=NotificationKind.BALLOT,
        recipients=users_with_role(Role.COUNCIL),
        title=_("Mời bỏ phiếu kín: %(name)s") % {"name": ballot.name},
        body=_("Hội đồng bỏ phiếu trên cổng trước thời điểm kết thúc."),
        url=ballot.get_absolute_url(),
        deadline=timezone.localtime(closes_at).date(),
    )
    return ballot


@transaction.atomic
def cast_votes(*, ballot, by, choices):
    """Record the member's votes ({item id: agree|disagree}); once per nominee, never after closing, never recused.

    The audit log gets only the number of votes cast, with no voter: the choice is stored in the Vote row alone.
    """
    check(by, "awards.vote", ballot)
    ballot = _lock(Ballot, ballot)
    if ballot.state != BallotState.OPEN or timezone.now() >= ballot.closes_at:
        raise DomainError(_("Phiên bỏ phiếu đã kết thúc, không nhận thêm phiếu."))
    items = {
        i.pk: i
        for i in ballot.items.filter(pk__in=list(choices)).select_related(
            "nominee__proposal__unit", "nominee__person__unit", "nominee__unit"
        )
    }
    person = person_of(by)
    cast = 0
    for item_id, choice in choices.items():
        item = items.get(item_id)
        if item is None or choice not in VoteChoice.values:
            raise DomainError(_("Phiếu không hợp lệ."))
        if item.nominee.result == NomineeResult.WITHDRAWN:
            continue
        if is_recused(person, item.nominee):
            raise DomainError(
                _("Bạn không tham gia biểu quyết trường hợp “%(name)s” (thuộc đơn vị của bạn).")
                % {"name": item.nominee.name}
            )
        try:
            with transaction.atomic():
                Vote.objects.create(item=item, voter=by, choice=choice)
        except IntegrityError as error:
            raise DomainError(
                _("Bạn đã bỏ phiếu cho trường hợp “%(name)s”; mỗi thành viên chỉ bỏ một phiếu.")
                % {"name": item.nominee.name}
            ) from error
        cast += 1
    if cast:
        _log_anonymous_votes(ballot, cast)
    return cast


def _log_anonymous_votes(ballot, count):
    """Record that votes were cast, without the voter or the address: who voted when, next to the totals,
    could give a lone vote away."""
    from django.contrib.contenttypes.models import ContentType

    from emulation.models import AuditEntry

    AuditEntry.objects.create(
        action="award_ballot.voted",
        content_type=ContentType.objects.get_for_model(ballot),
        object_id=str(ballot.pk),
        object_repr=str(ballot)[:255],
        data={"count": count},
    )


@transaction.atomic
def close_ballot(*, ballot, by):
    """Count the votes and compare each nominee's agree votes with the award's threshold: after the closing time,
    or before it once every eligible member has voted (awards.turnout), the ballot then ending at the tally.

    The share is over the council's total membership (absent and recused members count as not agreeing).
    Side effects: totals on the items, nominee results, the minutes' number issued, the ballot closed (logged,
    with "early" when before its time), proposal transitions, the Office notified.
    """
    from django.db.models import Count, Q

    check(by, "awards.manage_ballot", ballot)
    ballot = _lock(Ballot, ballot)
    if ballot.state != BallotState.OPEN:
        raise DomainError(_("Phiên bỏ phiếu đã được kiểm phiếu."))
    # Before its closing time a ballot is tallied only once no eligible member has a vote left to cast: the
    # ballot is then over in fact, and waiting for the clock changes nothing. The ballot row is locked, so no vote
    # can arrive between this count and the tally (cast_votes locks it too).
    planned_close = ballot.closes_at
    early = timezone.now() < planned_close
    if early and not ballot_turnout(ballot).complete:
        raise DomainError(
            _(
                "Chưa đến thời điểm kết thúc bỏ phiếu và còn thành viên Hội đồng chưa bỏ phiếu; chỉ kiểm phiếu sớm "
                "khi mọi thành viên được biểu quyết đã bỏ phiếu."
            )
        )
    total = council_size()
    members = users_with_role(Role.COUNCIL)
    people = {p.user_id: p for p in Person.objects.filter(user__in=members).select_related("unit")}
    items = list(
        ballot.items.select_related(
            "nominee__award", "nominee__proposal__unit", "nominee__person__unit", "nominee__unit"
        ).annotate(
            agree=Count("votes", filter=Q(votes__choice=VoteChoice.AGREE)),
            disagree=Count("votes", filter=Q(votes__choice=VoteChoice.DISAGREE)),
        )
    )
    passed_by_proposal = {}
    for item in items:
        nominee = item.nominee
        item.agree_count, item.disagree_count = item.agree, item.disagree
        item.recused_count = sum(1 for m in members if is_recused(people.get(m.pk), nominee))
        withdrawn = nominee.result == NomineeResult.WITHDRAWN
        item.passed = (not withdrawn) and nominee.award.passes(item.agree, total)
        if not withdrawn:
            nominee.result = NomineeResult.PASSED if item.passed else NomineeResult.NOT_PASSED
            nominee.save(update_fields=["result"])
            passed_by_proposal.setdefault(nominee.proposal, False)
            passed_by_proposal[nominee.proposal] |= item.passed
    BallotItem.objects.bulk_update(items, ["agree_count", "disagree_count", "recused_count", "passed"])
    tallied_at = timezone.now()
    minutes_number, _period = issue_number(kind=DocumentKind.MINUTES, date=timezone.localtime(tallied_at).date())
    changes = {"total_members": total, "tallied_at": tallied_at, "tallied_by": by, "minutes_number": minutes_number}
    data = {"total_members": total}
    if early:
        # The ballot ended when it was tallied: the minutes say so; the planned end stays in the log.
        changes["closes_at"] = tallied_at
        data |= {"early": True, "planned_closes_at": planned_close.isoformat()}
    transition(ballot, "close", by=by, changes=changes, fields=list(changes), data=data)
    for proposal, any_passed in passed_by_proposal.items():
        proposal = _lock(Proposal, proposal)
        if proposal.state == ProposalState.IN_BALLOT:
            transition(
                proposal,
                "close_ballot" if any_passed else "fail_ballot",
                by=by,
                fields=["updated_at"],
                data={"ballot": ballot.pk},
            )
    upkeep.proposals_changed()
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=users_with_role(Role.OFFICE),
        title=_("Đã kiểm phiếu: %(name)s – cần công khai danh sách") % {"name": ballot.name},
        url=ballot.get_absolute_url(),
    )
    return ballot
