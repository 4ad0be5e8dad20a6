"""Demo data of the campaigns, drawn from the 2020-2025 plan (shared/seed/ke-hoach-thi-dua-2020-2025.txt) and told
relative to today: the previous term (2020-2025) closed, the current term holding last year's plan closed and
fully reported, this year's plan launched with pledges, covenants and results in every state, and next year's plan
in draft. Nothing is dated after today, and only what is really late is late.

Idempotent: everything is found by a natural key (term name, movement number, plan year, criterion code,
plan + unit, title) and updated in place; audit entries are written only when a record is first created.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from emulation.demo import at, played_at, working_day
from emulation.models import Cluster, Person, Unit
from emulation.services import log_action

from . import upkeep
from .enums import (
    CovenantState,
    ExemplarKind,
    ExemplarState,
    InitiativeState,
    MeasureKind,
    PlanState,
    RecognitionLevel,
    ReviewState,
)
from .models import (
    Covenant,
    CovenantSignature,
    Criterion,
    Exemplar,
    IndividualRegistration,
    Initiative,
    Movement,
    Phase,
    Pledge,
    PledgeTarget,
    ResultReport,
    ResultValue,
    Term,
    YearPlan,
)
from .selectors import MEMBER_LEVELS
from .services.results import compute_completion

FIRST_TERM_START = 2020  # terms of five years from 2020: 2020-2025, 2025-2030, ...
TERM_THEME = (
    "Đổi mới, sáng tạo, tổ chức sâu rộng, hiệu quả các phong trào thi đua yêu nước, "
    "xây dựng Hà Tĩnh phát triển nhanh, bền vững"
)
TERM_MOTTO = "Đổi mới - Sáng tạo - Hiệu quả"
TERM_BASIS_2020 = "\n".join(
    [
        "Chỉ thị số 08-CT/TU, ngày 24/5/2021 của Ban Thường vụ Tỉnh ủy về đẩy mạnh phong trào thi đua yêu nước "
        "thực hiện thắng lợi nghị quyết đại hội Đảng các cấp nhiệm kỳ 2020 - 2025",
        "Chỉ thị số 34-CT/TW, ngày 07/4/2014 của Bộ Chính trị khoá XI về tiếp tục đổi mới công tác thi đua, "
        "khen thưởng",
        "Nghị định số 91/2017/NĐ-CP, ngày 31/7/2017 của Chính phủ (nay là Nghị định số 98/2023/NĐ-CP)",
        "Chỉ thị số 41-CT/TU, ngày 09/9/2014 của Ban Thường vụ Tỉnh ủy",
        "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị",
    ]
)
TERM_BASIS_LATER = "\n".join(
    [
        "Luật Thi đua, khen thưởng số 06/2022/QH15, ngày 15/6/2022",
        "Nghị định số 98/2023/NĐ-CP, ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của "
        "Luật Thi đua, khen thưởng",
        "Chỉ thị số 34-CT/TW, ngày 07/4/2014 của Bộ Chính trị khoá XI về tiếp tục đổi mới công tác thi đua, "
        "khen thưởng",
    ]
)

# The five key movements named in the plan, with their exact names.
MOVEMENTS = [
    (1, "Cả tỉnh chung sức xây dựng nông thôn mới, đô thị văn minh", "Văn phòng Đảng ủy Khối"),
    (2, "Toàn dân đoàn kết xây dựng đời sống văn hóa", "Ban Tuyên giáo Đảng ủy Khối"),
    (
        3,
        "Cán bộ, đảng viên, công chức, viên chức, người lao động Đảng bộ Khối thi đua thực hiện văn hóa công sở, "
        "văn hóa doanh nghiệp",
        "Ban Tuyên giáo Đảng ủy Khối",
    ),
    (4, "Doanh nghiệp Hà Tĩnh hội nhập và phát triển", "Văn phòng Đảng ủy Khối"),
    (5, "Hà Tĩnh chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", "Các tổ chức đoàn thể Khối"),
]

FOCUS_TASKS = "\n".join(
    [
        "Thực hiện thắng lợi nghị quyết đại hội Đảng các cấp và Nghị quyết Đại hội Đảng bộ Khối;",
        "Cải cách hành chính, chuyển đổi số trong các cơ quan, đơn vị, doanh nghiệp;",
        "Xây dựng nông thôn mới, đô thị văn minh;",
        "Xây dựng văn hóa công sở, văn hóa doanh nghiệp, nâng cao hiệu lực, hiệu quả hoạt động của các cơ quan, "
        "đơn vị, doanh nghiệp;",
        "Thực hiện nhiệm vụ chính trị, phát triển sản xuất, kinh doanh, công tác xây dựng Đảng và hệ thống "
        "chính trị trong sạch, vững mạnh.",
    ]
)
BLOC_FOUNDED = 1956  # 65 years in 2021: the Bloc's tradition day is one of each year's phases


def _phases(year):
    """Each year's three phases: the Party's anniversary, National Day, the Bloc's tradition day."""
    return [
        (
            "Đợt thi đua chào mừng kỷ niệm Ngày thành lập Đảng",
            f"Kỷ niệm {year - 1930} năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/{year})",
            datetime.date(year, 1, 5),
            datetime.date(year, 2, 3),
        ),
        (
            "Đợt thi đua chào mừng Cách mạng Tháng Tám và Quốc khánh",
            f"Kỷ niệm {year - 1945} năm Cách mạng Tháng Tám và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
            datetime.date(year, 7, 1),
            datetime.date(year, 9, 2),
        ),
        (
            "Đợt thi đua chào mừng Ngày truyền thống Đảng bộ Khối",
            f"{year - BLOC_FOUNDED} năm Ngày truyền thống Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh",
            datetime.date(year, 10, 1),
            datetime.date(year, 12, 15),
        ),
    ]


