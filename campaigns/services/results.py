"""Result reports against a pledge: drafting, evidence, review, and the completion computed on acceptance."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.errors import DomainError
from emulation.services import log_action, notify

from ..enums import EDITABLE_STATES, REVIEW_TRANSITIONS, MeasureKind, PlanState, ReportingPeriod, ReviewState
from ..evidence import inspect_upload
from ..models import Evidence, Pledge, ResultReport, ResultValue
from .common import bump, check, measured_value, next_state, require_current
from .plans import unit_secretaries
from .pledges import office_users

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def _locked(report):
    return ResultReport.objects.select_for_update().select_related("plan", "unit", "pledge").get(pk=report.pk)


def _require_editable(report):
    if report.state not in EDITABLE_STATES:
        raise DomainError(_("Báo cáo đã gửi, không thể sửa."))
    if report.plan.state != PlanState.LAUNCHED:
        raise DomainError(_("Kế hoạch chưa được phát động hoặc đã kết thúc."))


@transaction.atomic
def start_result(*, pledge, period, by):
    """Open a draft result report of the pledge's unit for one period; the pledge must be accepted."""
    check(by, "campaigns.file_for_unit", pledge)
    if period not in ReportingPeriod.values:
        raise DomainError(_("Kỳ báo cáo không hợp lệ."))
    pledge = Pledge.objects.select_for_update().select_related("plan").get(pk=pledge.pk)
    if pledge.state != ReviewState.ACCEPTED:
        raise DomainError(_("Chỉ báo cáo kết quả khi bản đăng ký thi đua đã được chấp thuận."))
    if pledge.plan.state != PlanState.LAUNCHED:
        raise DomainError(_("Kế hoạch chưa được phát động hoặc đã kết thúc."))
    if ResultReport.objects.filter(plan=pledge.plan, unit=pledge.unit, period=period).exists():
        raise DomainError(_("Đơn vị đã có báo cáo cho kỳ này."))
    report = ResultReport.objects.create(
        plan=pledge.plan, unit=pledge.unit, pledge=pledge, period=period, created_by=by
    )
    log_action(actor=by, action="result.created", obj=report)
    return report


@transaction.atomic
def save_result(*, report, by, values, narrative="", self_score=None, expected_version=None):
    """Save achieved values ({criterion: value or ''}), narrative and self-assessed score of a draft report.

    Each value is checked against its criterion's kind; one bad value refuses the whole save. A save from a
    form drawn at another version than the locked row's (``expected_version``) is refused: no silent overwrite.
    """
    check(by, "campaigns.file_for_unit", report)
    report = _locked(report)
    require_current(report, expected_version)
    _require_editable(report)
    achieved = {}
    for criterion, raw in values.items():
        if criterion.plan_id != report.plan_id:
            raise DomainError(_("Tiêu chí không thuộc kế hoạch này."))
        if raw not in (None, ""):
            achieved[criterion] = measured_value(criterion, raw, what=_("kết quả"))
    if self_score is not None and self_score < 0:
        raise DomainError(_("Điểm tự chấm không được âm."), field="self_score")
    current = Pledge.objects.filter(plan=report.plan, unit=report.unit, state=ReviewState.ACCEPTED).first()
    if current is not None:  # a revision accepted since the report was opened is what it now answers to
        report.pledge = current
    report.narrative, report.self_score = narrative.strip(), self_score
    bump(report)
    report.save()
    ResultValue.objects.filter(report=report).exclude(criterion__in=list(achieved)).delete()
    for criterion, value in achieved.items():
        ResultValue.objects.update_or_create(report=report, criterion=criterion, defaults={"achieved": value})
    log_action(actor=by, action="result.updated", obj=report, data={"values": len(achieved)})
    return report


