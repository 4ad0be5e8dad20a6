"""The Office's configuration of terms, yearly plans, phases and criteria, and a plan's life cycle."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.enums import NotificationKind, Role
from emulation.errors import DomainError
from emulation.selectors import role_holders
from emulation.services import log_action
from emulation.workflow import check, notify_after_commit, require, transition

from .. import upkeep
from ..enums import PlanState
from ..models import Criterion, Movement, YearPlan
from .common import bump


@transaction.atomic
def save_term(*, term, by):
    """Create or update a term (Office). Side effects: audit entry."""
    check(by, "campaigns.manage_plans")
    if term.end_year < term.start_year:
        raise DomainError(_("Năm kết thúc phải sau năm bắt đầu."), field="end_year")
    created = term.pk is None
    term.save()
    log_action(actor=by, action="term.created" if created else "term.updated", obj=term)
    return term


@transaction.atomic
def save_movement(*, movement, by):
    """Add or change a movement of a term (Office); its number is unique in the term. Side effects: audit entry."""
    check(by, "campaigns.manage_plans")
    if Movement.objects.filter(term=movement.term_id, number=movement.number).exclude(pk=movement.pk).exists():
        raise DomainError(_("Số thứ tự này đã có phong trào khác trong nhiệm kỳ."), field="number")
    created = movement.pk is None
    movement.save()
    log_action(
        actor=by,
        action="movement.created" if created else "movement.updated",
        obj=movement.term,
        data={"movement": movement.name},
    )
    return movement


def _check_plan_dates(plan):
    year = plan.year
    if plan.registration_deadline.year != year:
        raise DomainError(
            _("Hạn đăng ký thi đua phải nằm trong năm %(year)s.") % {"year": year}, field="registration_deadline"
        )
    if plan.six_month_deadline.year != year:
        raise DomainError(
            _("Hạn báo cáo sáu tháng phải nằm trong năm %(year)s.") % {"year": year}, field="six_month_deadline"
        )
    # The year-end report may fall due early in the next year, never later than its first quarter.
    if not (datetime.date(year, 1, 1) <= plan.year_end_deadline <= datetime.date(year + 1, 3, 31)):
        raise DomainError(
            _("Hạn báo cáo cả năm phải nằm trong năm %(year)s hoặc quý I năm sau.") % {"year": year},
            field="year_end_deadline",
        )
    if not (plan.registration_deadline <= plan.six_month_deadline <= plan.year_end_deadline):
        raise DomainError(_("Các hạn phải theo thứ tự: đăng ký, báo cáo sáu tháng, báo cáo cả năm."))
    if not (plan.term.start_year <= year <= plan.term.end_year):
        raise DomainError(
            _("Năm %(year)s không thuộc nhiệm kỳ %(term)s.") % {"year": year, "term": plan.term.name}, field="year"
        )


@transaction.atomic
def save_plan(*, plan, movements=None, by):
    """Create a yearly plan or change it while it is a draft (Office). Side effects: audit entry."""
    check(by, "campaigns.manage_plans")
    created = plan.pk is None
    if not created:
        current = YearPlan.objects.select_for_update().get(pk=plan.pk)
        if current.state != PlanState.DRAFT:
            raise DomainError(_("Chỉ sửa được kế hoạch đang ở trạng thái dự thảo."))
        bump(plan)
    elif YearPlan.objects.filter(year=plan.year).exists():
        raise DomainError(_("Đã có kế hoạch thi đua năm %(year)s.") % {"year": plan.year}, field="year")
    _check_plan_dates(plan)
    if movements is not None and any(m.term_id != plan.term_id for m in movements):
        raise DomainError(_("Các phong trào phải thuộc nhiệm kỳ của kế hoạch."), field="movements")
    plan.save()
    upkeep.plan_changed(plan, created=created)
    if movements is not None:
        plan.movements.set(movements)
    log_action(actor=by, action="plan.created" if created else "plan.updated", obj=plan)
    return plan


def _locked(plan):
    locked = YearPlan.objects.select_for_update().get(pk=plan.pk)
    bump(locked)
    return locked


def holders_of(role):
    return list(role_holders(role))


@transaction.atomic
def submit_plan(*, plan, by):
    """The Office sends a draft plan (new, or returned and edited) to the Standing Committee for approval.

    Side effects: state, who sent it and when, audit entry; after commit every active Standing Committee member is
    told, with the plan's link.
    """
    check(by, "campaigns.manage_plans")
    plan = transition(_locked(plan), "submit", by=by, changes={"submitted_by": by, "submitted_at": timezone.now()})
    upkeep.plan_changed(plan)
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=holders_of(Role.STANDING),
        title=_("%(plan)s chờ Ban Thường vụ phê duyệt") % {"plan": plan},
        body=_("Văn phòng đã gửi %(plan)s. Đề nghị xem xét, phê duyệt hoặc trả lại kèm ý kiến.") % {"plan": plan},
        url=plan.get_absolute_url(),
    )
    return plan


@transaction.atomic
def approve_plan(*, plan, by, comment=""):
    """The Standing Committee approves a submitted plan. Side effects: state, audit entry, the Office is told."""
    check(by, "campaigns.approve_plan")
    plan = transition(
        _locked(plan),
        "approve",
        by=by,
        comment=comment,
        changes={"approved_by": by, "approved_at": timezone.now(), "return_comment": ""},
    )
    upkeep.plan_changed(plan)
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
        recipients=holders_of(Role.OFFICE),
        title=_("Ban Thường vụ đã phê duyệt %(plan)s") % {"plan": plan},
        body=comment,
        url=plan.get_absolute_url(),
    )
    return plan


@transaction.atomic
def return_plan(*, plan, by, comment):
    """The Standing Committee returns a submitted plan to draft with a comment saying what to change.

    Side effects: state, the comment kept on the plan (shown until it is approved) and in the audit entry; after
    commit the Office is told, the comment in the notification.
    """
    check(by, "campaigns.approve_plan")
    plan = _locked(plan)
    require(plan, "return")  # a plan that is not waiting for approval is refused as such, comment or not
    comment = (comment or "").strip()
    if not comment:
        raise DomainError(_("Hãy ghi rõ ý kiến: Văn phòng cần chỉnh sửa gì trong kế hoạch."), field="comment")
    plan = transition(plan, "return", by=by, comment=comment, changes={"return_comment": comment})
    upkeep.plan_changed(plan)
    notify_after_commit(
        kind=NotificationKind.REVIEW,
        recipients=holders_of(Role.OFFICE),
        title=_("Ban Thường vụ trả lại %(plan)s để chỉnh sửa") % {"plan": plan},
        body=comment,
        url=plan.get_absolute_url(),
    )
    return plan


def unit_secretaries(units=None):
    """Active users who are secretaries of the given units (every active unit when None)."""
    users = get_user_model().objects.filter(
        is_active=True, role_assignments__role=Role.SECRETARY, role_assignments__unit__is_active=True
    )
    if units is not None:
        users = users.filter(role_assignments__unit__in=units)
    return users.distinct()


@transaction.atomic
def launch_plan(*, plan, by):
    """Launch an approved plan (Office): every unit's secretaries are notified in the portal and by email."""
    check(by, "campaigns.manage_plans")
    plan = _locked(plan)
    require(plan, "launch")  # refused before the secretaries are read
    recipients = list(unit_secretaries())
    plan = transition(
        plan,
        "launch",
        by=by,
        changes={"launched_at": timezone.now()},
        data={"notified": len(recipients)},
    )
    upkeep.plan_changed(plan)
    notify_after_commit(
        kind=NotificationKind.ANNOUNCEMENT,
        recipients=recipients,
        title=_("Phát động %(plan)s") % {"plan": plan},
        body=_("Chủ đề năm: %(theme)s\nĐề nghị đơn vị đăng ký thi đua trước ngày %(deadline)s.")
        % {"theme": plan.theme, "deadline": plan.registration_deadline.strftime("%d/%m/%Y")},
        url=plan.get_absolute_url(),
        deadline=plan.registration_deadline,
    )
    return plan


