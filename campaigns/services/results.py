"""Result reports against a pledge: drafting, evidence, review, and the completion computed on acceptance."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.enums import NotificationKind
from emulation.errors import DomainError
from emulation.services import log_action
from emulation.uploads import inspect_upload
from emulation.workflow import check, notify_after_commit, require, transition

from .. import upkeep
from ..enums import EDITABLE_STATES, MeasureKind, PlanState, ReportingPeriod, ReviewState
from ..models import Evidence, Pledge, ResultReport, ResultValue
from ..scoring import HUNDRED, SCALE, criterion_score, weighted_total
from .common import bump, measured_value, require_current
from .plans import unit_secretaries
from .pledges import office_users

CENT = Decimal("0.01")
# A report whose recognized scores the Office may still set: under review, or accepted (corrected afterwards).
SCORED_STATES = {ReviewState.SUBMITTED, ReviewState.ACCEPTED}


def _locked(report):
    return ResultReport.objects.select_for_update().select_related("plan", "unit", "pledge").get(pk=report.pk)


def require_period_open(report, today=None):
    """Refuse sending or accepting a result before its reporting period has begun (YearPlan.period_opens_on)."""
    opens = report.plan.period_opens_on(report.period)
    if (today or timezone.localdate()) < opens:
        # Whole sentences per period, so that a translation reads as one.
        if report.period == ReportingPeriod.SIX_MONTH:
            message = _("Kỳ báo cáo sáu tháng đầu năm %(year)s chưa bắt đầu (từ %(date)s).")
        else:
            message = _("Kỳ báo cáo cả năm %(year)s chưa bắt đầu (từ %(date)s).")
        raise DomainError(message % {"year": report.plan.year, "date": opens.strftime("%d/%m/%Y")})


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
    upkeep.result_changed(report)
    log_action(actor=by, action="result.created", obj=report)
    return report


@transaction.atomic
def save_result(*, report, by, values, narrative="", self_score=None, self_scores=None, expected_version=None):
    """Save achieved values ({criterion: value or ''}), narrative and self-assessed scores of a draft report.

    Each value is checked against its criterion's kind; one bad value refuses the whole save. A self-score per
    criterion (``self_scores``, {criterion: value or ''}) lies between 0 and the criterion's maximum, and the
    report's self-score is then their weighted total out of 100, counted as the Office's recognized total is;
    without any, the ``self_score`` entered for the whole report (0 to 100) is kept. A save from a form drawn at
    another version than the locked row's (``expected_version``) is refused: no silent overwrite. Saving clears
    the recognized scores of a returned report: the Office scores it again when it comes back.
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
            achieved[criterion] = measured_value(criterion, raw, what="result")
    own = _self_scores(report, self_scores or {})
    if self_score is not None and self_score < 0:
        raise DomainError(_("Điểm tự chấm không được âm."), field="self_score")
    if self_score is not None and self_score > SCALE:
        raise DomainError(_("Điểm tự chấm của cả báo cáo tính theo thang điểm 100, không quá 100."), field="self_score")
    current = Pledge.objects.filter(plan=report.plan, unit=report.unit, state=ReviewState.ACCEPTED).first()
    if current is not None:  # a revision accepted since the report was opened is what it now answers to
        report.pledge = current
    if own:
        pledged = set(report.pledge.targets.values_list("criterion_id", flat=True))
        self_score = weighted_total([(c, own.get(c)) for c in report.plan.criteria.all() if c.pk in pledged])
    report.narrative, report.self_score = narrative.strip(), self_score
    bump(report)
    report.save()
    upkeep.result_changed(report)
    ResultValue.objects.filter(report=report).exclude(criterion__in=list(achieved)).delete()
    for criterion, value in achieved.items():
        ResultValue.objects.update_or_create(
            report=report,
            criterion=criterion,
            defaults={
                "achieved": value,
                "self_score": own.get(criterion),
                "completion": None,
                "score": None,
                "adjustment_reason": "",
            },
        )
    log_action(actor=by, action="result.updated", obj=report, data={"values": len(achieved)})
    return report


