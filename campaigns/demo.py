"""Demo data of the campaigns, drawn from the 2020-2025 plan (shared/seed/ke-hoach-thi-dua-2020-2025.txt).

Idempotent: everything is found by a natural key (term name, movement number, plan year, criterion code,
plan + unit, title) and updated in place; audit entries are written only when a record is first created.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from emulation.models import Cluster, Person, Unit
from emulation.services import log_action

from .enums import ExemplarKind, ExemplarState, InitiativeState, MeasureKind, PlanState, RecognitionLevel, ReviewState
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

TERM = {
    "name": "2020-2025",
    "start_year": 2020,
    "end_year": 2025,
    "theme": (
        "Đổi mới, sáng tạo, tổ chức sâu rộng, hiệu quả các phong trào thi đua yêu nước, "
        "xây dựng Hà Tĩnh phát triển nhanh, bền vững"
    ),
    "motto": "Đổi mới - Sáng tạo - Hiệu quả",
    "basis_documents": "\n".join(
        [
            "Chỉ thị số 08-CT/TU, ngày 24/5/2021 của Ban Thường vụ Tỉnh ủy về đẩy mạnh phong trào thi đua yêu nước "
            "thực hiện thắng lợi nghị quyết đại hội Đảng các cấp nhiệm kỳ 2020 - 2025",
            "Chỉ thị số 34-CT/TW, ngày 07/4/2014 của Bộ Chính trị khoá XI về tiếp tục đổi mới công tác thi đua, "
            "khen thưởng",
            "Nghị định số 91/2017/NĐ-CP, ngày 31/7/2017 của Chính phủ (nay là Nghị định số 98/2023/NĐ-CP)",
            "Chỉ thị số 41-CT/TU, ngày 09/9/2014 của Ban Thường vụ Tỉnh ủy",
            "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị",
        ]
    ),
}

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

FOCUS_TASKS_2021 = "\n".join(
    [
        "Khắc phục hậu quả thiên tai;",
        "Chủ động phòng, chống, kiểm soát dịch bệnh, nhất là dịch bệnh Covid-19;",
        "Xây dựng nông thôn mới, đô thị văn minh;",
        "Công tác cải cách hành chính;",
        "Xây dựng văn hóa công sở, văn hóa doanh nghiệp, nâng cao hiệu lực, hiệu quả hoạt động của các cơ quan, "
        "đơn vị, doanh nghiệp;",
        "Thực hiện nhiệm vụ chính trị, phát triển sản xuất, kinh doanh, công tác xây dựng Đảng;",
        "Thực hiện nghị quyết đại hội Đảng các cấp nhiệm kỳ 2020 - 2025, Nghị quyết Đại hội Đảng bộ Khối các cơ quan "
        "và doanh nghiệp tỉnh lần thứ XVI, Đại hội Đảng bộ tỉnh lần thứ XIX, Đại hội toàn quốc lần thứ XIII của Đảng.",
    ]
)

PHASES_2021 = [
    (
        "Đợt thi đua chào mừng cuộc bầu cử năm 2021",
        "Chào mừng thành công cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu hội đồng nhân dân các cấp "
        "nhiệm kỳ 2021 - 2026",
        datetime.date(2021, 3, 1),
        datetime.date(2021, 5, 23),
    ),
    (
        "Đợt thi đua kỷ niệm 190 năm thành lập và 30 năm tái lập tỉnh",
        "Kỷ niệm 190 năm thành lập và 30 năm tái lập tỉnh Hà Tĩnh",
        datetime.date(2021, 6, 1),
        datetime.date(2021, 9, 30),
    ),
    (
        "Đợt thi đua chào mừng 65 năm Ngày truyền thống Đảng bộ Khối",
        "65 năm Ngày truyền thống Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh",
        datetime.date(2021, 10, 1),
        datetime.date(2021, 12, 15),
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
        "1 = đã tổ chức",
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

# Units that file nothing for 2021 (missing), that file late, whose pledge is a draft or was returned.
MISSING = {"so-tu-phap", "moi-truong", "cdc"}
LATE = {"cong-doan-khoi", "xo-so", "viettel"}
DRAFT = {"ban-dan-toc"}
RETURNED = {"cap-nuoc"}
SUBMITTED = {"dai-phat-thanh", "vietcombank"}
# Six-month results: accepted for most accepted pledges, some only submitted, some not yet filed.
RESULT_SUBMITTED = {"dai-hoc-ha-tinh", "agribank"}
RESULT_MISSING = {"so-ke-hoach", "bao-ha-tinh"}


def _aware(date, hour=9):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, 0)))


def _user(username):
    return User.objects.filter(username=username).first()


def _filer(unit):
    """Who filed for a unit in the demo history: its secretary, else the Office (the history needs an actor)."""
    secretary = User.objects.filter(role_assignments__role="secretary", role_assignments__unit=unit).first()
    return secretary or _user("vanphong")


def seed(stdout=None):
    office = User.objects.filter(username="vanphong").first()
    standing = User.objects.filter(username="thuongvu").first()
    term, movements = _term()
    plan = _plan_2021(term, movements, standing)
    _plan_2022(term, movements)
    units = {u.code: u for u in Unit.objects.filter(level__in=MEMBER_LEVELS, is_active=True).select_related("cluster")}
    pledges = _pledges(plan, units, office)
    _covenants(plan, units)
    _results(plan, pledges, office)
    _exemplars(plan, units)
    _initiatives(units)
    if stdout:
        stdout.write(
            f"Phong trào thi đua: nhiệm kỳ {term.name}, {len(movements)} phong trào, kế hoạch 2021 và 2022, "
            f"{len(pledges)} bản đăng ký năm 2021."
        )


def _term():
    term, _ = Term.objects.update_or_create(name=TERM["name"], defaults=TERM)
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


def _plan_2021(term, movements, standing):
    plan, created = YearPlan.objects.update_or_create(
        year=2021,
        defaults={
            "term": term,
            "theme": (
                "Đẩy mạnh phong trào thi đua yêu nước, thực hiện thắng lợi nghị quyết đại hội Đảng các cấp, "
                "chào mừng thành công cuộc bầu cử và kỷ niệm 190 năm thành lập, 30 năm tái lập tỉnh"
            ),
            "focus_tasks": FOCUS_TASKS_2021,
            "registration_deadline": datetime.date(2021, 6, 30),
            "six_month_deadline": datetime.date(2021, 7, 15),
            "year_end_deadline": datetime.date(2021, 12, 15),
            "state": PlanState.LAUNCHED,
            "approved_by": standing,
            "approved_at": _aware(datetime.date(2021, 5, 28)),
            "launched_at": _aware(datetime.date(2021, 6, 1)),
        },
    )
    plan.movements.set(movements)
    for name, occasion, start, end in PHASES_2021:
        Phase.objects.update_or_create(
            plan=plan, name=name, defaults={"occasion": occasion, "start_date": start, "end_date": end}
        )
    _criteria(plan, movements, CRITERIA)
    if created:
        log_action(actor=standing, action="plan.approved", obj=plan)
        log_action(actor=_user("vanphong"), action="plan.launched", obj=plan)
    return plan


def _plan_2022(term, movements):
    plan, _ = YearPlan.objects.update_or_create(
        year=2022,
        defaults={
            "term": term,
            "theme": "Đoàn kết, đổi mới, sáng tạo, thi đua hoàn thành thắng lợi nhiệm vụ chính trị năm 2022",
            "focus_tasks": "Phục hồi, phát triển kinh tế - xã hội sau dịch Covid-19;\nCải cách hành chính, chuyển đổi số;"
            "\nXây dựng Đảng bộ Khối trong sạch, vững mạnh.",
            "registration_deadline": datetime.date(2022, 3, 31),
            "six_month_deadline": datetime.date(2022, 7, 15),
            "year_end_deadline": datetime.date(2022, 12, 15),
        },
    )
    plan.movements.set(movements)
    Phase.objects.update_or_create(
        plan=plan,
        name="Đợt thi đua chào mừng kỷ niệm 92 năm Ngày thành lập Đảng",
        defaults={
            "occasion": "Kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022)",
            "start_date": datetime.date(2022, 1, 5),
            "end_date": datetime.date(2022, 2, 3),
        },
    )
    _criteria(plan, movements, CRITERIA[:4])
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


def _pledges(plan, units, office):
    criteria = {c.code: c for c in plan.criteria.all()}
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
        late = code in LATE
        submitted = (
            None if state == ReviewState.DRAFT else deadline + datetime.timedelta(days=5 if late else -3 - index)
        )
        pledge, created = Pledge.objects.update_or_create(
            plan=plan,
            unit=unit,
            revision=1,
            defaults={
                "state": state,
                "is_late": late,
                "submitted_at": _aware(submitted) if submitted else None,
                "reviewed_at": _aware(submitted + datetime.timedelta(days=2))
                if state in (ReviewState.ACCEPTED, ReviewState.RETURNED)
                else None,
                "reviewed_by": office if state in (ReviewState.ACCEPTED, ReviewState.RETURNED) else None,
                "review_comment": "Đề nghị bổ sung chỉ tiêu về ủng hộ Quỹ Vì người nghèo."
                if state == ReviewState.RETURNED
                else "",
                "aimed_title": "Tập thể lao động xuất sắc" if index % 3 else "Tập thể lao động tiên tiến",
                "commitment": "Đơn vị cam kết thực hiện tốt các phong trào thi đua năm 2021, hoàn thành "
                "xuất sắc nhiệm vụ chính trị được giao.",
            },
        )
        pledge.movements.set(plan.movements.all())
        for criterion_code, value in _targets(index).items():
            if code in RETURNED and criterion_code == "TC5":
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
            _log_pledge_history(pledge, office)
        pledges[code] = pledge
    return pledges


def _log_pledge_history(pledge, office):
    log_action(actor=_filer(pledge.unit), action="pledge.created", obj=pledge)
    if pledge.state != ReviewState.DRAFT:
        log_action(actor=_filer(pledge.unit), action="pledge.submitted", obj=pledge, data={"late": pledge.is_late})
    if pledge.state == ReviewState.ACCEPTED:
        log_action(actor=office, action="pledge.accepted", obj=pledge)
    if pledge.state == ReviewState.RETURNED:
        log_action(actor=office, action="pledge.returned", obj=pledge, comment=pledge.review_comment)


def _covenants(plan, units):
    texts = {
        "cum-1": (Covenant.State.OPEN, 4),
        "cum-2": (Covenant.State.OPEN, 3),
        "cum-3": (Covenant.State.DRAFT, 0),
    }
    shared = list(plan.criteria.filter(code__in=["TC1", "TC2", "TC4"]))
    for cluster in Cluster.objects.filter(code__in=texts).select_related("lead_unit"):
        state, signed = texts[cluster.code]
        lead = cluster.lead_unit
        if lead is None:
            continue
        secretary = User.objects.filter(role_assignments__unit=lead, role_assignments__role="secretary").first()
        covenant, created = Covenant.objects.update_or_create(
            plan=plan,
            cluster=cluster,
            defaults={
                "lead_unit": lead,
                "title": f"Giao ước thi đua năm 2021 – {cluster.name}",
                "text": (
                    "Các đơn vị trong cụm cùng giao ước thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2021, "
                    "chào mừng thành công cuộc bầu cử và kỷ niệm 190 năm thành lập, 30 năm tái lập tỉnh; "
                    "thường xuyên trao đổi kinh nghiệm, phát hiện và nhân rộng điển hình tiên tiến."
                ),
                "state": state,
                "opened_at": _aware(datetime.date(2021, 7, 1)) if state != Covenant.State.DRAFT else None,
                "created_by": secretary,
            },
        )
        covenant.criteria.set(shared)
        if created:
            drafter = secretary or _user("vanphong")
            log_action(actor=drafter, action="covenant.drafted", obj=covenant)
            if state != Covenant.State.DRAFT:
                log_action(actor=drafter, action="covenant.opened", obj=covenant)
        members = sorted(
            (u for u in units.values() if u.cluster_id == cluster.pk), key=lambda u: (u.pk != lead.pk, u.code)
        )
        signer = secretary or User.objects.filter(username="vanphong").first()
        for unit in members[:signed]:
            _, new = CovenantSignature.objects.get_or_create(
                covenant=covenant, unit=unit, defaults={"signed_by": signer}
            )
            if new:
                log_action(actor=signer, action="covenant.signed", obj=covenant, unit=unit, comment=str(unit))


def _results(plan, pledges, office):
    for index, (code, pledge) in enumerate(sorted(pledges.items())):
        if pledge.state != ReviewState.ACCEPTED or code in RESULT_MISSING:
            continue
        state = ReviewState.SUBMITTED if code in RESULT_SUBMITTED else ReviewState.ACCEPTED
        report, created = ResultReport.objects.update_or_create(
            plan=plan,
            unit=pledge.unit,
            period="six_month",
            defaults={
                "pledge": pledge,
                "state": state,
                "submitted_at": _aware(plan.six_month_deadline - datetime.timedelta(days=index % 5)),
                "narrative": "Sáu tháng đầu năm, đơn vị đã triển khai đồng bộ các phong trào thi đua, "
                "gắn với đợt thi đua chào mừng cuộc bầu cử và kỷ niệm 190 năm thành lập tỉnh.",
                "self_score": Decimal(50 + index % 20),
            },
        )
        for target in pledge.targets.select_related("criterion"):
            # About half-way through the year, with some units ahead and some behind.
            share = Decimal("0.5") + Decimal(index % 5) / 10
            achieved = (
                target.value if target.criterion.measure in ("yes_no", "percent", "score") else target.value * share
            )
            if target.criterion.measure == "percent":
                achieved = min(Decimal(100), target.value - index % 4)
            ResultValue.objects.update_or_create(
                report=report, criterion=target.criterion, defaults={"achieved": achieved.quantize(Decimal("0.01"))}
            )
        if state == ReviewState.ACCEPTED:
            report.reviewed_by, report.reviewed_at = (
                office,
                _aware(plan.six_month_deadline + datetime.timedelta(days=7)),
            )
            compute_completion(report)
            report.save()
        if created:
            log_action(actor=_filer(report.unit), action="result.submitted", obj=report)
            if state == ReviewState.ACCEPTED:
                log_action(actor=office, action="result.accepted", obj=report)


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


def _exemplars(plan, units):
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
                "published_at": _aware(datetime.date(2021, 9, 1)) if state == ExemplarState.PUBLISHED else None,
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
