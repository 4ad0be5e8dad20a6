"""Kinds, states and the allowed transitions of the awards app, on one screen."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.workflow import COUNCIL, HIGHER_LEVEL, OFFICE, STANDING, Waiting, Workflow, unit_secretary


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class DecidedBy(models.TextChoices):
    BLOC = "bloc", _("Ban Thường vụ Đảng ủy Khối quyết định")
    HIGHER = "higher", _("Trình cấp trên quyết định")


class ConditionKind(models.TextChoices):
    HOLDS_TITLE_CONSECUTIVE_YEARS = "holds_title_consecutive_years", _("Đạt danh hiệu liên tục trong N năm")
    HOLDS_TITLE_IN_YEAR = "holds_title_in_year", _("Đạt danh hiệu trong năm")
    INITIATIVE_AT_LEVEL_WITHIN_PERIOD = (
        "initiative_at_level_within_period",
        _("Có sáng kiến được công nhận từ cấp L trở lên trong kỳ"),
    )
    RATING_AT_LEAST = "rating_at_least", _("Xếp loại chất lượng từ mức R trở lên")
    NOT_DISCIPLINED = "not_disciplined", _("Không bị kỷ luật từ mức D trở lên")
    MEMBER_SHARE_WITH_TITLE = "member_share_with_title", _("Tỷ lệ thành viên đạt danh hiệu tối thiểu P%")
    MEMBER_COUNT_WITH_TITLE = "member_count_with_title", _("Số thành viên đạt danh hiệu tối thiểu")
    MEMBER_SHARE_WITH_RATING = "member_share_with_rating", _("Tỷ lệ thành viên xếp loại từ mức R tối thiểu P%")
    MONTHS_WORKED = "months_worked", _("Thời gian công tác trong năm tối thiểu M tháng")
    ACCEPTED_RESULT_AT_LEAST = "accepted_result_at_least", _("Kết quả thi đua cả năm được chấp thuận đạt tối thiểu P%")


class Ruling(models.TextChoices):
    MET = "met", _("Đạt")
    NOT_MET = "not_met", _("Không đạt")
    UNKNOWN = "unknown", _("Chưa đủ dữ liệu")


class Rating(models.IntegerChoices):
    """Yearly quality rating of party organizations and members; higher is better."""

    NOT_COMPLETED = 1, _("Không hoàn thành nhiệm vụ")
    COMPLETED = 2, _("Hoàn thành nhiệm vụ")
    GOOD = 3, _("Hoàn thành tốt nhiệm vụ")
    EXCELLENT = 4, _("Hoàn thành xuất sắc nhiệm vụ")


class DisciplineLevel(models.IntegerChoices):
    REPRIMAND = 1, _("Khiển trách")
    WARNING = 2, _("Cảnh cáo")
    DISMISSAL = 3, _("Cách chức")
    EXPULSION = 4, _("Khai trừ / buộc thôi việc")


class QuotaBasis(models.TextChoices):
    SHARE_OF_TITLE_HOLDERS = "share_of_title", _("Tỷ lệ trên số người đạt danh hiệu cơ sở trong năm của đơn vị")
    PER_CLUSTER = "per_cluster", _("Số lượng tối đa mỗi cụm thi đua")
    PER_UNIT = "per_unit", _("Số lượng tối đa mỗi đơn vị")


class RecordSource(models.TextChoices):
    PORTAL = "portal", _("Quyết định trên cổng")
    IMPORTED = "imported", _("Nhập từ dữ liệu cũ")
    MANUAL = "manual", _("Văn phòng nhập")


class RoundKind(models.TextChoices):
    ANNUAL = "annual", _("Khen thưởng thường xuyên hằng năm")
    THEMATIC = "thematic", _("Khen thưởng theo chuyên đề, đợt thi đua")
    AD_HOC = "ad_hoc", _("Khen thưởng đột xuất")


class RoundState(models.TextChoices):
    OPEN = "open", _("Đang nhận hồ sơ")
    CLOSED = "closed", _("Đã kết thúc")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    VERIFYING = "verifying", _("Đang thẩm định")
    RETURNED = "returned", _("Trả lại để bổ sung")
    VERIFIED = "verified", _("Đã thẩm định")
    IN_BALLOT = "in_ballot", _("Đang bỏ phiếu")
    VOTED = "voted", _("Đã có kết quả bỏ phiếu")
    NOT_PASSED = "not_passed", _("Không được Hội đồng thông qua")
    PUBLIC_NOTICE = "public_notice", _("Đang công khai")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    DECIDED = "decided", _("Đã có quyết định")
    CERTIFIED = "certified", _("Đã cấp giấy khen, giấy chứng nhận")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")


class NomineeResult(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    PASSED = "passed", _("Được Hội đồng thông qua")
    NOT_PASSED = "not_passed", _("Không được thông qua")
    AWARDED = "awarded", _("Đã được khen thưởng")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    REFUSED_BY_HIGHER = "refused", _("Cấp trên không chấp thuận")
    WITHDRAWN = "withdrawn", _("Đã rút")


class VoteChoice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")


class BallotState(models.TextChoices):
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kiểm phiếu")


class NoticeState(models.TextChoices):
    OPEN = "open", _("Đang công khai")
    DECIDED = "decided", _("Đã có quyết định")


class FeedbackKind(models.TextChoices):
    COMMENT = "comment", _("Góp ý")
    OBJECTION = "objection", _("Phản ánh, kiến nghị")


# {from_state: {action: to_state}}: the services consult this table, nothing else decides a transition.
PROPOSAL_TRANSITIONS = {
    ProposalState.DRAFT: {"submit": ProposalState.SUBMITTED, "withdraw": ProposalState.WITHDRAWN},
    ProposalState.SUBMITTED: {"start_verification": ProposalState.VERIFYING, "withdraw": ProposalState.WITHDRAWN},
    ProposalState.VERIFYING: {
        "return": ProposalState.RETURNED,
        "verify": ProposalState.VERIFIED,
        "withdraw": ProposalState.WITHDRAWN,
    },
    ProposalState.RETURNED: {"submit": ProposalState.SUBMITTED, "withdraw": ProposalState.WITHDRAWN},
    ProposalState.VERIFIED: {"open_ballot": ProposalState.IN_BALLOT, "withdraw": ProposalState.WITHDRAWN},
    ProposalState.IN_BALLOT: {
        "close_ballot": ProposalState.VOTED,
        "fail_ballot": ProposalState.NOT_PASSED,
        "withdraw": ProposalState.WITHDRAWN,
    },
    ProposalState.VOTED: {"publish_notice": ProposalState.PUBLIC_NOTICE, "withdraw": ProposalState.WITHDRAWN},
    ProposalState.PUBLIC_NOTICE: {
        "decide": ProposalState.DECIDED,
        "forward": ProposalState.FORWARDED,
        "withdraw": ProposalState.WITHDRAWN,
    },
    ProposalState.FORWARDED: {"record_answer": ProposalState.DECIDED},
    ProposalState.DECIDED: {"issue_certificates": ProposalState.CERTIFIED},
    ProposalState.CERTIFIED: {},
    ProposalState.NOT_PASSED: {},
    ProposalState.WITHDRAWN: {},
}

ROUND_TRANSITIONS = {
    RoundState.OPEN: {"close": RoundState.CLOSED},
    RoundState.CLOSED: {},
}

BALLOT_TRANSITIONS = {
    BallotState.OPEN: {"close": BallotState.CLOSED},
    BallotState.CLOSED: {},
}

NOTICE_TRANSITIONS = {
    NoticeState.OPEN: {"decide": NoticeState.DECIDED},
    NoticeState.DECIDED: {},
}

# Audit action names and their Vietnamese labels, one per proposal transition and per other step.
ACTION_LABELS = {
    "award_proposal.created": _("Lập hồ sơ đề nghị"),
    "award_proposal.submit": _("Gửi hồ sơ đề nghị"),
    "award_proposal.start_verification": _("Bắt đầu thẩm định"),
    "award_proposal.return": _("Trả lại hồ sơ để bổ sung"),
    "award_proposal.verify": _("Thẩm định đạt"),
    "award_proposal.open_ballot": _("Đưa ra Hội đồng bỏ phiếu"),
    "award_proposal.close_ballot": _("Có kết quả bỏ phiếu"),
    "award_proposal.fail_ballot": _("Không được Hội đồng thông qua"),
    "award_proposal.publish_notice": _("Công khai danh sách đề nghị"),
    "award_proposal.decide": _("Ban Thường vụ quyết định khen thưởng"),
    "award_proposal.forward": _("Trình cấp trên khen thưởng"),
    "award_proposal.record_answer": _("Ghi nhận kết quả của cấp trên"),
    "award_proposal.issue_certificates": _("Cấp giấy khen, giấy chứng nhận"),
    "award_proposal.withdraw": _("Rút hồ sơ đề nghị"),
    "award_proposal.nominee_added": _("Thêm người/tập thể được đề nghị"),
    "award_proposal.nominee_removed": _("Bỏ người/tập thể được đề nghị"),
    "award_proposal.attachment_added": _("Đính kèm tệp"),
    "award_proposal.override": _("Văn phòng chấp nhận vượt điều kiện (có giải trình)"),
    "award_round.opened": _("Mở đợt xét khen thưởng"),
    "award_round.closed": _("Kết thúc đợt xét khen thưởng"),
    "award_ballot.opened": _("Mở phiên bỏ phiếu kín"),
    "award_ballot.voted": _("Thành viên Hội đồng bỏ phiếu"),
    "award_ballot.closed": _("Kiểm phiếu"),
    "award_notice.published": _("Công khai danh sách"),
    "award_notice.feedback": _("Gửi ý kiến trong thời gian công khai"),
    "award_notice.resolved": _("Văn phòng xử lý ý kiến"),
    "award_notice.decided": _("Kết thúc công khai: đã có quyết định"),
    "award_decision.recorded": _("Ghi nhận quyết định khen thưởng"),
    "award_history.imported": _("Nhập lịch sử khen thưởng"),
}

# Who must act on a dossier in each state. The ballot's closing time and the notice's end are on their own pages
# (a dossier's page does not join them); a draft is due by its round's deadline.
PROPOSAL_WAITING = {
    ProposalState.DRAFT: Waiting(unit_secretary, "round.submission_deadline"),
    ProposalState.SUBMITTED: Waiting(OFFICE),
    ProposalState.VERIFYING: Waiting(OFFICE),
    ProposalState.RETURNED: Waiting(unit_secretary),
    ProposalState.VERIFIED: Waiting(OFFICE),
    ProposalState.IN_BALLOT: Waiting(COUNCIL),
    ProposalState.VOTED: Waiting(OFFICE),
    ProposalState.PUBLIC_NOTICE: Waiting(STANDING),
    ProposalState.FORWARDED: Waiting(HIGHER_LEVEL),
    ProposalState.DECIDED: Waiting(OFFICE),
}

# Every stateful model's table, registered with the core's transition helper (emulation.workflow).
PROPOSAL_WORKFLOW = Workflow(
    "awards.Proposal",
    PROPOSAL_TRANSITIONS,
    noun=_("hồ sơ"),
    labels={
        action: ACTION_LABELS[f"award_proposal.{action}"] for moves in PROPOSAL_TRANSITIONS.values() for action in moves
    },
    audit="award_proposal",
    waiting=PROPOSAL_WAITING,
)
ROUND_WORKFLOW = Workflow(
    "awards.Round",
    ROUND_TRANSITIONS,
    noun=_("đợt xét"),
    labels={"close": ACTION_LABELS["award_round.closed"]},
    audit={"close": "award_round.closed"},
    waiting={RoundState.OPEN: Waiting(_("Các đơn vị (nộp hồ sơ đề nghị)"), "submission_deadline")},
)


def _ballot_waits_for(ballot):
    """The council until the voting time ends; then the Office, which counts the votes (the ballot is still open)."""
    return COUNCIL if timezone.now() < ballot.closes_at else OFFICE


def _counted_ballot_waits_for(ballot):
    """A counted ballot waits for the Office to publish its list, until the public notice exists."""
    from django.core.exceptions import ObjectDoesNotExist

    if ballot.pk is None:
        return None
    try:
        ballot.notice  # noqa: B018 - the one-to-one's existence is the question
    except ObjectDoesNotExist:
        return OFFICE
    return None


def _ballot_due(ballot):
    return ballot.closes_at if timezone.now() < ballot.closes_at else None


BALLOT_WORKFLOW = Workflow(
    "awards.Ballot",
    BALLOT_TRANSITIONS,
    noun=_("phiên bỏ phiếu"),
    labels={"close": ACTION_LABELS["award_ballot.closed"]},
    audit={"close": "award_ballot.closed"},
    waiting={
        BallotState.OPEN: Waiting(_ballot_waits_for, _ballot_due),
        BallotState.CLOSED: Waiting(_counted_ballot_waits_for),
    },
)
NOTICE_WORKFLOW = Workflow(
    "awards.PublicNotice",
    NOTICE_TRANSITIONS,
    noun=_("danh sách công khai"),
    labels={"decide": ACTION_LABELS["award_notice.decided"]},
    audit={"decide": "award_notice.decided"},
    # No due date: the decision opens the day after the notice ends (PublicNotice.decision_opens_after), and the
    # notice's page says so on the disabled action; the law sets the Standing Committee no deadline.
    waiting={NoticeState.OPEN: Waiting(STANDING)},
)

# Before these states the unit edits its dossier; after the decision nothing is withdrawn.
EDITABLE_STATES = {ProposalState.DRAFT, ProposalState.RETURNED}
# The Office and the Standing Committee see a proposal once it has been sent.
FILED_STATES = set(ProposalState) - {ProposalState.DRAFT}
# The council reads dossiers from verification on.
COUNCIL_VISIBLE_STATES = {
    ProposalState.VERIFIED,
    ProposalState.IN_BALLOT,
    ProposalState.VOTED,
    ProposalState.NOT_PASSED,
    ProposalState.PUBLIC_NOTICE,
    ProposalState.FORWARDED,
    ProposalState.DECIDED,
    ProposalState.CERTIFIED,
}
ACTIVE_STATES = set(ProposalState) - {ProposalState.WITHDRAWN, ProposalState.NOT_PASSED}
# Nominee results that still count against a quota.
QUOTA_RESULTS = {NomineeResult.PENDING, NomineeResult.PASSED, NomineeResult.AWARDED, NomineeResult.FORWARDED}