def _self_scores(report, raw_scores):
    """{criterion: Decimal} of the self-scores entered; each between 0 and the criterion's maximum."""
    scores = {}
    for criterion, raw in raw_scores.items():
        if raw in (None, ""):
            continue
        if criterion.plan_id != report.plan_id:
            raise DomainError(_("Tiêu chí không thuộc kế hoạch này."))
        score = _score_in_bounds(criterion, raw, what="self")
        scores[criterion] = score
    return scores


# Whole sentences per score (the unit's own, the Office's recognized one), each translated with its word order.
SCORE_ERRORS = {
    "self": gettext_lazy("Điểm tự chấm của tiêu chí %(code)s phải là số từ 0 đến %(max)s (điểm tối đa của tiêu chí)."),
    "accepted": gettext_lazy(
        "Điểm được công nhận của tiêu chí %(code)s phải là số từ 0 đến %(max)s (điểm tối đa của tiêu chí)."
    ),
}


def _score_in_bounds(criterion, raw, *, what):
    try:
        score = Decimal(str(raw).strip().replace(",", "."))
    except ArithmeticError:
        score = None
    if score is None or not score.is_finite() or score < 0 or score > criterion.max_score:
        raise DomainError(
            SCORE_ERRORS[what] % {"code": criterion.code, "max": _number(criterion.max_score)}, field="score"
        )
    return score.quantize(CENT)


def _number(value):
    """A Decimal as Vietnamese writes it: 30, 7,5."""
    return f"{value.normalize():f}".replace(".", ",")


@transaction.atomic
def upload_evidence(*, report, uploaded, by, description=""):
    """Attach a file to a report being drafted; its type is read from its content, its name is random on disk.

    Refused (DomainError, nothing written) by the portal's one upload rule (emulation.uploads): a file over
    UPLOAD_MAX_BYTES, or whose content is not of an accepted type or does not match its extension.
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
    require(report, "submit")
    require_period_open(report)
    if not report.values.exists():
        raise DomainError(_("Chưa nhập kết quả cho tiêu chí nào."))
    now = timezone.now()
    late = timezone.localdate(now) > report.plan.deadline_for(report.period)
    bump(report)
    transition(report, "submit", by=by, changes={"submitted_at": now, "is_late": late}, data={"late": late})
    upkeep.result_changed(report)
    notify_after_commit(
        kind=NotificationKind.TO_HANDLE,
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
    """Set each value's completion and recognized score and the report's overall completion and score.

    A criterion's score is its maximum × completion capped at 100% (campaigns/scoring.py), unless the Office
    adjusted it (its reason kept): that figure stands. The report's score is the weighted total out of 100 of the
    pledged criteria, its completion the weighted mean of capped completions over them.
    """
    targets = {t.criterion_id: t.value for t in report.pledge.targets.all()}
    values = {v.criterion_id: v for v in report.values.all()}
    total_weight = weighted = Decimal(0)
    scored = []
    for criterion in report.plan.criteria.all():
        if criterion.pk not in targets:
            continue
        value = values.get(criterion.pk)
        completion = criterion_completion(criterion, targets[criterion.pk], value.achieved if value else None)
        score = criterion_score(criterion, completion)
        if value is not None:
            if value.adjustment_reason:
                score = value.score
            value.completion, value.score = completion, score
            value.save(update_fields=["completion", "score"])
        total_weight += criterion.weight
        weighted += criterion.weight * min(completion, HUNDRED)
        scored.append((criterion, score))
    report.completion = (weighted / total_weight).quantize(CENT) if total_weight else Decimal(0)
    report.score = weighted_total(scored)


def recognized_total(report):
    """The report's score from the recognized scores already stored (after an adjustment)."""
    pledged = set(report.pledge.targets.values_list("criterion_id", flat=True))
    scores = dict(report.values.values_list("criterion_id", "score"))
    return weighted_total([(c, scores.get(c.pk)) for c in report.plan.criteria.all() if c.pk in pledged])


