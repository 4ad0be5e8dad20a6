"""States, kinds and the allowed transitions of the campaigns app, on one screen."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from emulation.workflow import OFFICE, PROPAGANDA, STANDING, Waiting, Workflow, unit_secretary


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Chờ phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã kết thúc")


class MeasureKind(models.TextChoices):
    YES_NO = "yes_no", _("Có/Không")
    NUMBER = "number", _("Số lượng")
    PERCENT = "percent", _("Tỷ lệ (%)")
    SCORE = "score", _("Điểm")


class ReviewState(models.TextChoices):
    """States of a pledge or a result report: filed by a unit, reviewed by the Office."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để bổ sung")
    ACCEPTED = "accepted", _("Đã chấp thuận")
    SUPERSEDED = "superseded", _("Đã thay thế bằng bản sửa đổi")


class CovenantState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang ký kết")
    CLOSED = "closed", _("Đã hoàn tất")


class ReportingPeriod(models.TextChoices):
    SIX_MONTH = "six_month", _("Sáu tháng đầu năm")
    YEAR_END = "year_end", _("Cả năm")


def period_label(period, year):
    """A plan's reporting period with its year, as a sentence says it: 'sáu tháng đầu năm 2027', 'cả năm 2027'.

    The one place that joins a period to its year: the period's name already ends in "năm", so a caller that
    wrote "<period> năm <year>" printed "sáu tháng đầu năm năm 2027"."""
    if period == ReportingPeriod.SIX_MONTH:
        return gettext("sáu tháng đầu năm %(year)s") % {"year": year}
    return gettext("cả năm %(year)s") % {"year": year}


class ExemplarKind(models.TextChoices):
    EXEMPLAR = "exemplar", _("Điển hình tiên tiến")
    NEW_FACTOR = "new_factor", _("Nhân tố mới")
    GOOD_MODEL = "good_model", _("Mô hình hay")
    GOOD_PRACTICE = "good_practice", _("Cách làm hay")
    GOOD_DEED = "good_deed", _("Người tốt, việc tốt")