# code, name, movement number, measure, unit, guidance, weight, max score, evidence
CRITERIA = [
    (
        "TC1",
        "Tổ chức quán triệt, triển khai Chỉ thị số 08-CT/TU và kế hoạch thi đua của Đảng ủy Khối",
        None,
        MeasureKind.YES_NO,
        "",
        "Đã tổ chức quán triệt, triển khai",
        "1",
        "10",
        "Kế hoạch, biên bản hội nghị quán triệt",
    ),
    (
        "TC2",
        "Tỷ lệ đảng viên được đánh giá hoàn thành tốt nhiệm vụ trở lên",
        None,
        MeasureKind.PERCENT,
        "",
        "Từ 90% trở lên",
        "2",
        "20",
        "Báo cáo kiểm điểm, đánh giá đảng viên",
    ),
    (
        "TC3",
        "Số mô hình, cách làm hay tham gia xây dựng nông thôn mới, đô thị văn minh",
        1,
        MeasureKind.NUMBER,
        "mô hình",
        "Ít nhất 1 mô hình",
        "1",
        "10",
        "Quyết định, hình ảnh mô hình",
    ),
    (
        "TC4",
        "Điểm đánh giá thực hiện văn hóa công sở, văn hóa doanh nghiệp",
        3,
        MeasureKind.SCORE,
        "điểm",
        "Tự chấm theo bộ tiêu chí, tối đa 10 điểm",
        "1",
        "10",
        "Bảng tự chấm có xác nhận",
    ),
    (
        "TC5",
        "Số tiền ủng hộ Quỹ Vì người nghèo",
        5,
        MeasureKind.NUMBER,
        "triệu đồng",
        "Theo khả năng của đơn vị",
        "1",
        "10",
        "Biên lai, giấy xác nhận",
    ),
    (
        "TC6",
        "Số sáng kiến, giải pháp được công nhận",
        None,
        MeasureKind.NUMBER,
        "sáng kiến",
        "Ít nhất 1 sáng kiến",
        "1",
        "10",
        "Quyết định công nhận sáng kiến",
    ),
]

