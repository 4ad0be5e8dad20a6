"""The Standing Committee's decision, forwarding to a higher level and its answer, certificates."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.numbering import issue_number, reserve_number
from emulation.enums import DocumentKind, NotificationKind, Role
from emulation.errors import DomainError
from emulation.models import OrganizationProfile, Unit
from emulation.services import log_action
from emulation.workflow import check, notify_after_commit, transition

from .. import upkeep
from ..enums import (
    NomineeResult,
    NoticeState,
    ProposalState,
    RecordSource,
)
from ..models import (
    AwardRecord,
    Decision,
    Nominee,
    Proposal,
    PublicNotice,
)
from ..wording import decision_subject
from ._common import (
    _lock,
    secretaries_of,
    users_with_role,
)


def number_decision_nominees(decision):
    """Number the decision's nominees in the order its page and PDF list them (by award, then proposing unit) and
    store how many there are. record_decision calls it, and complete_bulk_load for a decision written in bulk."""
    ids = list(
        Nominee.objects.filter(decision=decision)
        .order_by("award__order", "proposal__unit__path", "pk")
        .values_list("pk", flat=True)
    )
    numbered = [Nominee(pk=pk, decision_position=index) for index, pk in enumerate(ids, 1)]
    Nominee.objects.bulk_update(numbered, ["decision_position"], batch_size=500)
    Decision.objects.filter(pk=decision.pk).update(nominee_count=len(ids))
    decision.nominee_count = len(ids)
    return decision


@transaction.atomic
def record_decision(*, notice, by, date, signer_name, signer_position, number=None, subject=""):
    """The Standing Committee decides the passed nominees; awards beyond the Bloc are forwarded by the decision.

    The number is the register's next QĐ number of the date's term, or the number the Office gives (refused if
    the register already issued it).
    Side effects: a number issued in the register, AwardRecord per awarded nominee, nominee results, proposal
    transitions (decide / forward), audit entries, notifications to the Office (certificates) and the units.
    """
    check(by, "awards.record_decision", notice)
    notice = _lock(PublicNotice, notice)
    if notice.state != NoticeState.OPEN or hasattr(notice, "decision"):
        raise DomainError(_("Danh sách này đã có quyết định."))
    if not notice.decision_is_due:
        raise DomainError(
            _("Chưa hết thời gian công khai: ghi nhận quyết định mở sau ngày %(d)s.")
            % {"d": notice.decision_opens_after.strftime("%d/%m/%Y")}
        )
    if notice.feedback.filter(resolved_at__isnull=True).exists():
        raise DomainError(_("Còn ý kiến trong thời gian công khai chưa được Văn phòng xử lý."))
    profile = OrganizationProfile.current()
    number = _decision_number(number, date)
    decision = Decision.objects.create(
        notice=notice,
        number=number,
        date=date,
        signer_name=signer_name,
        signer_position=signer_position,
        subject=subject,
        recorded_by=by,
    )
    full_number = profile.document_number(number, "QĐ")
    nominees = list(
        Nominee.objects.select_for_update()
        .filter(
            ballot_items__ballot=notice.ballot_id,
            result=NomineeResult.PASSED,
            proposal__state=ProposalState.PUBLIC_NOTICE,
        )
        .select_related("award", "proposal")
    )
    if not subject:
        decision.subject = decision_subject(nominees, notice.ballot.round)[:300]
        decision.save(update_fields=["subject"])
    forwarded = set()
    for nominee in nominees:
        nominee.decision = decision
        if nominee.award.is_decided_by_bloc:
            nominee.record = _award_record(
                nominee, number=full_number, date=date, issuer=profile.issuing_body, decision=decision
            )
            nominee.result = NomineeResult.AWARDED
        else:
            nominee.result = NomineeResult.FORWARDED
            forwarded.add(nominee.proposal_id)
        nominee.save(update_fields=["decision", "record", "result"])
    number_decision_nominees(decision)
    for proposal in {n.proposal_id: n.proposal for n in nominees}.values():
        proposal = _lock(Proposal, proposal)
        action = "forward" if proposal.pk in forwarded else "decide"
        transition(proposal, action, by=by, fields=["updated_at"], comment=full_number, data={"decision": decision.pk})
    transition(notice, "decide", by=by, fields=[], data={"decision": decision.pk})
    upkeep.proposals_changed()
    upkeep.records_changed()
    log_action(actor=by, action="award_decision.recorded", obj=decision, comment=full_number)
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=users_with_role(Role.OFFICE),
        title=_("Đã có quyết định khen thưởng %(n)s – cần cấp giấy khen, giấy chứng nhận") % {"n": full_number},
        url=decision.get_absolute_url(),
    )
    notify_after_commit(
        kind=NotificationKind.DECISION,
        recipients=secretaries_of([n.proposal.unit for n in nominees]),
        title=_("Quyết định khen thưởng %(n)s") % {"n": full_number},
        url=decision.get_absolute_url(),
    )
    return decision


def _decision_number(given, date):
    if given in (None, ""):
        return str(issue_number(kind=DocumentKind.DECISION, date=date)[0])
    given = str(given).strip()
    if not given.isdigit() or int(given) < 1:
        raise DomainError(_("Số quyết định là một số nguyên dương, ví dụ 15."), field="number")
    return str(reserve_number(kind=DocumentKind.DECISION, date=date, number=int(given))[0])


def _award_record(nominee, *, number, date, issuer, decision=None):
    """Write the award into the history (or complete the row an earlier import made for the same year)."""
    lookup = {"person": nominee.person, "award": nominee.award, "year": nominee.proposal.round.year}
    if not nominee.person_id:
        lookup = {"unit": nominee.unit, "award": nominee.award, "year": nominee.proposal.round.year}
    record, _created = AwardRecord.objects.update_or_create(
        **lookup,
        defaults={
            "decision_number": number,
            "decision_date": date,
            "issuer": issuer,
            "source": RecordSource.PORTAL,
            "decision": decision,
        },
    )
    return record


@transaction.atomic
def record_higher_answer(*, nominee, by, approved, decision_number="", decision_date=None, comment=""):
    """Record what the higher level answered for a forwarded nominee."""
    check(by, "awards.record_higher_answer", nominee)
    nominee = _lock(Nominee, nominee)
    if nominee.result != NomineeResult.FORWARDED:
        raise DomainError(_("Trường hợp này không ở trạng thái đã trình cấp trên."))
    if approved and not decision_number.strip():
        raise DomainError(_("Nhập số quyết định của cấp trên."), field="decision_number")
    nominee.higher_decision_number = decision_number.strip()
    nominee.higher_answered_at = timezone.now()
    if approved:
        nominee.record = _award_record(
            nominee, number=nominee.higher_decision_number, date=decision_date, issuer=nominee.award.decider
        )
        nominee.result = NomineeResult.AWARDED
    else:
        nominee.result = NomineeResult.REFUSED_BY_HIGHER
    nominee.save(update_fields=["higher_decision_number", "higher_answered_at", "record", "result"])
    proposal = _lock(Proposal, nominee.proposal)
    data = {"nominee": nominee.pk, "approved": bool(approved)}
    if not proposal.nominees.filter(result=NomineeResult.FORWARDED).exists():
        transition(
            proposal, "record_answer", by=by, fields=["updated_at"], comment=comment or decision_number, data=data
        )
    else:
        log_action(actor=by, action="award_proposal.record_answer", obj=proposal, comment=comment, data=data)
    upkeep.proposals_changed()
    upkeep.records_changed()
    return nominee


@transaction.atomic
def issue_certificates(*, decision, by):
    """Mark the certificates of a decision's awardees as issued; proposals whose awards are all settled move on."""
    check(by, "awards.issue_certificates", decision)
    decision = _lock(Decision, decision)
    now = timezone.now()
    awarded = Nominee.objects.filter(
        decision=decision, result=NomineeResult.AWARDED, certificate_issued_at__isnull=True
    )
    count = awarded.update(certificate_issued_at=now)
    ids = Proposal.objects.filter(nominees__decision=decision, state=ProposalState.DECIDED).values("pk")
    proposals = list(Proposal.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for proposal in proposals:
        transition(proposal, "issue_certificates", by=by, fields=["updated_at"], data={"decision": decision.pk})
    if not count and not proposals:
        raise DomainError(_("Không còn giấy khen, giấy chứng nhận nào cần cấp cho quyết định này."))
    decision.certificates_issued_at = now
    decision.save(update_fields=["certificates_issued_at"])
    upkeep.proposals_changed()
    units = Unit.objects.filter(award_proposals__nominees__decision=decision).distinct()
    notify_after_commit(
        kind=NotificationKind.DECISION,
        recipients=secretaries_of(list(units)),
        title=_("Đã cấp giấy khen, giấy chứng nhận theo %(d)s") % {"d": decision},
        url=decision.get_absolute_url(),
    )
    return count