class ExemplarState(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    VERIFIED = "verified", _("Đã xác nhận")
    REJECTED = "rejected", _("Không xác nhận")
    PUBLISHED = "published", _("Đã công bố")


class RecognitionLevel(models.IntegerChoices):
    """Levels at which an initiative is recognized; higher is wider effect."""

    UNIT = 1, _("Cấp cơ sở")
    BLOC = 2, _("Cấp Đảng ủy Khối")
    PROVINCE = 3, _("Cấp tỉnh")
    NATION = 4, _("Cấp toàn quốc")


class InitiativeState(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    RECOGNIZED = "recognized", _("Đã công nhận")
    REJECTED = "rejected", _("Không công nhận")


# {from_state: {action: to_state}}: the services consult these, nothing else decides a transition.
# A plan is approved in a loop: the Office submits the draft, the Standing Committee approves it or returns it to
# draft with a comment, the Office edits and submits again.
PLAN_TRANSITIONS = {
    PlanState.DRAFT: {"submit": PlanState.SUBMITTED},
    PlanState.SUBMITTED: {"approve": PlanState.APPROVED, "return": PlanState.DRAFT},
    PlanState.APPROVED: {"launch": PlanState.LAUNCHED, "reopen": PlanState.DRAFT},
    PlanState.LAUNCHED: {"close": PlanState.CLOSED},
    PlanState.CLOSED: {},
}

# A plan the units do not see yet: nothing is owed for it, so nothing is overdue, before it is launched.
NOT_LAUNCHED_PLAN_STATES = frozenset({PlanState.DRAFT, PlanState.SUBMITTED, PlanState.APPROVED})

REVIEW_TRANSITIONS = {
    ReviewState.DRAFT: {"submit": ReviewState.SUBMITTED},
    ReviewState.SUBMITTED: {"accept": ReviewState.ACCEPTED, "return": ReviewState.RETURNED},
    ReviewState.RETURNED: {"submit": ReviewState.SUBMITTED},
    ReviewState.ACCEPTED: {"revise": ReviewState.SUPERSEDED},
    ReviewState.SUPERSEDED: {},
}

EXEMPLAR_TRANSITIONS = {
    ExemplarState.PROPOSED: {"verify": ExemplarState.VERIFIED, "reject": ExemplarState.REJECTED},
    ExemplarState.VERIFIED: {"publish": ExemplarState.PUBLISHED},
    ExemplarState.PUBLISHED: {"unpublish": ExemplarState.VERIFIED},
    ExemplarState.REJECTED: {},
}

INITIATIVE_TRANSITIONS = {
    InitiativeState.PROPOSED: {"recognize": InitiativeState.RECOGNIZED, "reject": InitiativeState.REJECTED},
    InitiativeState.RECOGNIZED: {},
    InitiativeState.REJECTED: {},
}

# A covenant closes by itself once every member unit has signed it.
COVENANT_TRANSITIONS = {
    CovenantState.DRAFT: {"open": CovenantState.OPEN},
    CovenantState.OPEN: {"complete": CovenantState.CLOSED},
    CovenantState.CLOSED: {},
}

REVIEW_LABELS = {
    "submit": _("Gửi"),
    "accept": _("Chấp thuận"),
    "return": _("Trả lại để bổ sung"),
    "revise": _("Sửa đổi"),
}


def next_plan_deadline(plan):
    """The launched plan's next deadline (registration, six months, year end); the last one once all have passed."""
    today = timezone.localdate()
    deadlines = [plan.registration_deadline, plan.six_month_deadline, plan.year_end_deadline]
    return next((d for d in deadlines if d >= today), deadlines[-1])


def result_deadline(report):
    return report.plan.deadline_for(report.period)


UNITS_OF_PLAN = _("Các đơn vị thi đua (đăng ký, báo cáo kết quả)")
# Who must act on a pledge or a result report in each state (the deadline of a result is its period's).
PLEDGE_WAITING = {
    ReviewState.DRAFT: Waiting(unit_secretary, "plan.registration_deadline"),
    ReviewState.SUBMITTED: Waiting(OFFICE),
    ReviewState.RETURNED: Waiting(unit_secretary, "plan.registration_deadline"),
    ReviewState.ACCEPTED: None,
}
RESULT_WAITING = {
    ReviewState.DRAFT: Waiting(unit_secretary, result_deadline),
    ReviewState.SUBMITTED: Waiting(OFFICE),
    ReviewState.RETURNED: Waiting(unit_secretary, result_deadline),
    ReviewState.ACCEPTED: None,
}

# Every stateful model's table, registered with the core's transition helper (emulation.workflow).
PLAN_WORKFLOW = Workflow(
    "campaigns.YearPlan",
    PLAN_TRANSITIONS,
    noun=_("kế hoạch"),
    labels={
        "submit": _("Gửi Ban Thường vụ phê duyệt"),
        "approve": _("Phê duyệt kế hoạch"),
        "return": _("Trả lại kế hoạch để chỉnh sửa"),
        "launch": _("Phát động kế hoạch"),
        "reopen": _("Trả về dự thảo"),
        "close": _("Kết thúc kế hoạch"),
    },
    audit={
        "submit": "plan.submitted",
        "approve": "plan.approved",
        "return": "plan.returned",
        "launch": "plan.launched",
        "reopen": "plan.reopened",
        "close": "plan.closed",
    },
    waiting={
        PlanState.DRAFT: Waiting(OFFICE),
        PlanState.SUBMITTED: Waiting(STANDING),
        PlanState.APPROVED: Waiting(OFFICE),
        PlanState.LAUNCHED: Waiting(UNITS_OF_PLAN, next_plan_deadline),
    },
)
PLEDGE_WORKFLOW = Workflow(
    "campaigns.Pledge",
    REVIEW_TRANSITIONS,
    noun=_("bản đăng ký"),
    labels=REVIEW_LABELS,
    audit={
        "submit": "pledge.submitted",
        "accept": "pledge.accepted",
        "return": "pledge.returned",
        "revise": "pledge.superseded",
    },
    waiting=PLEDGE_WAITING,
)
RESULT_WORKFLOW = Workflow(
    "campaigns.ResultReport",
    REVIEW_TRANSITIONS,
    noun=_("báo cáo"),
    labels=REVIEW_LABELS,
    audit={
        "submit": "result.submitted",
        "accept": "result.accepted",
        "return": "result.returned",
        "revise": "result.superseded",
    },
    waiting=RESULT_WAITING,
)
COVENANT_WORKFLOW = Workflow(
    "campaigns.Covenant",
    COVENANT_TRANSITIONS,
    noun=_("giao ước"),
    labels={"open": _("Mở ký giao ước"), "complete": _("Hoàn tất giao ước")},
    audit={"open": "covenant.opened", "complete": "covenant.completed"},
    waiting={
        CovenantState.DRAFT: Waiting(_("Đơn vị trưởng cụm"), "plan.registration_deadline"),
        CovenantState.OPEN: Waiting(_("Các đơn vị trong cụm chưa ký"), "plan.registration_deadline"),
    },
)
EXEMPLAR_WORKFLOW = Workflow(
    "campaigns.Exemplar",
    EXEMPLAR_TRANSITIONS,
    noun=_("điển hình"),
    labels={
        "verify": _("Xác nhận"),
        "reject": _("Không xác nhận"),
        "publish": _("Công bố"),
        "unpublish": _("Thôi công bố"),
    },
    audit={
        "verify": "exemplar.verified",
        "reject": "exemplar.rejected",
        "publish": "exemplar.published",
        "unpublish": "exemplar.unpublished",
    },
    waiting={
        ExemplarState.PROPOSED: Waiting(OFFICE),
        ExemplarState.VERIFIED: Waiting(PROPAGANDA),
        ExemplarState.PUBLISHED: None,
    },
)
INITIATIVE_WORKFLOW = Workflow(
    "campaigns.Initiative",
    INITIATIVE_TRANSITIONS,
    noun=_("sáng kiến"),
    labels={"recognize": _("Công nhận sáng kiến"), "reject": _("Không công nhận sáng kiến")},
    audit={"recognize": "initiative.recognized", "reject": "initiative.rejected"},
    waiting={InitiativeState.PROPOSED: Waiting(OFFICE)},
)

# States in which a unit may still edit what it filed.
EDITABLE_STATES = {ReviewState.DRAFT, ReviewState.RETURNED}
# States a filed record is counted in (coverage, "has pledged").
FILED_STATES = {ReviewState.SUBMITTED, ReviewState.ACCEPTED}

# Suggestions offered in the forms; the award catalog (awards/) holds the legal conditions.
INDIVIDUAL_TITLES = [
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Chiến sĩ thi đua cấp tỉnh",
    "Chiến sĩ thi đua toàn quốc",
]
COLLECTIVE_TITLES = [
    "Tập thể lao động tiên tiến",
    "Tập thể lao động xuất sắc",
    "Cờ thi đua cấp tỉnh",
]
