"""Every write of the awards app: one function per action, permission-checked, atomic, logged, notified.

Each service checks the user's permission, locks what it changes (select_for_update), consults the transition
table in enums.py, writes, appends an audit entry, and queues notifications after the commit.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.enums import Role
from emulation.errors import DomainError
from emulation.models import OrganizationProfile, Person, RoleAssignment, Unit
from emulation.services import log_action, notify

from . import eligibility
from .enums import (
    ACTION_LABELS,
    EDITABLE_STATES,
    PROPOSAL_TRANSITIONS,
    BallotState,
    NomineeResult,
    NoticeState,
    ProposalState,
    RecordSource,
    RoundState,
    Ruling,
    Subject,
    VoteChoice,
)
from .models import (
    Attachment,
    Award,
    AwardRecord,
    Ballot,
    BallotItem,
    Decision,
    Nominee,
    NomineeComment,
    NoticeFeedback,
    Proposal,
    ProposalVersion,
    PublicNotice,
    Round,
    Vote,
)
from .uploads import check_upload

# ---------------------------------------------------------------- helpers


def _check(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def users_with_role(role):
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(role_assignments__role=role, is_active=True).distinct().order_by("pk"))


def council_size():
    """The council's total membership: every active user holding the council role."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(role_assignments__role=Role.COUNCIL, is_active=True).distinct().count()


def secretaries_of(units):
    """Secretaries whose unit is one of the given units or above one of them."""
    paths = [u.path for u in units]
    assignments = RoleAssignment.objects.filter(role=Role.SECRETARY, user__is_active=True).select_related(
        "user", "unit"
    )
    return list({a.user for a in assignments if any(p.startswith(a.unit.path) for p in paths)})


def _notify_later(**kwargs):
    transaction.on_commit(lambda: notify(**kwargs))


def add_working_days(start, days):
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


def _transition(proposal, action, *, by, comment="", data=None):
    """Move a locked proposal along the table, or refuse with a message naming the action and the state."""
    target = PROPOSAL_TRANSITIONS.get(proposal.state, {}).get(action)
    if target is None:
        raise DomainError(
            _("Không thể thực hiện “%(action)s”: hồ sơ đang ở trạng thái “%(state)s”.")
            % {"action": ACTION_LABELS.get(f"award_proposal.{action}", action), "state": proposal.get_state_display()}
        )
    before = proposal.state
    proposal.state = target
    proposal.save(update_fields=["state", "updated_at"])
    log_action(
        actor=by,
        action=f"award_proposal.{action}",
        obj=proposal,
        comment=comment,
        data={"from": before, "to": target, **(data or {})},
    )
    return proposal


# ---------------------------------------------------------------- rounds


@transaction.atomic
def open_round(
    *, by, name, kind, year, submission_deadline, awards, phase=None, movement=None, notice_days=5, description=""
):
    """Open a round for proposals; every unit secretary is told, with the deadline."""
    _check(by, "awards.manage_round")
    round = Round(
        name=name,
        kind=kind,
        year=year,
        submission_deadline=submission_deadline,
        phase=phase,
        movement=movement,
        notice_days=notice_days,
        description=description,
        opened_by=by,
    )
    try:
        round.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    round.save()
    round.awards.set(awards)
    log_action(actor=by, action="award_round.opened", obj=round)
    _notify_later(
        recipients=users_with_role(Role.SECRETARY),
        title=_("Mở đợt xét khen thưởng: %(name)s") % {"name": name},
        body=_("Đơn vị lập hồ sơ đề nghị khen thưởng và gửi trước hạn."),
        url=round.get_absolute_url(),
        deadline=submission_deadline,
    )
    return round


@transaction.atomic
def close_round(*, round, by):
    _check(by, "awards.manage_round")
    round = _lock(Round, round)
    if round.state == RoundState.CLOSED:
        raise DomainError(_("Đợt xét đã kết thúc."))
    round.state = RoundState.CLOSED
    round.save(update_fields=["state"])
    log_action(actor=by, action="award_round.closed", obj=round)
    return round


# ---------------------------------------------------------------- preparing a proposal


@transaction.atomic
def create_proposal(*, round, unit, by, achievement_report=""):
    _check(by, "awards.add_proposal", unit)
    if round.state != RoundState.OPEN:
        raise DomainError(_("Đợt xét đã kết thúc, không nhận hồ sơ mới."))
    if Proposal.objects.filter(round=round, unit=unit).exclude(state=ProposalState.WITHDRAWN).exists():
        raise DomainError(_("Đơn vị đã có hồ sơ trong đợt xét này."))
    proposal = Proposal.objects.create(round=round, unit=unit, achievement_report=achievement_report, created_by=by)
    log_action(actor=by, action="award_proposal.created", obj=proposal)
    return proposal


