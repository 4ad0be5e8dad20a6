"""Demo data of the awards app: the catalog, three years of history, ratings, an open round with proposals in
several states, and last year's round carried through a closed ballot to a decision.

Idempotent: the catalog keeps what exists, records are keyed by (person, award, year), and each round's story is
played through the services only when the round is created, so a second run changes nothing.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaigns.enums import InitiativeState, RecognitionLevel
from campaigns.models import Initiative
from emulation.models import Person, Unit

from . import services
from .catalog import load_catalog
from .enums import RecordSource, RoundKind
from .models import Award, AwardRecord, DocumentType, Nominee, PersonRating, Round, UnitRating

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def seed(stdout=None):
    awards = load_catalog(apps.get_model)
    year = timezone.localdate().year
    units = {u.code: u for u in Unit.objects.filter(code__in=["so-tai-chinh", "so-ke-hoach", "so-noi-vu"])}
    if len(units) < 3:
        if stdout:
            stdout.write("Khen thưởng: chưa có đơn vị mẫu, chỉ nạp danh mục.")
        return
    people = {
        code: list(Person.objects.filter(unit=unit, user__isnull=True).order_by("pk")) for code, unit in units.items()
    }
    _history(awards, units, people, year)
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["vanphong", "bithu1", "bithu2", "hoidong1", "hoidong2", "hoidong3", "thuongvu"]
        )
    }
    if len(users) == 7:
        _last_year_round(awards, units, people, users, year - 1)
        _current_round(awards, units, people, users, year)
        _ad_hoc_round(awards, units, people, users, year)
    if stdout:
        stdout.write(
            f"Khen thưởng: {Award.objects.count()} danh hiệu, hình thức; {AwardRecord.objects.count()} bản ghi khen thưởng; "
            f"{Round.objects.count()} đợt xét."
        )


def _record(award, year, *, person=None, unit=None, number=""):
    lookup = {"person": person} if person else {"unit": unit}
    AwardRecord.objects.get_or_create(
        **lookup,
        award=award,
        year=year,
        defaults={"decision_number": number or f"{10 + year % 100}/QĐ-ĐV", "source": RecordSource.IMPORTED},
    )


def _initiative(title, unit, person, level, recognized_on, number):
    initiative, _ = Initiative.objects.get_or_create(
        title=title,
        unit=unit,
        defaults={
            "description": "Sáng kiến cải tiến quy trình, được áp dụng hiệu quả.",
            "state": InitiativeState.RECOGNIZED,
            "recognition_level": level,
            "recognized_on": recognized_on,
            "decision_number": number,
        },
    )
    initiative.authors.add(person)


def _history(awards, units, people, year):
    """Three years: every person an Advanced Worker and rated; some Grassroots Emulation Fighters.

    In the Finance Department the first person is eligible for the provincial title, the second has a gap year,
    the third has no provincial initiative and the fourth has no record at all for last year (unknown).
    """
    worker, fighter = awards["lao-dong-tien-tien"], awards["chien-si-thi-dua-co-so"]
    years = [year - 2, year - 1, year]
    for code, persons in people.items():
        for y in years:
            UnitRating.objects.get_or_create(
                unit=units[code], year=y, defaults={"rating": 4 if code != "so-noi-vu" else 3}
            )
        for index, person in enumerate(persons):
            for y in years:
                if code == "so-tai-chinh" and index == 3 and y == year - 1:
                    continue  # the unknown year
                _record(worker, y, person=person)
                PersonRating.objects.get_or_create(
                    person=person, year=y, defaults={"rating": 4 if index < 3 else 3, "months_worked": 12}
                )
    stc, skh = people["so-tai-chinh"], people["so-ke-hoach"]
    for y in years:
        _record(fighter, y, person=stc[0])
        _record(fighter, y, person=stc[2])
        _record(fighter, y, person=skh[0])
        if y != year - 1:
            _record(fighter, y, person=stc[1])
            _record(fighter, y, person=stc[3])
    first_of_june = datetime.date(year - 1, 6, 1)
    _initiative(
        "Số hóa quy trình thẩm tra quyết toán ngân sách",
        units["so-tai-chinh"],
        stc[0],
        RecognitionLevel.PROVINCE,
        first_of_june,
        "215/QĐ-HĐSK",
    )
    _initiative(
        "Phần mềm theo dõi công nợ tạm ứng",
        units["so-tai-chinh"],
        stc[1],
        RecognitionLevel.PROVINCE,
        first_of_june,
        "215/QĐ-HĐSK",
    )
    _initiative(
        "Mẫu biểu đối chiếu số liệu kho bạc",
        units["so-tai-chinh"],
        stc[2],
        RecognitionLevel.UNIT,
        first_of_june,
        "12/QĐ-STC",
    )
    _initiative(
        "Bản đồ số thu hút đầu tư tỉnh",
        units["so-ke-hoach"],
        skh[0],
        RecognitionLevel.PROVINCE,
        first_of_june,
        "215/QĐ-HĐSK",
    )
    for code in ["so-tai-chinh", "so-ke-hoach"]:
        for person in people[code][:3]:
            _initiative(
                f"Cải tiến nghiệp vụ năm {year} – {person.full_name}",
                units[code],
                person,
                RecognitionLevel.UNIT,
                datetime.date(year, 3, 1),
                f"5/QĐ-{code}",
            )


def _attach(proposal, by, code, nominee=None):
    upload = SimpleUploadedFile(f"{code}.pdf", PDF_BYTES, content_type="application/pdf")
    services.add_attachment(
        proposal=proposal, by=by, upload=upload, document_type=DocumentType.objects.get(code=code), nominee=nominee
    )


def _prepare(round, unit, secretary, nominees):
    """A proposal with its nominees and every document their awards require."""
    proposal = services.create_proposal(
        round=round,
        unit=unit,
        by=secretary,
        achievement_report="Đơn vị hoàn thành xuất sắc nhiệm vụ chính trị được giao.",
    )
    codes = set()
    for award, person, target_unit in nominees:
        nominee = services.add_nominee(
            proposal=proposal,
            by=secretary,
            award=award,
            person=person,
            unit=target_unit,
            summary="Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được áp dụng hiệu quả.",
        )
        for doc in award.required_documents.all():
            if doc.per_nominee:
                _attach(proposal, secretary, doc.code, nominee)
            else:
                codes.add(doc.code)
    for code in sorted(codes):
        _attach(proposal, secretary, code)
    return proposal


def _open_round(awards, users, *, name, kind, year, deadline, codes):
    if Round.objects.filter(name=name, year=year).exists():
        return None
    return services.open_round(
        by=users["vanphong"],
        name=name,
        kind=kind,
        year=year,
        submission_deadline=deadline,
        awards=[awards[c] for c in codes],
        description="Các đơn vị gửi hồ sơ qua cổng thông tin đúng hạn.",
    )


def _last_year_round(awards, units, people, users, year):
    """Last year's round: verified, voted (one member recused), published, objected and resolved, decided."""
    round = _open_round(
        awards,
        users,
        name=f"Khen thưởng tổng kết năm {year}",
        kind=RoundKind.ANNUAL,
        year=year,
        deadline=datetime.date(year, 12, 15),
        codes=["giay-khen-ca-nhan", "giay-khen-tap-the", "tap-the-lao-dong-tien-tien"],
    )
    if round is None:
        return
    office = users["vanphong"]
    first = _prepare(
        round, units["so-tai-chinh"], users["bithu1"], [(awards["giay-khen-ca-nhan"], people["so-tai-chinh"][4], None)]
    )
    second = _prepare(
        round,
        units["so-ke-hoach"],
        users["bithu2"],
        [
            (awards["giay-khen-ca-nhan"], people["so-ke-hoach"][1], None),
            (awards["tap-the-lao-dong-tien-tien"], None, units["so-ke-hoach"]),
        ],
    )
    for proposal, secretary in [(first, users["bithu1"]), (second, users["bithu2"])]:
        services.submit_proposal(proposal=proposal, by=secretary)
        services.start_verification(proposal=proposal, by=office)
        services.verify_proposal(proposal=proposal, by=office, comment="Hồ sơ đầy đủ, đủ điều kiện.")
    ballot = services.open_ballot(
        round=round,
        proposals=[first, second],
        closes_at=timezone.now() + datetime.timedelta(hours=1),
        by=office,
        name=f"Bỏ phiếu kín khen thưởng năm {year}",
    )
    for username in ["hoidong1", "hoidong2", "hoidong3"]:
        member = users[username]
        person = services.person_of(member)
        choices = {
            item.pk: "agree"
            for item in ballot.items.select_related("nominee__proposal__unit", "nominee__person__unit", "nominee__unit")
            if not services.is_recused(person, item.nominee)
        }
        services.cast_votes(ballot=ballot, by=member, choices=choices)
    type(ballot).objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    ballot.refresh_from_db()
    services.close_ballot(ballot=ballot, by=office)
    notice = services.publish_notice(ballot=ballot, by=office)
    passed = Nominee.objects.filter(ballot_items__ballot=ballot, ballot_items__passed=True).first()
    feedback = services.send_feedback(
        notice=notice,
        by=users["bithu2"],
        kind="comment",
        nominee=passed,
        text="Đề nghị bổ sung minh chứng về sáng kiến trong báo cáo thành tích.",
    )
    services.resolve_feedback(
        feedback=feedback, by=office, resolution="Đơn vị đã bổ sung minh chứng; Văn phòng đã kiểm tra."
    )
    type(notice).objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    notice.refresh_from_db()
    decision = services.record_decision(
        notice=notice,
        by=users["thuongvu"],
        number="125",
        date=timezone.localdate(),
        signer_name="Nguyễn Đình Hải",
        signer_position="BÍ THƯ",
        subject=f"Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc năm {year}",
    )
    services.issue_certificates(decision=decision, by=office)