def _review(report, by, action, comment, data=None):
    """Move a locked report along the table as its reviewer."""
    bump(report)
    changes = {"reviewed_by": by, "reviewed_at": timezone.now(), "review_comment": comment.strip()}
    return transition(report, action, by=by, comment=comment, changes=changes, data=data)


@transaction.atomic
def accept_result(*, report, by, comment=""):
    """The Office accepts a report: completion and score are computed and kept; the unit is notified.

    Refused before the report's period has begun (a report for a period still ahead describes nothing yet)."""
    check(by, "campaigns.review", report)
    report = _locked(report)
    require(report, "accept")
    require_period_open(report)
    compute_completion(report)
    data = {"score": str(report.score), "completion": str(report.completion)}
    report = _review(report, by, "accept", comment, data=data)
    upkeep.result_changed(report)
    notify_after_commit(
        kind=NotificationKind.REVIEW,
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
    check(by, "campaigns.review", report)
    report = _review(_locked(report), by, "return", comment)
    upkeep.result_changed(report)
    notify_after_commit(
        kind=NotificationKind.REVIEW,
        recipients=list(unit_secretaries([report.unit])),
        title=_("Báo cáo kết quả bị trả lại để bổ sung: %(report)s") % {"report": report},
        body=comment,
        url=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def adjust_score(*, result_value, score, reason, by):
    """The Office sets the recognized score of one criterion of a report under review or accepted, with a reason.

    The score lies between 0 and the criterion's maximum; the reason is required. The value keeps the score and
    the reason (acceptance keeps an adjusted score instead of computing it); an accepted report's total is counted
    again, so the ranking and the totals read the adjusted figure. Side effects: audit entry on the report
    (criterion, from, to, reason), notification to the unit's secretaries.
    """
    report = ResultReport.objects.select_related("plan", "unit").get(pk=result_value.report_id)
    check(by, "campaigns.adjust_score", report)
    report = _locked(report)
    value = ResultValue.objects.select_for_update().select_related("criterion").get(pk=result_value.pk)
    if report.state not in SCORED_STATES:
        raise DomainError(_("Chỉ điều chỉnh điểm khi báo cáo đang được xét hoặc đã được chấp thuận."))
    if report.plan.state == PlanState.CLOSED:
        raise DomainError(_("Kế hoạch đã kết thúc, không thể điều chỉnh điểm."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy ghi rõ lý do điều chỉnh điểm."), field="reason")
    criterion = value.criterion
    new = _score_in_bounds(criterion, score, what="accepted")
    previous = value.score
    value.score, value.adjustment_reason = new, reason
    value.save(update_fields=["score", "adjustment_reason"])
    if report.state == ReviewState.ACCEPTED:
        report.score = recognized_total(report)
    bump(report)
    report.save()
    upkeep.result_changed(report)
    # The history reads what changed, not only why: "Tiêu chí TC3: 5 → 4 điểm. Lý do: …".
    summary = _("Tiêu chí %(code)s: %(from)s → %(to)s điểm. Lý do: %(reason)s") % {
        "code": criterion.code,
        "from": "—" if previous is None else _number(previous),
        "to": _number(new),
        "reason": reason,
    }
    log_action(
        actor=by,
        action="result.score_adjusted",
        obj=report,
        comment=summary,
        data={
            "criterion": criterion.code,
            "from": None if previous is None else str(previous),
            "to": str(new),
            "total": None if report.score is None else str(report.score),
        },
    )
    notify_after_commit(
        kind=NotificationKind.REVIEW,
        recipients=list(unit_secretaries([report.unit])),
        title=_("Văn phòng điều chỉnh điểm tiêu chí %(code)s: %(report)s") % {"code": criterion.code, "report": report},
        body=reason,
        url=report.get_absolute_url(),
    )
    return value