def _editable(proposal, by):
    _check(by, "awards.edit_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    if proposal.state not in EDITABLE_STATES:
        raise DomainError(
            _("Hồ sơ đang ở trạng thái “%(state)s”, không thể chỉnh sửa.") % {"state": proposal.get_state_display()}
        )
    return proposal


@transaction.atomic
def update_proposal(*, proposal, by, achievement_report):
    proposal = _editable(proposal, by)
    proposal.achievement_report = achievement_report
    proposal.save(update_fields=["achievement_report", "updated_at"])
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
    quota = eligibility.quota_for(award=award, unit=proposal.unit, year=proposal.round.year, extra=1)
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
    """Store an upload under a random name after checking its size and its content (not its name)."""
    proposal = _editable(proposal, by)
    if nominee is not None and nominee.proposal_id != proposal.pk:
        raise DomainError(_("Tệp phải thuộc một trường hợp của hồ sơ này."))
    content_type = check_upload(upload)
    attachment = Attachment(
        proposal=proposal,
        nominee=nominee,
        document_type=document_type,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
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
        quota = eligibility.quota_for(award=award, unit=proposal.unit, year=proposal.round.year)
        if quota is not None and quota.exceeded:
            raise DomainError(
                _("Vượt giới hạn số lượng “%(award)s”: %(explanation)s; đang đề nghị %(used)s.")
                % {"award": award, "explanation": quota.explanation, "used": quota.used}
            )


# ---------------------------------------------------------------- review


@transaction.atomic
def submit_proposal(*, proposal, by, comment=""):
    """Send (or resend) the dossier; the version sent is kept, so a resubmission never loses the earlier one."""
    _check(by, "awards.edit_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    if proposal.round.state != RoundState.OPEN:
        raise DomainError(_("Đợt xét đã kết thúc, không nhận hồ sơ."))
    if not proposal.nominees.exists():
        raise DomainError(_("Hồ sơ chưa có cá nhân, tập thể nào được đề nghị."))
    _check_quotas(proposal)
    _transition(proposal, "submit", by=by, comment=comment)
    proposal.version += 1
    proposal.submitted_at = timezone.now()
    proposal.is_late = timezone.localdate() > proposal.round.submission_deadline
    proposal.save(update_fields=["version", "submitted_at", "is_late", "updated_at"])
    ProposalVersion.objects.create(
        proposal=proposal, number=proposal.version, snapshot=_snapshot(proposal), created_by=by
    )
    _notify_later(
        recipients=users_with_role(Role.OFFICE),
        title=_("Hồ sơ đề nghị khen thưởng cần thẩm định: %(unit)s") % {"unit": proposal.unit},
        url=proposal.get_absolute_url(),
        deadline=proposal.round.submission_deadline,
    )
    return proposal


@transaction.atomic
def start_verification(*, proposal, by):
    _check(by, "awards.verify_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    return _transition(proposal, "start_verification", by=by)


@transaction.atomic
def return_proposal(*, proposal, by, comment, nominee_comments=None):
    """Return the dossier for revision with a general comment and comments per nominee."""
    _check(by, "awards.verify_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    nominee_comments = {k: v.strip() for k, v in (nominee_comments or {}).items() if v and v.strip()}
    if not comment.strip() and not nominee_comments:
        raise DomainError(_("Ghi rõ nội dung cần bổ sung khi trả lại hồ sơ."), field="comment")
    _transition(proposal, "return", by=by, comment=comment, data={"nominees": sorted(nominee_comments)})
    proposal.review_comment = comment
    proposal.save(update_fields=["review_comment", "updated_at"])
    own = {n.pk: n for n in proposal.nominees.all()}
    NomineeComment.objects.bulk_create(
        [
            NomineeComment(nominee=own[pk], proposal_version=proposal.version, author=by, text=text)
            for pk, text in nominee_comments.items()
            if pk in own
        ]
    )
    _notify_later(
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
    _check(by, "awards.override_condition", nominee.proposal)
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
    _check(by, "awards.verify_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    nominees = list(
        proposal.nominees.select_related("person__unit", "unit", "award").prefetch_related("award__required_documents")
    )
    if proposal.state != ProposalState.VERIFYING:
        return _transition(proposal, "verify", by=by)  # refuses with the state's message
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
    _transition(proposal, "verify", by=by, comment=comment)
    _notify_later(
        recipients=secretaries_of([proposal.unit]),
        title=_("Hồ sơ đề nghị khen thưởng đã được thẩm định"),
        url=proposal.get_absolute_url(),
    )
    return proposal


@transaction.atomic
def withdraw_proposal(*, proposal, by, comment):
    """The unit withdraws its dossier at any step before the decision."""
    _check(by, "awards.withdraw_proposal", proposal)
    proposal = _lock(Proposal, proposal)
    if not comment.strip():
        raise DomainError(_("Ghi rõ lý do rút hồ sơ."), field="comment")
    _transition(proposal, "withdraw", by=by, comment=comment)
    proposal.nominees.update(result=NomineeResult.WITHDRAWN)
    _notify_later(
        recipients=users_with_role(Role.OFFICE),
        title=_("Đơn vị rút hồ sơ đề nghị khen thưởng: %(unit)s") % {"unit": proposal.unit},
        body=comment,
        url=proposal.get_absolute_url(),
    )
    return proposal


# ---------------------------------------------------------------- secret ballot


def person_of(user):
    return Person.objects.filter(user=user).select_related("unit").first()


def is_recused(person, nominee):
    """A member is recused from a nominee he or she is, or whose unit (or proposing unit) he or she belongs to."""
    if person is None:
        return False
    if nominee.person_id == person.pk:
        return True
    path = person.unit.path
    return path.startswith(nominee.holder_unit.path) or path.startswith(nominee.proposal.unit.path)


@transaction.atomic
def open_ballot(*, round, proposals, closes_at, by, name=""):
    """Put the nominees of verified proposals before the council until closes_at; members are told."""
    _check(by, "awards.manage_ballot")
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
        _transition(proposal, "open_ballot", by=by, data={"ballot": ballot.pk})
        items.extend(
            BallotItem(ballot=ballot, nominee=n) for n in proposal.nominees.filter(result=NomineeResult.PENDING)
        )
    BallotItem.objects.bulk_create(items)
    log_action(actor=by, action="award_ballot.opened", obj=ballot, data={"items": len(items)})
    _notify_later(
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
    _check(by, "awards.vote", ballot)
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
    """Count the votes after the closing time and compare each nominee's agree votes with the award's threshold.

    The share is over the council's total membership (absent and recused members count as not agreeing).
    """
    from django.db.models import Count, Q

    _check(by, "awards.manage_ballot", ballot)
    ballot = _lock(Ballot, ballot)
    if ballot.state != BallotState.OPEN:
        raise DomainError(_("Phiên bỏ phiếu đã được kiểm phiếu."))
    if timezone.now() < ballot.closes_at:
        raise DomainError(_("Chưa đến thời điểm kết thúc bỏ phiếu."))
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
    ballot.state = BallotState.CLOSED
    ballot.total_members = total
    ballot.tallied_at = timezone.now()
    ballot.tallied_by = by
    ballot.save(update_fields=["state", "total_members", "tallied_at", "tallied_by"])
    for proposal, any_passed in passed_by_proposal.items():
        proposal = _lock(Proposal, proposal)
        if proposal.state == ProposalState.IN_BALLOT:
            _transition(proposal, "close_ballot" if any_passed else "fail_ballot", by=by, data={"ballot": ballot.pk})
    log_action(actor=by, action="award_ballot.closed", obj=ballot, data={"total_members": total})
    _notify_later(
        recipients=users_with_role(Role.OFFICE),
        title=_("Đã kiểm phiếu: %(name)s – cần công khai danh sách") % {"name": ballot.name},
        url=ballot.get_absolute_url(),
    )
    return ballot


# ---------------------------------------------------------------- public notice


@transaction.atomic
def publish_notice(*, ballot, by):
    """Publish the passed list inside the portal for the round's number of working days."""
    _check(by, "awards.manage_notice")
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
    notice = PublicNotice.objects.create(ballot=ballot, ends_on=ends_on, published_by=by)
    for proposal in proposals:
        _transition(proposal, "publish_notice", by=by, data={"notice": notice.pk})
    log_action(actor=by, action="award_notice.published", obj=notice, data={"ends_on": ends_on.isoformat()})
    units = [p.unit for p in proposals]
    _notify_later(
        recipients=secretaries_of(units) + users_with_role(Role.COUNCIL),
        title=_("Công khai danh sách đề nghị khen thưởng đến ngày %(d)s") % {"d": ends_on.strftime("%d/%m/%Y")},
        body=_("Mọi ý kiến góp ý, phản ánh gửi trên cổng trong thời gian công khai."),
        url=notice.get_absolute_url(),
        deadline=ends_on,
    )
    _notify_later(
        recipients=users_with_role(Role.STANDING),
        title=_("Danh sách đề nghị khen thưởng chờ quyết định sau ngày %(d)s") % {"d": ends_on.strftime("%d/%m/%Y")},
        url=notice.get_absolute_url(),
        deadline=ends_on,
    )
    return notice


@transaction.atomic
def send_feedback(*, notice, by, kind, text, nominee=None):
    _check(by, "awards.comment_notice", notice)
    notice = _lock(PublicNotice, notice)
    if notice.state != NoticeState.OPEN or timezone.localdate() > notice.ends_on:
        raise DomainError(_("Đã hết thời gian công khai, không nhận thêm ý kiến."))
    if not text.strip():
        raise DomainError(_("Nhập nội dung ý kiến."), field="text")
    if nominee is not None and not nominee.ballot_items.filter(ballot=notice.ballot_id, passed=True).exists():
        raise DomainError(_("Trường hợp này không có trong danh sách công khai."), field="nominee")
    feedback = NoticeFeedback.objects.create(notice=notice, nominee=nominee, kind=kind, text=text.strip(), author=by)
    log_action(actor=by, action="award_notice.feedback", obj=notice, data={"feedback": feedback.pk, "kind": kind})
    _notify_later(
        recipients=users_with_role(Role.OFFICE),
        title=_("Có ý kiến mới về danh sách công khai khen thưởng"),
        body=text[:500],
        url=notice.get_absolute_url(),
        deadline=notice.ends_on,
    )
    return feedback


@transaction.atomic
def resolve_feedback(*, feedback, by, resolution):
    _check(by, "awards.manage_notice")
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
    _notify_later(
        recipients=[feedback.author],
        title=_("Ý kiến của bạn về danh sách khen thưởng đã được xử lý"),
        body=resolution,
        url=feedback.notice.get_absolute_url(),
    )
    return feedback


# ---------------------------------------------------------------- decision


@transaction.atomic
def record_decision(*, notice, by, number, date, signer_name, signer_position, subject=""):
    """The Standing Committee decides the passed nominees; awards beyond the Bloc are forwarded by the decision.

    Side effects: AwardRecord per awarded nominee, nominee results, proposal transitions (decide / forward),
    audit entries, notifications to the Office (certificates) and the units.
    """
    _check(by, "awards.record_decision", notice)
    notice = _lock(PublicNotice, notice)
    if notice.state != NoticeState.OPEN or hasattr(notice, "decision"):
        raise DomainError(_("Danh sách này đã có quyết định."))
    if timezone.localdate() <= notice.ends_on:
        raise DomainError(
            _("Chưa hết thời gian công khai (đến hết ngày %(d)s).") % {"d": notice.ends_on.strftime("%d/%m/%Y")}
        )
    if notice.feedback.filter(resolved_at__isnull=True).exists():
        raise DomainError(_("Còn ý kiến trong thời gian công khai chưa được Văn phòng xử lý."))
    profile = OrganizationProfile.current()
    decision = Decision.objects.create(
        notice=notice,
        number=number,
        date=date,
        signer_name=signer_name,
        signer_position=signer_position,
        subject=subject or _("Về việc khen thưởng – %(round)s") % {"round": notice.ballot.round.name},
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
    for proposal in {n.proposal_id: n.proposal for n in nominees}.values():
        proposal = _lock(Proposal, proposal)
        action = "forward" if proposal.pk in forwarded else "decide"
        _transition(proposal, action, by=by, comment=full_number, data={"decision": decision.pk})
    notice.state = NoticeState.DECIDED
    notice.save(update_fields=["state"])
    log_action(actor=by, action="award_decision.recorded", obj=decision, comment=full_number)
    _notify_later(
        recipients=users_with_role(Role.OFFICE),
        title=_("Đã có quyết định khen thưởng %(n)s – cần cấp giấy khen, giấy chứng nhận") % {"n": full_number},
        url=decision.get_absolute_url(),
    )
    _notify_later(
        recipients=secretaries_of([n.proposal.unit for n in nominees]),
        title=_("Quyết định khen thưởng %(n)s") % {"n": full_number},
        url=decision.get_absolute_url(),
    )
    return decision


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
    _check(by, "awards.record_higher_answer", nominee)
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
        _transition(proposal, "record_answer", by=by, comment=comment or decision_number, data=data)
    else:
        log_action(actor=by, action="award_proposal.record_answer", obj=proposal, comment=comment, data=data)
    return nominee


@transaction.atomic
def issue_certificates(*, decision, by):
    """Mark the certificates of a decision's awardees as issued; proposals whose awards are all settled move on."""
    _check(by, "awards.issue_certificates", decision)
    decision = _lock(Decision, decision)
    now = timezone.now()
    awarded = Nominee.objects.filter(
        decision=decision, result=NomineeResult.AWARDED, certificate_issued_at__isnull=True
    )
    count = awarded.update(certificate_issued_at=now)
    ids = Proposal.objects.filter(nominees__decision=decision, state=ProposalState.DECIDED).values("pk")
    proposals = list(Proposal.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for proposal in proposals:
        _transition(proposal, "issue_certificates", by=by, data={"decision": decision.pk})
    if not count and not proposals:
        raise DomainError(_("Không còn giấy khen, giấy chứng nhận nào cần cấp cho quyết định này."))
    decision.certificates_issued_at = now
    decision.save(update_fields=["certificates_issued_at"])
    units = Unit.objects.filter(award_proposals__nominees__decision=decision).distinct()
    _notify_later(
        recipients=secretaries_of(list(units)),
        title=_("Đã cấp giấy khen, giấy chứng nhận theo %(d)s") % {"d": decision},
        url=decision.get_absolute_url(),
    )
    return count


# ---------------------------------------------------------------- award history import


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)


IMPORT_COLUMNS = [
    "Loại",
    "Mã đơn vị",
    "Họ và tên",
    "Danh hiệu",
    "Năm",
    "Số quyết định",
    "Ngày quyết định",
    "Cấp quyết định",
]


@transaction.atomic
def import_history(*, file, by):
    """Import earlier awards from an .xlsx sheet with the columns of IMPORT_COLUMNS; rows with errors are reported."""
    from openpyxl import load_workbook

    _check(by, "awards.import_history")
    check_upload(file, allowed={"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    try:
        sheet = load_workbook(file, read_only=True, data_only=True).active
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the user's file problem
        raise DomainError(_("Không đọc được tệp Excel.")) from error
    awards = {}
    for award in Award.objects.all():
        awards[award.code.lower()] = award
        awards[award.name.lower()] = award
    units = {u.code: u for u in Unit.objects.all()}
    result = ImportResult()
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if not row or not any(row):
            continue
        try:
            created = _import_row(row, awards, units)
        except DomainError as error:
            result.errors.append((number, error.message))
            continue
        if created:
            result.created += 1
        else:
            result.updated += 1
    log_action(
        actor=by,
        action="award_history.imported",
        comment=getattr(file, "name", ""),
        data={"created": result.created, "updated": result.updated, "errors": len(result.errors)},
    )
    return result


def _cell(row, index):
    value = row[index] if index < len(row) else None
    return "" if value is None else str(value).strip()


def _import_row(row, awards, units):
    kind, unit_code, name, award_name = (_cell(row, i) for i in range(4))
    award = awards.get(award_name.lower())
    if award is None:
        raise DomainError(_("Không có danh hiệu “%(a)s” trong danh mục.") % {"a": award_name})
    unit = units.get(unit_code)
    if unit is None:
        raise DomainError(_("Không có đơn vị mã “%(c)s”.") % {"c": unit_code})
    try:
        year = int(float(_cell(row, 4)))
    except ValueError as error:
        raise DomainError(_("Năm không hợp lệ.")) from error
    if not 1945 <= year <= 2100:
        raise DomainError(_("Năm không hợp lệ."))
    date_value = row[6] if len(row) > 6 else None
    if isinstance(date_value, datetime.datetime):
        date_value = date_value.date()
    elif not isinstance(date_value, datetime.date):
        date_value = _parse_date(_cell(row, 6))
    defaults = {
        "decision_number": _cell(row, 5),
        "decision_date": date_value,
        "issuer": _cell(row, 7),
        "source": RecordSource.IMPORTED,
    }
    if kind.lower().startswith("tập thể") or kind.lower().startswith("tap the"):
        _record, created = AwardRecord.objects.update_or_create(unit=unit, award=award, year=year, defaults=defaults)
        return created
    people = list(Person.objects.filter(unit=unit, full_name__iexact=name)[:2])
    if len(people) != 1:
        raise DomainError(_("Không xác định được cá nhân “%(n)s” của đơn vị “%(u)s”.") % {"n": name, "u": unit.name})
    _record, created = AwardRecord.objects.update_or_create(person=people[0], award=award, year=year, defaults=defaults)
    return created


def _parse_date(text):
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