def _current_round(awards, units, people, users, year):
    """This year's annual round: one dossier under verification (one eligible, one with a gap year), one verified."""
    round = _open_round(
        awards,
        users,
        name=f"Khen thưởng tổng kết năm {year}",
        kind=RoundKind.ANNUAL,
        year=year,
        deadline=max(datetime.date(year, 12, 20), timezone.localdate() + datetime.timedelta(days=14)),
        codes=[
            "chien-si-thi-dua-cap-tinh",
            "chien-si-thi-dua-co-so",
            "tap-the-lao-dong-tien-tien",
            "tap-the-lao-dong-xuat-sac",
            "giay-khen-ca-nhan",
            "giay-khen-tap-the",
        ],
    )
    if round is None:
        return
    office = users["vanphong"]
    provincial = awards["chien-si-thi-dua-cap-tinh"]
    stc, skh = people["so-tai-chinh"], people["so-ke-hoach"]
    first = _prepare(
        round, units["so-tai-chinh"], users["bithu1"], [(provincial, stc[0], None), (provincial, stc[1], None)]
    )
    services.submit_proposal(proposal=first, by=users["bithu1"])
    services.start_verification(proposal=first, by=office)
    second = _prepare(
        round,
        units["so-ke-hoach"],
        users["bithu2"],
        [(provincial, skh[0], None), (awards["tap-the-lao-dong-tien-tien"], None, units["so-ke-hoach"])],
    )
    services.submit_proposal(proposal=second, by=users["bithu2"])
    services.start_verification(proposal=second, by=office)
    services.verify_proposal(proposal=second, by=office, comment="Đủ điều kiện, trình Hội đồng.")


def _ad_hoc_round(awards, units, people, users, year):
    """An ad hoc round for exceptional deeds: a draft and a dossier returned with comments per nominee."""
    round = _open_round(
        awards,
        users,
        name=f"Khen thưởng đột xuất năm {year}",
        kind=RoundKind.AD_HOC,
        year=year,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        codes=["giay-khen-dot-xuat"],
    )
    if round is None:
        return
    deed = awards["giay-khen-dot-xuat"]
    _prepare(round, units["so-tai-chinh"], users["bithu1"], [(deed, people["so-tai-chinh"][5], None)])
    returned = _prepare(round, units["so-ke-hoach"], users["bithu2"], [(deed, people["so-ke-hoach"][2], None)])
    services.submit_proposal(proposal=returned, by=users["bithu2"])
    services.start_verification(proposal=returned, by=users["vanphong"])
    nominee = returned.nominees.first()
    services.return_proposal(
        proposal=returned,
        by=users["vanphong"],
        comment="Bổ sung xác nhận của địa phương nơi xảy ra sự việc.",
        nominee_comments={nominee.pk: "Bản tóm tắt việc làm chưa nêu thời gian, địa điểm cụ thể."},
    )