@transaction.atomic
def upload_evidence(*, report, uploaded, by, description=""):
    """Attach a file to a report being drafted; its type is read from its content, its name is random on disk.

    Refused (DomainError, nothing written): a file over UPLOAD_MAX_BYTES, or whose content is not a PDF,
    an image or an Office document, or does not match its extension.
    """
    check(by, "campaigns.file_for_unit", report)
    report = _locked(report)
    _require_editable(report)
    content_type, name = inspect_upload(uploaded)
    evidence = Evidence(
        report=report,
        original_name=name,
        content_type=content_type,
        size=uploaded.size,
        description=description.strip()[:300],
        uploaded_by=by,
    )
    evidence.file.save(name, uploaded, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    log_action(actor=by, action="result.evidence_added", obj=report, data={"file": name})
    return evidence


@transaction.atomic
def submit_result(*, report, by):
    """Send the report to the Office; one filed after the period's deadline is marked late."""
    check(by, "campaigns.file_for_unit", report)
    report = _locked(report)
    _require_editable(report)
    state = next_state(REVIEW_TRANSITIONS, report.state, "submit")
    if not report.values.exists():
        raise DomainError(_("Chưa nhập kết quả cho tiêu chí nào."))
    now = timezone.now()
    report.state, report.submitted_at = state, now
    report.is_late = timezone.localdate(now) > report.plan.deadline_for(report.period)
    bump(report)
    report.save()
    log_action(actor=by, action="result.submitted", obj=report, data={"late": report.is_late})
    notify(
        recipients=office_users(),
        title=_("%(unit)s đã gửi báo cáo kết quả") % {"unit": report.unit},
        url=report.get_absolute_url(),
        email=False,
    )
    return report


def criterion_completion(criterion, target, achieved):
    """Completion (%) of one criterion: yes/no is all or nothing, the other kinds achieved ÷ target."""
    if achieved is None:
        return Decimal(0)
    if target is None or target == 0:
        return HUNDRED
    if criterion.measure == MeasureKind.YES_NO:
        return HUNDRED if achieved >= target else Decimal(0)
    return min(achieved / target * HUNDRED, Decimal("99999.99")).quantize(CENT)


def compute_completion(report):
    """Set each value's completion and score and the report's overall completion and score.

    Score of a criterion = its maximum score × completion (capped at 100%); the report's score is the
    weighted sum of those, its completion the weighted mean of capped completions over the pledged criteria.
    """
    targets = {t.criterion_id: t.value for t in report.pledge.targets.all()}
    values = {v.criterion_id: v for v in report.values.all()}
    total_weight = score = weighted = Decimal(0)
    for criterion in report.plan.criteria.all():
        if criterion.pk not in targets:
            continue
        value = values.get(criterion.pk)
        completion = criterion_completion(criterion, targets[criterion.pk], value.achieved if value else None)
        capped = min(completion, HUNDRED)
        criterion_score = (criterion.max_score * capped / HUNDRED).quantize(CENT)
        if value is not None:
            value.completion, value.score = completion, criterion_score
            value.save(update_fields=["completion", "score"])
        total_weight += criterion.weight
        weighted += criterion.weight * capped
        score += criterion.weight * criterion_score
    report.completion = (weighted / total_weight).quantize(CENT) if total_weight else Decimal(0)
    report.score = score.quantize(CENT)


def _review(report, by, action, comment):
    check(by, "campaigns.review", report)
    report = _locked(report)
    report.state = next_state(REVIEW_TRANSITIONS, report.state, action)
    report.reviewed_by, report.reviewed_at, report.review_comment = by, timezone.now(), comment.strip()
    bump(report)
    return report


@transaction.atomic
def accept_result(*, report, by, comment=""):
    """The Office accepts a report: completion and score are computed and kept; the unit is notified."""
    report = _review(report, by, "accept", comment)
    compute_completion(report)
    report.save()
    log_action(
        actor=by,
        action="result.accepted",
        obj=report,
        comment=comment,
        data={"score": str(report.score), "completion": str(report.completion)},
    )
    notify(
        recipients=list(unit_secretaries([report.unit])),
        title=_("Báo cáo kết quả đã được chấp thuận: %(report)s") % {"report": report},
        url=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def return_result(*, report, by, comment):
    """The Office returns a report with a comment; the unit fixes and resubmits it."""
    if not comment or not comment.strip():
        raise DomainError(_("Hãy ghi rõ nội dung cần bổ sung, sửa đổi khi trả lại."), field="comment")
    report = _review(report, by, "return", comment)
    report.save()
    log_action(actor=by, action="result.returned", obj=report, comment=comment)
    notify(
        recipients=list(unit_secretaries([report.unit])),
        title=_("Báo cáo kết quả bị trả lại để bổ sung: %(report)s") % {"report": report},
        body=comment,
        url=report.get_absolute_url(),
    )
    return report