# This year's plan: units that file nothing (missing), that file late, whose pledge is a draft or was returned.
MISSING = {"so-tu-phap", "moi-truong", "cdc"}
LATE = {"cong-doan-khoi", "xo-so", "viettel"}
DRAFT = {"ban-dan-toc"}
RETURNED = {"cap-nuoc"}
SUBMITTED = {"dai-phat-thanh", "vietcombank"}
# Six-month results: accepted for most accepted pledges, the others in every other state or not yet filed.
RESULT_SUBMITTED = {"dai-hoc-ha-tinh", "agribank"}
RESULT_RETURNED = {"cao-dang-y-te"}
RESULT_DRAFT = {"dien-luc"}
RESULT_MISSING = {"so-ke-hoach", "bao-ha-tinh"}
# Last year's plan: every unit pledged and reported; these filed their pledge a few days late.
LAST_YEAR_LATE = {"xo-so"}


def term_start(year):
    """The first year of the term a plan year belongs to: 2025 opens the 2025-2030 term."""
    return FIRST_TERM_START + 5 * ((year - FIRST_TERM_START) // 5)


def _user(username):
    return User.objects.filter(username=username).first()


def _filer(unit):
    """Who filed for a unit in the demo history: its secretary, else the Office (the history needs an actor)."""
    secretary = User.objects.filter(role_assignments__role="secretary", role_assignments__unit=unit).first()
    return secretary or _user("vanphong")


class Clock:
    """Today, and the demo's moments kept on or before it: a step planned for later has not happened yet."""

    def __init__(self, today):
        self.today = today

    def day(self, day):
        return min(day, self.today)

    def moment(self, day, hour=9):
        return min(at(self.day(working_day(day)), hour), timezone.now())

    def has_passed(self, day):
        return day < self.today


def seed(stdout=None):
    clock = Clock(timezone.localdate())
    year = clock.today.year
    office, standing = _user("vanphong"), _user("thuongvu")
    terms = {start: _term(start) for start in (term_start(year) - 5, term_start(year), term_start(year + 1))}
    units = {u.code: u for u in Unit.objects.filter(level__in=MEMBER_LEVELS, is_active=True).select_related("cluster")}
    last = _plan(year - 1, terms[term_start(year - 1)], standing, clock, PlanState.CLOSED)
    _closed_year(last, units, office)
    plan = _plan(year, terms[term_start(year)], standing, clock, PlanState.LAUNCHED)
    pledges = _pledges(plan, units, office, clock)
    _covenants(plan, units, clock)
    _results(plan, pledges, office, clock)
    # Next year's plan, still a draft: its criteria are being written (four of them so far).
    _plan(year + 1, terms[term_start(year + 1)], standing, clock, PlanState.DRAFT, criteria=CRITERIA[:4])
    _exemplars(plan, units, clock)
    _initiatives(units)
    # Written around the services (the story's past states and dates): the kept figures follow in one go.
    upkeep.everything_reloaded()
    if stdout:
        stdout.write(
            f"Phong trào thi đua: nhiệm kỳ {terms[term_start(year)][0].name}, kế hoạch {year - 1} (đã kết thúc), "
            f"{year} (đã phát động, {len(pledges)} bản đăng ký) và {year + 1} (dự thảo)."
        )


def _term(start):
    """A term of five years with the five key movements; the first one carries the 2020-2025 plan's basis."""
    term, _ = Term.objects.update_or_create(
        name=f"{start}-{start + 5}",
        defaults={
            "start_year": start,
            "end_year": start + 5,
            "theme": TERM_THEME,
            "motto": TERM_MOTTO,
            "basis_documents": TERM_BASIS_2020 if start == FIRST_TERM_START else TERM_BASIS_LATER,
        },
    )
    movements = [
        Movement.objects.update_or_create(
            term=term, number=number, defaults={"name": name, "department": department, "is_key": True}
        )[0]
        for number, name, department in MOVEMENTS
    ]
    return term, movements


def _criteria(plan, movements, rows):
    by_number = {m.number: m for m in movements}
    for order, (code, name, movement, measure, unit, guidance, weight, max_score, evidence) in enumerate(rows, 1):
        Criterion.objects.update_or_create(
            plan=plan,
            code=code,
            defaults={
                "name": name,
                "movement": by_number.get(movement),
                "measure": measure,
                "measure_unit": unit,
                "target_guidance": guidance,
                "weight": Decimal(weight),
                "max_score": Decimal(max_score),
                "evidence_expected": evidence,
                "order": order,
            },
        )


def _plan(year, term_and_movements, standing, clock, state, criteria=CRITERIA):
    """A year's plan in ``state``: submitted by the Office, approved and launched in January, closed once the year is
    over."""
    term, movements = term_and_movements
    approved = state != PlanState.DRAFT
    plan, created = YearPlan.objects.update_or_create(
        year=year,
        defaults={
            "term": term,
            "theme": f"Đoàn kết, kỷ cương, đổi mới, sáng tạo, thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm {year}",
            "focus_tasks": FOCUS_TASKS,
            "registration_deadline": datetime.date(year, 3, 31),
            "six_month_deadline": datetime.date(year, 7, 15),
            "year_end_deadline": datetime.date(year, 12, 15),
            "state": state,
            "submitted_by": _user("vanphong") if approved else None,
            "submitted_at": clock.moment(datetime.date(year, 1, 5), 8) if approved else None,
            "approved_by": standing if approved else None,
            "approved_at": clock.moment(datetime.date(year, 1, 6)) if approved else None,
            "launched_at": clock.moment(datetime.date(year, 1, 8)) if approved else None,
            "closed_at": at(datetime.date(year, 12, 31), 16) if state == PlanState.CLOSED else None,
        },
    )
    plan.movements.set(movements)
    for name, occasion, start, end in _phases(year):
        Phase.objects.update_or_create(
            plan=plan, name=name, defaults={"occasion": occasion, "start_date": start, "end_date": end}
        )
    _criteria(plan, movements, criteria)
    if created and approved:
        with played_at(plan.submitted_at):
            log_action(actor=_user("vanphong"), action="plan.submitted", obj=plan)
        with played_at(plan.approved_at):
            log_action(actor=standing, action="plan.approved", obj=plan)
        with played_at(plan.launched_at):
            log_action(actor=_user("vanphong"), action="plan.launched", obj=plan)
        if state == PlanState.CLOSED:
            with played_at(plan.closed_at):
                log_action(actor=_user("vanphong"), action="plan.closed", obj=plan)
    return plan


def _targets(index):
    """Deterministic targets per criterion code for the index-th unit."""
    return {
        "TC1": Decimal(1),
        "TC2": Decimal(90 + index % 8),
        "TC3": Decimal(1 + index % 3),
        "TC4": Decimal(8 + (index % 3) / 2),
        "TC5": Decimal(10 + 5 * (index % 4)),
        "TC6": Decimal(1 + index % 2),
    }


def _pledge(plan, unit, index, *, state, late, submitted, reviewed, reviewer, comment=""):
    """One unit's pledge with its targets and three individual registrations; its history when first created."""
    criteria = {c.code: c for c in plan.criteria.all()}
    pledge, created = Pledge.objects.update_or_create(
        plan=plan,
        unit=unit,
        revision=1,
        defaults={
            "state": state,
            "is_late": late,
            "submitted_at": submitted,
            "reviewed_at": reviewed,
            "reviewed_by": reviewer if reviewed else None,
            "review_comment": comment,
            "aimed_title": "Tập thể lao động xuất sắc" if index % 3 else "Tập thể lao động tiên tiến",
            "commitment": f"Đơn vị cam kết thực hiện tốt các phong trào thi đua năm {plan.year}, hoàn thành "
            "xuất sắc nhiệm vụ chính trị được giao.",
        },
    )
    pledge.movements.set(plan.movements.all())
    for criterion_code, value in _targets(index).items():
        if state == ReviewState.RETURNED and criterion_code == "TC5":
            continue
        PledgeTarget.objects.update_or_create(
            pledge=pledge, criterion=criteria[criterion_code], defaults={"value": value}
        )
    people = list(Person.objects.filter(unit=unit, is_active=True).order_by("pk")[:3])
    for n, person in enumerate(people):
        IndividualRegistration.objects.update_or_create(
            pledge=pledge,
            person=person,
            defaults={"title": "Chiến sĩ thi đua cơ sở" if n == 0 else "Lao động tiên tiến"},
        )
    if created:
        # The history reads as it happened: each entry at the pledge's latest step, not at the seeding.
        with played_at(reviewed or submitted or timezone.now()):
            _log_pledge_history(pledge, reviewer)
    return pledge


def _pledges(plan, units, office, clock):
    """This year's pledges in every state; late only once the deadline has passed, all stamped on or before today."""
    deadline = plan.registration_deadline
    pledges = {}
    for index, (code, unit) in enumerate(sorted(units.items())):
        if code in MISSING:
            continue
        state = ReviewState.ACCEPTED
        if code in DRAFT:
            state = ReviewState.DRAFT
        elif code in RETURNED:
            state = ReviewState.RETURNED
        elif code in SUBMITTED:
            state = ReviewState.SUBMITTED
        late_day = deadline + datetime.timedelta(days=5)
        late = code in LATE and clock.has_passed(late_day)
        submitted = None
        if state != ReviewState.DRAFT:
            planned = late_day if late else deadline - datetime.timedelta(days=3 + index)
            submitted = clock.day(max(planned, plan.launched_at.date()))
        reviewed = None
        if state in (ReviewState.ACCEPTED, ReviewState.RETURNED):
            reviewed = clock.moment(submitted + datetime.timedelta(days=2), 15)
        pledges[code] = _pledge(
            plan,
            unit,
            index,
            state=state,
            late=late,
            submitted=clock.moment(submitted) if submitted else None,
            reviewed=reviewed,
            reviewer=office,
            comment="Đề nghị bổ sung chỉ tiêu về ủng hộ Quỹ Vì người nghèo." if state == ReviewState.RETURNED else "",
        )
    return pledges


def _log_pledge_history(pledge, office):
    log_action(actor=_filer(pledge.unit), action="pledge.created", obj=pledge)
    if pledge.state != ReviewState.DRAFT:
        log_action(actor=_filer(pledge.unit), action="pledge.submitted", obj=pledge, data={"late": pledge.is_late})
    if pledge.state == ReviewState.ACCEPTED:
        log_action(actor=office, action="pledge.accepted", obj=pledge)
    if pledge.state == ReviewState.RETURNED:
        log_action(actor=office, action="pledge.returned", obj=pledge, comment=pledge.review_comment)


def _covenant(plan, cluster, state, opened, signed_units):
    """A cluster's covenant drafted by its lead unit's secretary, signed by ``signed_units``."""
    lead = cluster.lead_unit
    secretary = User.objects.filter(role_assignments__unit=lead, role_assignments__role="secretary").first()
    covenant, created = Covenant.objects.update_or_create(
        plan=plan,
        cluster=cluster,
        defaults={
            "lead_unit": lead,
            "title": f"Giao ước thi đua năm {plan.year} – {cluster.name}",
            "text": (
                f"Các đơn vị trong cụm cùng giao ước thi đua thực hiện thắng lợi nhiệm vụ chính trị năm {plan.year}, "
                "thường xuyên trao đổi kinh nghiệm, phát hiện và nhân rộng điển hình tiên tiến."
            ),
            "state": state,
            "opened_at": opened if state != CovenantState.DRAFT else None,
            "created_by": secretary,
        },
    )
    covenant.criteria.set(list(plan.criteria.filter(code__in=["TC1", "TC2", "TC4"])))
    drafter = secretary or _user("vanphong")
    if created:
        log_action(actor=drafter, action="covenant.drafted", obj=covenant)
        if state != CovenantState.DRAFT:
            log_action(actor=drafter, action="covenant.opened", obj=covenant)
    for unit in signed_units:
        with played_at(opened + datetime.timedelta(days=3)):
            _, new = CovenantSignature.objects.get_or_create(
                covenant=covenant, unit=unit, defaults={"signed_by": drafter}
            )
            if new:
                log_action(actor=drafter, action="covenant.signed", obj=covenant, unit=unit, comment=str(unit))
    return covenant


def _cluster_members(cluster, units):
    lead = cluster.lead_unit
    return sorted((u for u in units.values() if u.cluster_id == cluster.pk), key=lambda u: (u.pk != lead.pk, u.code))


def _covenants(plan, units, clock):
    texts = {
        "cum-1": (CovenantState.OPEN, 4),
        "cum-2": (CovenantState.OPEN, 3),
        "cum-3": (CovenantState.DRAFT, 0),
    }
    for cluster in Cluster.objects.filter(code__in=texts).select_related("lead_unit"):
        if cluster.lead_unit is None:
            continue
        state, signed = texts[cluster.code]
        opened = clock.moment(datetime.date(plan.year, 2, 16))
        _covenant(plan, cluster, state, opened, _cluster_members(cluster, units)[:signed])


def _result(plan, pledge, period, index, *, state, submitted, reviewed, reviewer, comment=""):
    """One result report with a value per pledged criterion; scored when accepted; its history when created."""
    share = Decimal("0.5") + Decimal(index % 5) / 10 if period == "six_month" else Decimal(1) + Decimal(index % 3) / 10
    half = period == "six_month"
    report, created = ResultReport.objects.update_or_create(
        plan=plan,
        unit=pledge.unit,
        period=period,
        defaults={
            "pledge": pledge,
            "state": state,
            "submitted_at": submitted,
            "reviewed_at": reviewed,
            "reviewed_by": reviewer if reviewed else None,
            "review_comment": comment,
            "narrative": (
                "Sáu tháng đầu năm, đơn vị đã triển khai đồng bộ các phong trào thi đua, gắn với đợt thi đua "
                "chào mừng kỷ niệm Ngày thành lập Đảng."
                if half
                else "Trong năm, đơn vị đã hoàn thành các chỉ tiêu thi đua đã đăng ký, nhiều chỉ tiêu vượt kế hoạch."
            ),
            "self_score": Decimal(50 + index % 20) if half else Decimal(80 + index % 15),
        },
    )
    for target in pledge.targets.select_related("criterion"):
        # About half-way through the year, with some units ahead and some behind; at the year's end, all done.
        measure = target.criterion.measure
        achieved = target.value if measure in ("yes_no", "percent", "score") else target.value * share
        if measure == "percent":
            achieved = min(Decimal(100), target.value - (index % 4 if half else 0))
        ResultValue.objects.update_or_create(
            report=report, criterion=target.criterion, defaults={"achieved": achieved.quantize(Decimal("0.01"))}
        )
    if state == ReviewState.ACCEPTED:
        compute_completion(report)
        report.save()
    if created:
        with played_at(reviewed or submitted or timezone.now()):
            _log_result_history(report, state, reviewer, comment)
    return report


def _log_result_history(report, state, reviewer, comment):
    log_action(actor=_filer(report.unit), action="result.created", obj=report)
    if state != ReviewState.DRAFT:
        log_action(actor=_filer(report.unit), action="result.submitted", obj=report)
    if state == ReviewState.ACCEPTED:
        log_action(actor=reviewer, action="result.accepted", obj=report)
    if state == ReviewState.RETURNED:
        log_action(actor=reviewer, action="result.returned", obj=report, comment=comment)


def _results(plan, pledges, office, clock):
    """This year's six-month results in every state, filed before the deadline and stamped on or before today."""
    for index, (code, pledge) in enumerate(sorted(pledges.items())):
        if pledge.state != ReviewState.ACCEPTED or code in RESULT_MISSING:
            continue
        state = ReviewState.ACCEPTED
        for states, value in [
            (RESULT_SUBMITTED, ReviewState.SUBMITTED),
            (RESULT_RETURNED, ReviewState.RETURNED),
            (RESULT_DRAFT, ReviewState.DRAFT),
        ]:
            if code in states:
                state = value
        filed = clock.day(max(plan.six_month_deadline - datetime.timedelta(days=index % 5), pledge.reviewed_at.date()))
        reviewed = None
        if state in (ReviewState.ACCEPTED, ReviewState.RETURNED):
            reviewed = clock.moment(filed + datetime.timedelta(days=7), 15)
        _result(
            plan,
            pledge,
            "six_month",
            index,
            state=state,
            submitted=clock.moment(filed) if state != ReviewState.DRAFT else None,
            reviewed=reviewed,
            reviewer=office,
            comment="Đề nghị bổ sung minh chứng cho tiêu chí TC3." if state == ReviewState.RETURNED else "",
        )


def _closed_year(plan, units, office):
    """Last year's plan, closed: every unit pledged (a few late), every covenant signed, both reports accepted."""
    year = plan.year
    for index, (code, unit) in enumerate(sorted(units.items())):
        late = code in LAST_YEAR_LATE
        submitted = plan.registration_deadline + datetime.timedelta(days=4 if late else -3 - index % 20)
        pledge = _pledge(
            plan,
            unit,
            index,
            state=ReviewState.ACCEPTED,
            late=late,
            submitted=at(working_day(submitted)),
            reviewed=at(working_day(submitted + datetime.timedelta(days=2)), 15),
            reviewer=office,
        )
        for period, deadline in [("six_month", plan.six_month_deadline), ("year_end", plan.year_end_deadline)]:
            filed = working_day(deadline - datetime.timedelta(days=3 + index % 5))
            _result(
                plan,
                pledge,
                period,
                index,
                state=ReviewState.ACCEPTED,
                submitted=at(filed),
                reviewed=at(working_day(filed + datetime.timedelta(days=5)), 15),
                reviewer=office,
            )
    for cluster in Cluster.objects.filter(lead_unit__isnull=False).select_related("lead_unit"):
        opened = at(working_day(datetime.date(year, 2, 16)))
        _covenant(plan, cluster, CovenantState.CLOSED, opened, _cluster_members(cluster, units))


EXEMPLARS = [
    (
        "so-tai-chinh",
        ExemplarKind.GOOD_PRACTICE,
        "Số hóa hồ sơ quyết toán, rút ngắn một nửa thời gian xử lý",
        "Chi bộ Phòng Tin học - Thống kê đề xuất và triển khai số hóa toàn bộ hồ sơ quyết toán, giúp rút ngắn "
        "thời gian xử lý từ 20 ngày xuống còn 10 ngày, được các đơn vị trong Khối học tập.",
        ExemplarState.PUBLISHED,
    ),
    (
        "benh-vien-da-khoa",
        ExemplarKind.GOOD_DEED,
        "Điều dưỡng trả lại tài sản cho người bệnh",
        "Một điều dưỡng Khoa Nội nhặt được túi xách có 25 triệu đồng và giấy tờ tùy thân, đã tìm và trả lại "
        "cho người nhà bệnh nhân.",
        ExemplarState.PUBLISHED,
    ),
    (
        "dien-luc",
        ExemplarKind.GOOD_MODEL,
        "Mô hình “Thắp sáng đường quê” góp phần xây dựng nông thôn mới",
        "Đoàn thanh niên Công ty lắp đặt hơn 3 km đường điện chiếu sáng tại các xã nông thôn mới.",
        ExemplarState.VERIFIED,
    ),
    (
        "so-ke-hoach",
        ExemplarKind.NEW_FACTOR,
        "Cán bộ trẻ chủ động đề xuất cải cách thủ tục đăng ký doanh nghiệp",
        "Đề xuất rút gọn quy trình tiếp nhận hồ sơ đăng ký doanh nghiệp qua mạng.",
        ExemplarState.PROPOSED,
    ),
]

# unit code, person index in the unit, title, level, date, decision
INITIATIVES = [
    (
        "so-tai-chinh",
        0,
        "Quy trình số hóa hồ sơ quyết toán ngân sách",
        RecognitionLevel.UNIT,
        datetime.date(2021, 11, 20),
        "45/QĐ-STC",
    ),
    (
        "so-tai-chinh",
        0,
        "Phần mềm theo dõi tiến độ giải ngân vốn đầu tư công",
        RecognitionLevel.BLOC,
        datetime.date(2022, 11, 15),
        "112-QĐ/ĐUK",
    ),
    (
        "so-tai-chinh",
        0,
        "Giải pháp liên thông dữ liệu tài chính giữa các sở, ngành",
        RecognitionLevel.PROVINCE,
        datetime.date(2023, 10, 10),
        "2356/QĐ-UBND",
    ),
    (
        "benh-vien-da-khoa",
        1,
        "Bảng kiểm an toàn người bệnh trước phẫu thuật",
        RecognitionLevel.UNIT,
        datetime.date(2021, 12, 1),
        "301/QĐ-BV",
    ),
    (
        "benh-vien-da-khoa",
        1,
        "Ứng dụng nhắc lịch tái khám qua tin nhắn",
        RecognitionLevel.UNIT,
        datetime.date(2022, 12, 5),
        "287/QĐ-BV",
    ),
    (
        "benh-vien-da-khoa",
        1,
        "Quy trình phân luồng người bệnh trong dịch Covid-19",
        RecognitionLevel.BLOC,
        datetime.date(2023, 9, 25),
        "98-QĐ/ĐUK",
    ),
    ("so-ke-hoach", 0, "Sổ tay điện tử hướng dẫn thủ tục đầu tư", None, None, ""),
]


def _exemplars(plan, units, clock):
    for code, kind, title, summary, state in EXEMPLARS:
        unit = units.get(code)
        if unit is None:
            continue
        person = Person.objects.filter(unit=unit, is_active=True, user__isnull=True).order_by("pk").first()
        exemplar, created = Exemplar.objects.update_or_create(
            unit=unit,
            title=title,
            defaults={
                "kind": kind,
                "summary": summary,
                "person": person if kind in (ExemplarKind.GOOD_DEED, ExemplarKind.NEW_FACTOR) else None,
                "plan": plan,
                "state": state,
                "published_at": clock.moment(datetime.date(plan.year, 4, 1))
                if state == ExemplarState.PUBLISHED
                else None,
            },
        )
        if created:
            log_action(actor=_filer(unit), action="exemplar.proposed", obj=exemplar)
            if state in (ExemplarState.VERIFIED, ExemplarState.PUBLISHED):
                log_action(actor=_user("vanphong"), action="exemplar.verified", obj=exemplar)
            if state == ExemplarState.PUBLISHED:
                log_action(actor=_user("tuyengiao"), action="exemplar.published", obj=exemplar)


def _initiatives(units):
    for code, person_index, title, level, date, decision in INITIATIVES:
        unit = units.get(code)
        if unit is None:
            continue
        people = list(Person.objects.filter(unit=unit, is_active=True, user__isnull=True).order_by("pk")[:2])
        initiative, created = Initiative.objects.update_or_create(
            unit=unit,
            title=title,
            defaults={
                "description": f"{title}: áp dụng tại đơn vị, tiết kiệm thời gian và chi phí, được đánh giá hiệu quả.",
                "state": InitiativeState.RECOGNIZED if level else InitiativeState.PROPOSED,
                "recognition_level": level,
                "recognized_on": date,
                "decision_number": decision,
            },
        )
        if people:
            initiative.authors.set([people[min(person_index, len(people) - 1)]])
        if created:
            log_action(actor=_filer(unit), action="initiative.proposed", obj=initiative)
            if level:
                log_action(
                    actor=_user("vanphong"), action="initiative.recognized", obj=initiative, data={"level": int(level)}
                )