@transaction.atomic
def close_plan(*, plan, by, comment=""):
    """Close a launched plan (Office): nothing more can be filed against it. Side effects: audit entry."""
    check(by, "campaigns.manage_plans")
    plan = transition(_locked(plan), "close", by=by, comment=comment, changes={"closed_at": timezone.now()})
    upkeep.plan_changed(plan)
    return plan


@transaction.atomic
def save_phase(*, phase, by):
    """Add or change a phase of a plan that is neither waiting for approval nor closed (the Standing Committee
    decides on what it was sent); its dates must lie in the plan's year."""
    check(by, "campaigns.manage_plans")
    plan = _locked(phase.plan)
    if plan.state == PlanState.CLOSED:
        raise DomainError(_("Kế hoạch đã kết thúc, không thể thay đổi đợt thi đua."))
    if plan.state == PlanState.SUBMITTED:
        raise DomainError(
            _("Kế hoạch đang chờ Ban Thường vụ phê duyệt, không thể thay đổi đợt thi đua; nếu cần, đề nghị trả lại.")
        )
    for field, value in (("start_date", phase.start_date), ("end_date", phase.end_date)):
        if value.year != plan.year:
            raise DomainError(
                _("Ngày của đợt thi đua phải nằm trong năm %(year)s của kế hoạch.") % {"year": plan.year}, field=field
            )
    if phase.end_date < phase.start_date:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="end_date")
    created = phase.pk is None
    phase.save()
    log_action(actor=by, action="phase.created" if created else "phase.updated", obj=plan, data={"phase": phase.name})
    return phase


@transaction.atomic
def save_criterion(*, criterion, by):
    """Add or change a criterion while the plan is a draft (units pledge against them once it is launched)."""
    check(by, "campaigns.manage_plans")
    plan = criterion.plan
    if plan.state != PlanState.DRAFT:
        raise DomainError(_("Chỉ thay đổi tiêu chí khi kế hoạch còn là dự thảo."))
    if criterion.movement_id and not plan.movements.filter(pk=criterion.movement_id).exists():
        raise DomainError(_("Phong trào của tiêu chí phải thuộc kế hoạch."), field="movement")
    if Criterion.objects.filter(plan=plan, code=criterion.code).exclude(pk=criterion.pk).exists():
        raise DomainError(_("Mã tiêu chí đã được dùng trong kế hoạch này."), field="code")
    if criterion.max_score <= 0 or criterion.weight < 0:
        raise DomainError(_("Trọng số không được âm và điểm tối đa phải lớn hơn 0."))
    created = criterion.pk is None
    criterion.save()
    log_action(
        actor=by,
        action="criterion.created" if created else "criterion.updated",
        obj=plan,
        data={"criterion": criterion.code},
    )
    return criterion
