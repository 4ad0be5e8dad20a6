"""A unit's dossier: prepared by its secretary, sent, verified or returned by the Office, withdrawn."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.enums import NotificationKind, Role
from emulation.errors import DomainError
from emulation.services import log_action
from emulation.uploads import inspect_upload
from emulation.workflow import check, notify_after_commit, transition

from .. import eligibility, quotas, upkeep
from ..enums import (
    EDITABLE_STATES,
    NomineeResult,
    ProposalState,
    RoundState,
    Ruling,
    Subject,
)
from ..models import (
    Attachment,
    Nominee,
    NomineeComment,
    Proposal,
    ProposalVersion,
)
from ._common import (
    _lock,
    secretaries_of,
    users_with_role,
)


@transaction.atomic
def create_proposal(*, round, unit, by, achievement_report=""):
    check(by, "awards.add_proposal", unit)
    if round.state != RoundState.OPEN:
        raise DomainError(_("Đợt xét đã kết thúc, không nhận hồ sơ mới."))
    if Proposal.objects.filter(round=round, unit=unit).exclude(state=ProposalState.WITHDRAWN).exists():
        raise DomainError(_("Đơn vị đã có hồ sơ trong đợt xét này."))
    proposal = Proposal.objects.create(round=round, unit=unit, achievement_report=achievement_report, created_by=by)
    log_action(actor=by, action="award_proposal.created", obj=proposal)
    upkeep.proposal_added(proposal)
    return proposal


def _editable(proposal, by):
    check(by, "awards.edit_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    if proposal.state not in EDITABLE_STATES:
        raise DomainError(
            _("Hồ sơ đang ở trạng thái “%(state)s”, không thể chỉnh sửa.") % {"state": proposal.get_state_display()}
        )
    return proposal


@transaction.atomic
def update_proposal(*, proposal, by, achievement_report, expected_stamp=""):
    """Save the dossier's achievement report; a save from a form older than the locked row is refused."""
    proposal = _editable(proposal, by)
    if expected_stamp and proposal.updated_at.isoformat() != expected_stamp:
        raise DomainError(
            _(
                "Hồ sơ vừa được người khác cập nhật sau khi bạn mở trang này. "
                "Hãy tải lại trang để xem nội dung mới rồi sửa lại."
            )
        )
    proposal.achievement_report = achievement_report
    proposal.save(update_fields=["achievement_report", "updated_at"])
    upkeep.proposals_changed()
    return proposal


@transaction.atomic
def add_nominee(*, proposal, by, award, person=None, unit=None, summary=""):
    """Add a person or collective of the unit's subtree for an award of the round, within the unit's quota."""
    proposal = _editable(proposal, by)
    if (person is None) == (unit is None):
        raise DomainError(_("Chọn một cá nhân hoặc một tập thể."))
    if not proposal.round.awards.filter(pk=award.pk).exists() or not award.is_active:
        raise DomainError(_("Danh hiệu, hình thức này không được xét trong đợt."), field="award")
    expected = Subject.INDIVIDUAL if person is not None else Subject.COLLECTIVE
    if award.subject != expected:
        raise DomainError(
            _("“%(award)s” dành cho %(subject)s.") % {"award": award, "subject": award.get_subject_display().lower()},
            field="award",
        )
    holder_unit = person.unit if person is not None else unit
    if not holder_unit.path.startswith(proposal.unit.path):
        raise DomainError(_("Chỉ đề nghị cá nhân, tập thể thuộc đơn vị mình."))
    duplicate = Nominee.objects.filter(proposal=proposal, award=award, person=person, unit=unit)
    if duplicate.exists():
        raise DomainError(_("Trường hợp này đã có trong hồ sơ."))
    quota = quotas.quota_for(award=award, unit=proposal.unit, year=proposal.round.year, extra=1)
    if quota is not None and quota.exceeded:
        raise DomainError(
            _("Vượt giới hạn số lượng “%(award)s”: %(explanation)s; đã đề nghị %(used)s.")
            % {"award": award, "explanation": quota.explanation, "used": quota.used - 1},
            field="award",
        )
    nominee = Nominee.objects.create(proposal=proposal, award=award, person=person, unit=unit, summary=summary)
    log_action(
        actor=by, action="award_proposal.nominee_added", obj=proposal, data={"nominee": nominee.pk, "award": award.code}
    )
    return nominee


