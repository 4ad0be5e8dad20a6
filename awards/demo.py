"""Demo data of the awards app: the catalog, three years of history, ratings, this year's rounds open with
proposals in several states, and last year's round carried through a closed ballot, a public notice and a decision
to its close.

Each round's story is played through the services with the clock set to when each step happened (played_at):
last year's round in last November and December, this year's rounds between their opening and today, so every
date, deadline and notice reads true on the day the demo is loaded.

Idempotent: the catalog keeps what exists, records are keyed by (person, award, year), and each round's story is
played only when the round is created, so a second run changes nothing.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaigns import upkeep as campaigns_upkeep
from campaigns.enums import InitiativeState, RecognitionLevel
from campaigns.models import Initiative
from emulation.demo import at, played_at, working_day
from emulation.models import Person, Unit

from . import services, upkeep
from .catalog import load_catalog
from .enums import RecordSource, RoundKind
from .models import Award, AwardRecord, DocumentType, Nominee, PersonRating, Round, UnitRating
from .recusal import is_recused, person_of

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def seed(stdout=None):
    awards = load_catalog(apps.get_model)
    upkeep.awards_changed()  # the catalog is loaded around the services (the data migration shares it)
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
            username__in=["vanphong", "bithu1", "bithu2", "bithu3", "hoidong1", "hoidong2", "hoidong3", "thuongvu"]
        )
    }
    if len(users) == 8:
        _last_year_round(awards, units, people, users, year - 1)
        _current_round(awards, units, people, users, year)
        _ad_hoc_round(awards, units, people, users, year)
    campaigns_upkeep.queue_changed()  # the initiatives written around the campaigns' services
    upkeep.records_changed()  # the history records written around the services
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


def _open_round(awards, users, *, name, kind, year, deadline, codes, opened):
    if Round.objects.filter(name=name, year=year).exists():
        return None
    with played_at(opened):
        return services.open_round(
            by=users["vanphong"],
            name=name,
            kind=kind,
            year=year,
            submission_deadline=deadline,
            awards=[awards[c] for c in codes],
            description="Các đơn vị gửi hồ sơ qua cổng thông tin đúng hạn.",
        )


def _day(year, month, day, hour=9):
    return at(working_day(datetime.date(year, month, day)), hour)


def _back(today, days, hour=9):
    """The moment ``days`` working days before ``today``."""
    day = today
    while days > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return at(day, hour)


def _between(start, end, share, hour=9):
    """A working day ``share`` of the way from ``start`` to ``end`` (dates), never after ``end``."""
    day = working_day(start + datetime.timedelta(days=int((end - start).days * share)))
    return at(min(day, end), hour)


def _last_year_round(awards, units, people, users, year):
    """Last year's round, told on last year's dates: filed in November, verified, voted in December (one member
    recused), published for the notice period, objected and resolved, decided, certificates issued, then closed."""
    round = _open_round(
        awards,
        users,
        name=f"Khen thưởng tổng kết năm {year}",
        kind=RoundKind.ANNUAL,
        year=year,
        deadline=datetime.date(year, 11, 30),
        codes=["giay-khen-ca-nhan", "giay-khen-tap-the", "tap-the-lao-dong-tien-tien"],
        opened=_day(year, 10, 20),
    )
    if round is None:
        return
    office = users["vanphong"]
    with played_at(_day(year, 11, 10)):
        first = _prepare(
            round,
            units["so-tai-chinh"],
            users["bithu1"],
            [(awards["giay-khen-ca-nhan"], people["so-tai-chinh"][4], None)],
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
    with played_at(_day(year, 11, 17)):
        for proposal in [first, second]:
            services.start_verification(proposal=proposal, by=office)
            services.verify_proposal(proposal=proposal, by=office, comment="Hồ sơ đầy đủ, đủ điều kiện.")
    opened = _day(year, 12, 1)
    closes = at(working_day(opened.date() + datetime.timedelta(days=2)), 17)
    with played_at(opened):
        ballot = services.open_ballot(
            round=round,
            proposals=[first, second],
            closes_at=closes,
            by=office,
            name=f"Bỏ phiếu kín khen thưởng năm {year}",
        )
    with played_at(opened + datetime.timedelta(hours=2)):
        _vote_all(ballot, users, ["hoidong1", "hoidong2", "hoidong3"])
    counted = at(working_day(closes.date() + datetime.timedelta(days=1)))
    with played_at(counted):
        services.close_ballot(ballot=ballot, by=office)
        notice = services.publish_notice(ballot=ballot, by=office)
    with played_at(at(working_day(counted.date() + datetime.timedelta(days=1)), 10)):
        passed = Nominee.objects.filter(ballot_items__ballot=ballot, ballot_items__passed=True).first()
        feedback = services.send_feedback(
            notice=notice,
            by=users["bithu2"],
            kind="comment",
            nominee=passed,
            text="Đề nghị bổ sung minh chứng về sáng kiến trong báo cáo thành tích.",
        )
    with played_at(at(working_day(counted.date() + datetime.timedelta(days=2)), 15)):
        services.resolve_feedback(
            feedback=feedback, by=office, resolution="Đơn vị đã bổ sung minh chứng; Văn phòng đã kiểm tra."
        )
    notice.refresh_from_db()
    decided = at(working_day(notice.ends_on + datetime.timedelta(days=1)), 10)
    with played_at(decided):
        decision = services.record_decision(
            notice=notice,
            by=users["thuongvu"],
            number="125",
            date=decided.date(),
            signer_name="Nguyễn Đình Hải",
            signer_position="BÍ THƯ",
            subject=f"Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc năm {year}",
        )
        services.issue_certificates(decision=decision, by=office)
    with played_at(at(working_day(decided.date() + datetime.timedelta(days=3)), 16)):
        services.close_round(round=round, by=office)


def _vote_all(ballot, users, usernames):
    """Each member votes "agree" on every nominee he is not recused from."""
    for username in usernames:
        member = users[username]
        person = person_of(member)
        choices = {
            item.pk: "agree"
            for item in ballot.items.select_related("nominee__proposal__unit", "nominee__person__unit", "nominee__unit")
            if not is_recused(person, item.nominee)
        }
        services.cast_votes(ballot=ballot, by=member, choices=choices)


def _current_round(awards, units, people, users, year):
    """This year's annual round, open until a deadline still ahead: one dossier under verification (one eligible,
    one with a gap year), one verified; filed between the round's opening and today."""
    today = timezone.localdate()
    opened = min(_day(year, 11, 2) if today > datetime.date(year, 11, 2) else _day(year, 1, 5), _back(today, 12))
    round = _open_round(
        awards,
        users,
        name=f"Khen thưởng tổng kết năm {year}",
        kind=RoundKind.ANNUAL,
        year=year,
        deadline=max(datetime.date(year, 12, 20), today + datetime.timedelta(days=14)),
        opened=opened,
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
    with played_at(_between(opened.date(), today, 0.3)):
        first = _prepare(
            round, units["so-tai-chinh"], users["bithu1"], [(provincial, stc[0], None), (provincial, stc[1], None)]
        )
        services.submit_proposal(proposal=first, by=users["bithu1"])
        second = _prepare(
            round,
            units["so-ke-hoach"],
            users["bithu2"],
            [(provincial, skh[0], None), (awards["tap-the-lao-dong-tien-tien"], None, units["so-ke-hoach"])],
        )
        services.submit_proposal(proposal=second, by=users["bithu2"])
    with played_at(_between(opened.date(), today, 0.6, hour=14)):
        services.start_verification(proposal=first, by=office)
        services.start_verification(proposal=second, by=office)
    with played_at(_between(opened.date(), today, 0.8, hour=15)):
        services.verify_proposal(proposal=second, by=office, comment="Đủ điều kiện, trình Hội đồng.")
    _in_public_notice(round, awards, units, people, users, today)


def _in_public_notice(round, awards, units, people, users, today):
    """The Home Affairs Department's dossier: verified, voted, its list published three working days ago and
    still open for comments (the notice ends two working days from today)."""
    office, secretary = users["vanphong"], users["bithu3"]
    with played_at(_back(today, 7)):
        proposal = _prepare(
            round, units["so-noi-vu"], secretary, [(awards["giay-khen-ca-nhan"], people["so-noi-vu"][0], None)]
        )
        services.submit_proposal(proposal=proposal, by=secretary)
    with played_at(_back(today, 7, hour=14)):
        services.start_verification(proposal=proposal, by=office)
        services.verify_proposal(proposal=proposal, by=office, comment="Hồ sơ đầy đủ, đủ điều kiện.")
    with played_at(_back(today, 6)):
        ballot = services.open_ballot(round=round, proposals=[proposal], closes_at=_back(today, 4, hour=17), by=office)
    with played_at(_back(today, 6, hour=11)):
        _vote_all(ballot, users, ["hoidong1", "hoidong2", "hoidong3"])
    with played_at(_back(today, 3)):
        services.close_ballot(ballot=ballot, by=office)
        services.publish_notice(ballot=ballot, by=office)


def _ad_hoc_round(awards, units, people, users, year):
    """An ad hoc round for exceptional deeds, opened three weeks ago: a draft, a dossier returned with comments
    per nominee, and one in an open ballot."""
    today = timezone.localdate()
    opened = _back(today, 15)
    round = _open_round(
        awards,
        users,
        name=f"Khen thưởng đột xuất năm {year}",
        kind=RoundKind.AD_HOC,
        year=year,
        deadline=working_day(today + datetime.timedelta(days=30)),
        codes=["giay-khen-dot-xuat"],
        opened=opened,
    )
    if round is None:
        return
    deed = awards["giay-khen-dot-xuat"]
    with played_at(_between(opened.date(), today, 0.4)):
        _prepare(round, units["so-tai-chinh"], users["bithu1"], [(deed, people["so-tai-chinh"][5], None)])
        returned = _prepare(round, units["so-ke-hoach"], users["bithu2"], [(deed, people["so-ke-hoach"][2], None)])
        services.submit_proposal(proposal=returned, by=users["bithu2"])
    with played_at(_between(opened.date(), today, 0.7, hour=14)):
        services.start_verification(proposal=returned, by=users["vanphong"])
        nominee = returned.nominees.first()
        services.return_proposal(
            proposal=returned,
            by=users["vanphong"],
            comment="Bổ sung xác nhận của địa phương nơi xảy ra sự việc.",
            nominee_comments={nominee.pk: "Bản tóm tắt việc làm chưa nêu thời gian, địa điểm cụ thể."},
        )
    _in_open_ballot(round, deed, units, people, users, today)


def _in_open_ballot(round, deed, units, people, users, today):
    """The Home Affairs Department's exceptional deed: verified, before the council in a ballot open until three
    days from now; one member has voted."""
    office, secretary = users["vanphong"], users["bithu3"]
    with played_at(_back(today, 5)):
        proposal = _prepare(round, units["so-noi-vu"], secretary, [(deed, people["so-noi-vu"][1], None)])
        services.submit_proposal(proposal=proposal, by=secretary)
    with played_at(_back(today, 3, hour=14)):
        services.start_verification(proposal=proposal, by=office)
        services.verify_proposal(proposal=proposal, by=office, comment="Việc làm được địa phương xác nhận.")
    closes = at(working_day(today + datetime.timedelta(days=3)), 17)
    with played_at(_back(today, 1)):
        ballot = services.open_ballot(round=round, proposals=[proposal], closes_at=closes, by=office)
    with played_at(_back(today, 1, hour=15)):
        _vote_all(ballot, users, ["hoidong2"])
