"""The public notice of the passed list, its comments and objections, and their resolution."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.numbering import issue_number
from emulation.enums import DocumentKind, NotificationKind, Role
from emulation.errors import DomainError
from emulation.services import log_action
from emulation.workflow import check, notify_after_commit, transition

from .. import upkeep
from ..enums import (
    BallotState,
    NoticeState,
    ProposalState,
)
from ..models import (
    Ballot,
    NoticeFeedback,
    Proposal,
    PublicNotice,
)
from ._common import (
    _lock,
    add_working_days,
    secretaries_of,
    users_with_role,
)


@transaction.atomic
def publish_notice(*, ballot, by):
    """Publish the passed list inside the portal for the round's number of working days."""
    check(by, "awards.manage_notice")
    ballot = _lock(Ballot, ballot)
    if ballot.state != BallotState.CLOSED:
        raise DomainError(_("Chỉ công khai sau khi kiểm phiếu."))
    if PublicNotice.objects.filter(ballot=ballot).exists():
        raise DomainError(_("Danh sách của phiên này đã được công khai."))
    ids = Proposal.objects.filter(nominees__ballot_items__ballot=ballot, state=ProposalState.VOTED).values("pk")
    proposals = list(Proposal.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if not proposals:
        raise DomainError(_("Không có trường hợp nào được Hội đồng thông qua để công khai."))
    ends_on = add_working_days(timezone.localdate(), ballot.round.notice_days)
    number, _period = issue_number(kind=DocumentKind.NOTICE, date=timezone.localdate())
    notice = PublicNotice.objects.create(ballot=ballot, ends_on=ends_on, published_by=by, number=number)
    for proposal in proposals:
        transition(proposal, "publish_notice", by=by, fields=["updated_at"], data={"notice": notice.pk})
    upkeep.proposals_changed()
    log_action(actor=by, action="award_notice.published", obj=notice, data={"ends_on": ends_on.isoformat()})
    units = [p.unit for p in proposals]
    notify_after_commit(
        kind=NotificationKind.ANNOUNCEMENT,
        recipients=secretaries_of(units) + users_with_role(Role.COUNCIL),
        title=_("Công khai danh sách đề nghị khen thưởng đến ngày %(d)s") % {"d": ends_on.strftime("%d/%m/%Y")},
        body=_("Mọi ý kiến góp ý, phản ánh gửi trên cổng trong thời gian công khai."),
        url=notice.get_absolute_url(),
        deadline=ends_on,
    )
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=users_with_role(Role.STANDING),
        title=_("Danh sách đề nghị khen thưởng chờ quyết định sau ngày %(d)s") % {"d": ends_on.strftime("%d/%m/%Y")},
        url=notice.get_absolute_url(),
        deadline=ends_on,
    )
    return notice


@transaction.atomic
def send_feedback(*, notice, by, kind, text, nominee=None):
    check(by, "awards.comment_notice", notice)
    notice = _lock(PublicNotice, notice)
    if notice.state != NoticeState.OPEN or timezone.localdate() > notice.ends_on:
        raise DomainError(_("Đã hết thời gian công khai, không nhận thêm ý kiến."))
    if not text.strip():
        raise DomainError(_("Nhập nội dung ý kiến."), field="text")
    if nominee is not None and not nominee.ballot_items.filter(ballot=notice.ballot_id, passed=True).exists():
        raise DomainError(_("Trường hợp này không có trong danh sách công khai."), field="nominee")
    feedback = NoticeFeedback.objects.create(notice=notice, nominee=nominee, kind=kind, text=text.strip(), author=by)
    log_action(actor=by, action="award_notice.feedback", obj=notice, data={"feedback": feedback.pk, "kind": kind})
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=users_with_role(Role.OFFICE),
        title=_("Có ý kiến mới về danh sách công khai khen thưởng"),
        body=text[:500],
        url=notice.get_absolute_url(),
        deadline=notice.ends_on,
    )
    return feedback


@transaction.atomic
def resolve_feedback(*, feedback, by, resolution):
    check(by, "awards.manage_notice")
    feedback = _lock(NoticeFeedback, feedback)
    if feedback.resolved_at:
        raise DomainError(_("Ý kiến này đã được xử lý."))
    if not resolution.strip():
        raise DomainError(_("Ghi rõ kết quả xử lý."), field="resolution")
    feedback.resolution = resolution.strip()
    feedback.resolved_by = by
    feedback.resolved_at = timezone.now()
    feedback.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    log_action(
        actor=by,
        action="award_notice.resolved",
        obj=feedback.notice,
        comment=resolution,
        data={"feedback": feedback.pk},
    )
    notify_after_commit(
        kind=NotificationKind.REVIEW,
        recipients=[feedback.author],
        title=_("Ý kiến của bạn về danh sách khen thưởng đã được xử lý"),
        body=resolution,
        url=feedback.notice.get_absolute_url(),
    )
    return feedback