@transaction.atomic
def remove_nominee(*, nominee, by):
    """Drop a nominee from a dossier still being prepared; nothing sent is ever deleted."""
    proposal = _editable(nominee.proposal, by)
    if proposal.version > 0 or nominee.attachments.exists() or nominee.comments.exists():
        raise DomainError(_("Hồ sơ đã gửi: không bỏ được trường hợp đã gửi, hãy rút hoặc ghi chú trong báo cáo."))
    log_action(
        actor=by,
        action="award_proposal.nominee_removed",
        obj=proposal,
        comment=str(nominee),
        data={"nominee": nominee.pk},
    )
    nominee.delete()


@transaction.atomic
def add_attachment(*, proposal, by, upload, document_type, nominee=None):
    """Store an upload under a random name once the portal's upload rule (emulation.uploads) accepts it."""
    proposal = _editable(proposal, by)
    if nominee is not None and nominee.proposal_id != proposal.pk:
        raise DomainError(_("Tệp phải thuộc một trường hợp của hồ sơ này."))
    content_type, name = inspect_upload(upload)
    attachment = Attachment(
        proposal=proposal,
        nominee=nominee,
        document_type=document_type,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    log_action(
        actor=by,
        action="award_proposal.attachment_added",
        obj=proposal,
        comment=attachment.original_name,
        data={"attachment": attachment.pk},
    )
    return attachment


def _snapshot(proposal):
    nominees = proposal.nominees.select_related("person", "unit", "award").order_by("pk")
    return {
        "achievement_report": proposal.achievement_report,
        "nominees": [{"id": n.pk, "name": n.name, "award": n.award.name, "summary": n.summary} for n in nominees],
        "attachments": [
            {"id": a.pk, "name": a.original_name, "type": a.document_type.name}
            for a in proposal.attachments.select_related("document_type")
        ],
    }


def _check_quotas(proposal):
    awards = {n.award for n in proposal.nominees.select_related("award")}
    for award in awards:
        quota = quotas.quota_for(award=award, unit=proposal.unit, year=proposal.round.year)
        if quota is not None and quota.exceeded:
            raise DomainError(
                _("Vượt giới hạn số lượng “%(award)s”: %(explanation)s; đang đề nghị %(used)s.")
                % {"award": award, "explanation": quota.explanation, "used": quota.used}
            )


@transaction.atomic
def submit_proposal(*, proposal, by, comment=""):
    """Send (or resend) the dossier; the version sent is kept, so a resubmission never loses the earlier one."""
    check(by, "awards.edit_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    if proposal.round.state != RoundState.OPEN:
        raise DomainError(_("Đợt xét đã kết thúc, không nhận hồ sơ."))
    if not proposal.nominees.exists():
        raise DomainError(_("Hồ sơ chưa có cá nhân, tập thể nào được đề nghị."))
    _check_quotas(proposal)
    transition(proposal, "submit", by=by, fields=["updated_at"], comment=comment)
    proposal.version += 1
    proposal.submitted_at = timezone.now()
    proposal.is_late = timezone.localdate() > proposal.round.submission_deadline
    proposal.save(update_fields=["version", "submitted_at", "is_late", "updated_at"])
    ProposalVersion.objects.create(
        proposal=proposal, number=proposal.version, snapshot=_snapshot(proposal), created_by=by
    )
    upkeep.proposals_changed()
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=users_with_role(Role.OFFICE),
        title=_("Hồ sơ đề nghị khen thưởng cần thẩm định: %(unit)s") % {"unit": proposal.unit},
        url=proposal.get_absolute_url(),
        deadline=proposal.round.submission_deadline,
    )
    return proposal


@transaction.atomic
def start_verification(*, proposal, by):
    check(by, "awards.verify_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    transition(proposal, "start_verification", by=by, fields=["updated_at"])
    upkeep.proposals_changed()
    return proposal


@transaction.atomic
def return_proposal(*, proposal, by, comment, nominee_comments=None):
    """Return the dossier for revision with a general comment and comments per nominee."""
    check(by, "awards.verify_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    nominee_comments = {k: v.strip() for k, v in (nominee_comments or {}).items() if v and v.strip()}
    if not comment.strip() and not nominee_comments:
        raise DomainError(_("Ghi rõ nội dung cần bổ sung khi trả lại hồ sơ."), field="comment")
    transition(
        proposal,
        "return",
        by=by,
        comment=comment,
        changes={"review_comment": comment},
        fields=["review_comment", "updated_at"],
        data={"nominees": sorted(nominee_comments)},
    )
    upkeep.proposals_changed()
    own = {n.pk: n for n in proposal.nominees.all()}
    NomineeComment.objects.bulk_create(
        [
            NomineeComment(nominee=own[pk], proposal_version=proposal.version, author=by, text=text)
            for pk, text in nominee_comments.items()
            if pk in own
        ]
    )
    notify_after_commit(
        kind=NotificationKind.REVIEW,
        recipients=secretaries_of([proposal.unit]),
        title=_("Hồ sơ đề nghị khen thưởng bị trả lại để bổ sung"),
        body=comment,
        url=proposal.get_absolute_url(),
        deadline=proposal.round.submission_deadline,
    )
    return proposal


@transaction.atomic
def override_condition(*, nominee, by, justification):
    """The Office accepts a nominee with an unmet or unknown condition; the justification is shown to the council."""
    check(by, "awards.override_condition", nominee.proposal)
    nominee = _lock(Nominee, nominee)
    if nominee.proposal.state != ProposalState.VERIFYING:
        raise DomainError(_("Chỉ giải trình khi hồ sơ đang được thẩm định."))
    justification = (justification or "").strip()
    if len(justification) < 10:
        raise DomainError(_("Cần có giải trình bằng văn bản (tối thiểu 10 ký tự)."), field="justification")
    nominee.override_justification = justification
    nominee.override_by = by
    nominee.override_at = timezone.now()
    nominee.save(update_fields=["override_justification", "override_by", "override_at"])
    log_action(
        actor=by,
        action="award_proposal.override",
        obj=nominee.proposal,
        comment=f"{nominee}: {justification}",
        data={"nominee": nominee.pk},
    )
    return nominee


def _missing_documents(proposal, nominees):
    attached = {(a.nominee_id, a.document_type_id) for a in proposal.attachments.all()}
    general = {doc for nominee_id, doc in attached if nominee_id is None}
    missing = []
    for nominee in nominees:
        for doc in nominee.award.required_documents.all():
            if doc.pk not in general and (nominee.pk, doc.pk) not in attached:
                missing.append(f"{nominee.name}: {doc.name}")
    return missing


@transaction.atomic
def verify_proposal(*, proposal, by, comment=""):
    """Verify completeness, eligibility and quotas; the eligibility read is stored on each nominee for the council."""
    check(by, "awards.verify_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    nominees = list(
        proposal.nominees.select_related("person__unit", "unit", "award").prefetch_related("award__required_documents")
    )
    if proposal.state != ProposalState.VERIFYING:
        return transition(proposal, "verify", by=by, fields=["updated_at"])  # refuses with the state's message
    missing = _missing_documents(proposal, nominees)
    if missing:
        raise DomainError(_("Hồ sơ còn thiếu tài liệu: %(list)s.") % {"list": "; ".join(missing)})
    results = eligibility.check_nominees(nominees, proposal.round.year)
    blocked = [n.name for n in nominees if results[n.pk].ruling != Ruling.MET and not n.is_overridden]
    if blocked:
        raise DomainError(
            _("Chưa đạt hoặc chưa đủ dữ liệu điều kiện, cần giải trình của Văn phòng: %(list)s.")
            % {"list": ", ".join(blocked)}
        )
    _check_quotas(proposal)
    checked_at = timezone.now().isoformat()
    for nominee in nominees:
        nominee.eligibility = {**results[nominee.pk].as_dict(), "checked_at": checked_at}
    Nominee.objects.bulk_update(nominees, ["eligibility"])
    transition(proposal, "verify", by=by, fields=["updated_at"], comment=comment)
    upkeep.proposals_changed()
    notify_after_commit(
        kind=NotificationKind.REVIEW,
        recipients=secretaries_of([proposal.unit]),
        title=_("Hồ sơ đề nghị khen thưởng đã được thẩm định"),
        url=proposal.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def withdraw_proposal(*, proposal, by, comment):
    """The unit withdraws its dossier at any step before the decision."""
    check(by, "awards.withdraw_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    if not comment.strip():
        raise DomainError(_("Ghi rõ lý do rút hồ sơ."), field="comment")
    transition(proposal, "withdraw", by=by, fields=["updated_at"], comment=comment)
    proposal.nominees.update(result=NomineeResult.WITHDRAWN)
    upkeep.proposals_changed()
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=users_with_role(Role.OFFICE),
        title=_("Đơn vị rút hồ sơ đề nghị khen thưởng: %(unit)s") % {"unit": proposal.unit},
        body=comment,
        url=proposal.get_absolute_url(),
    )
    return proposal
