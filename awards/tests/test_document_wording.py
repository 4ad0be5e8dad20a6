"""The decision and the certificates are written from what they hold (issue #13, findings 2 and 3).

Each PDF is read back as its reader would read it: the award's printed title, never the catalog's internal name;
the nominee's own achievement; Điều 1 counting the individuals and the collectives of the annex, by award; one
page per certificate whatever the length of the names.
"""

import datetime
import unicodedata
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards import documents
from awards.enums import NomineeResult, RoundKind
from awards.models import AwardRecord, Ballot, Decision, Nominee, Proposal, PublicNotice
from awards.tests.factories import RoundFactory, award
from emulation.models import OrganizationProfile
from emulation.tests.factories import PersonFactory, UnitFactory, office_user, standing_member

pytestmark = pytest.mark.django_db

INTERNAL_NAMES = [
    "Giấy khen của Ban Thường vụ Đảng ủy Khối (cá nhân)",
    "Giấy khen của Ban Thường vụ Đảng ủy Khối (tập thể)",
    "Giấy khen đột xuất của Ban Thường vụ Đảng ủy Khối",
    "(cá nhân)",
    "(tập thể)",
    "đột xuất của Ban",
]


@pytest.fixture(autouse=True)
def profile(db):
    return OrganizationProfile.objects.create(
        superior_body="ĐẢNG BỘ TỈNH HÀ TĨNH",
        issuing_body="ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        place="Hà Tĩnh",
        number_suffix="ĐUK",
        signer_name="Nguyễn Đình Hải",
        recipients="Ban Thường vụ ĐUK,\nLưu VP.",
    )


@pytest.fixture
def unit(db):
    return UnitFactory(name="Đảng bộ Sở Tài chính")


def decide(round, nominees, *, number="125"):
    """A decision of the Standing Committee over ``nominees`` ([(award code, person or unit, summary)]), recorded
    as the services leave it: awarded nominees with their history record, the others forwarded."""
    office, standing = office_user(), standing_member()
    ballot = Ballot.objects.create(
        round=round,
        name="Phiên bỏ phiếu",
        closes_at=timezone.now(),
        opened_by=office,
        tallied_at=timezone.now(),
        total_members=3,
    )
    notice = PublicNotice.objects.create(ballot=ballot, ends_on=timezone.localdate(), published_by=office)
    decision = Decision.objects.create(
        notice=notice,
        number=number,
        date=datetime.date(2026, 12, 3),
        signer_name="Nguyễn Đình Hải",
        signer_position="BÍ THƯ",
        subject="Về việc khen thưởng năm 2026",
        recorded_by=standing,
    )
    rows = []
    for position, (code, holder, summary) in enumerate(nominees, start=1):
        is_person = hasattr(holder, "full_name")
        owner = holder.unit if is_person else holder
        proposal = Proposal.objects.get_or_create(round=round, unit=owner)[0]
        the_award = award(code)
        nominee = Nominee.objects.create(
            proposal=proposal,
            person=holder if is_person else None,
            unit=None if is_person else holder,
            award=the_award,
            summary=summary,
            decision=decision,
            decision_position=position,
            result=NomineeResult.AWARDED if the_award.is_decided_by_bloc else NomineeResult.FORWARDED,
        )
        if the_award.is_decided_by_bloc:
            nominee.record = AwardRecord.objects.create(
                person=holder if is_person else None,
                unit=None if is_person else holder,
                award=the_award,
                year=round.year,
                decision_number=f"{number}-QĐ/ĐUK",
                decision_date=decision.date,
                issuer="ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
                decision=decision,
            )
            nominee.save(update_fields=["record"])
        rows.append(nominee)
    return decision, rows


def pages_of(content):
    return [
        unicodedata.normalize("NFC", " ".join(page.extract_text().split()))
        for page in PdfReader(BytesIO(content)).pages
    ]


def decision_text(decision):
    nominees = decision.nominees.select_related("person__unit", "unit", "award", "proposal__unit").order_by(
        "decision_position"
    )
    return " ".join(pages_of(documents.decision_pdf(decision, list(nominees))))


def certificate_pages(nominee):
    nominee = Nominee.objects.select_related(
        "proposal__unit", "proposal__round", "person__unit", "unit", "award", "record", "decision"
    ).get(pk=nominee.pk)
    return pages_of(documents.certificate_pdf(nominee))


def assert_no_internal_name(text):
    for name in INTERNAL_NAMES:
        assert name not in text, name


def test_the_catalog_prints_giay_khen_for_both_variants_and_keeps_its_internal_names():
    individual, collective = award("giay-khen-ca-nhan"), award("giay-khen-tap-the")
    assert individual.name != collective.name
    assert individual.title_on_documents == collective.title_on_documents == "Giấy khen"
    assert award("giay-khen-dot-xuat").title_on_documents == "Giấy khen"
    assert award("bang-khen-ubnd-tinh").title_on_documents == "Bằng khen"
    assert award("chien-si-thi-dua-co-so").title_on_documents == "Chiến sĩ thi đua cơ sở"
    assert award("tap-the-lao-dong-xuat-sac").title_on_documents == "Tập thể lao động xuất sắc"


def test_an_award_the_office_writes_without_a_printed_title_prints_its_name():
    the_award = award("giay-khen-ca-nhan")
    the_award.display_title = "  "
    assert the_award.title_on_documents == the_award.name


def test_an_individuals_certificate_reads_as_a_giay_khen_with_the_nominees_achievement(unit):
    round = RoundFactory(year=2026, kind=RoundKind.AD_HOC, name="Khen thưởng đột xuất năm 2026")
    person = PersonFactory(full_name="Lê Thị Hoa", position="Chuyên viên Phòng Ngân sách", unit=unit)
    summary = "Có hành động dũng cảm cứu người bị nạn trong lũ lụt tháng 10 năm 2026."
    _decision, [nominee] = decide(round, [("giay-khen-dot-xuat", person, summary)])

    [page] = certificate_pages(nominee)

    expected = (
        "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH TẶNG GIẤY KHEN Đồng chí Lê Thị Hoa "
        "Chuyên viên Phòng Ngân sách, Đảng bộ Sở Tài chính " + summary
    )
    assert expected in page
    assert "Quyết định số 125-QĐ/ĐUK ngày 03/12/2026" in page
    assert "Hà Tĩnh, ngày 03 tháng 12 năm 2026" in page
    assert "T/M BAN THƯỜNG VỤ BÍ THƯ Nguyễn Đình Hải" in page
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page
    assert "Khen thưởng đột xuất năm 2026" not in page
    assert_no_internal_name(page)


def test_a_certificate_without_a_summary_says_what_the_awardee_achieved_in(unit):
    round = RoundFactory(year=2025, kind=RoundKind.ANNUAL, name="Đợt xét nội bộ số 7")
    person = PersonFactory(full_name="Trần Văn Bình", position="", unit=unit)
    _decision, [nominee] = decide(round, [("giay-khen-ca-nhan", person, "")])

    [page] = certificate_pages(nominee)

    assert "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước năm 2025." in page
    assert "Đợt xét nội bộ số 7" not in page
    assert_no_internal_name(page)


def test_a_collectives_certificate_is_one_page(unit):
    round = RoundFactory(year=2025)
    collective = UnitFactory(name="Chi bộ Phòng Kế hoạch - Tài chính", parent=unit)
    proposal_unit_nominee = ("giay-khen-tap-the", collective, "Hoàn thành xuất sắc nhiệm vụ năm 2025.")
    _decision, [nominee] = decide(round, [proposal_unit_nominee])

    pages = certificate_pages(nominee)

    assert len(pages) == 1
    assert "TẶNG GIẤY KHEN Chi bộ Phòng Kế hoạch - Tài chính" in pages[0]
    assert "Hoàn thành xuất sắc nhiệm vụ năm 2025." in pages[0]
    assert "Đồng chí" not in pages[0]
    assert_no_internal_name(pages[0])


def test_a_200_character_name_and_a_600_character_achievement_still_fit_one_page(unit):
    round = RoundFactory(year=2025)
    long_name = ("Chi bộ Phòng Quản lý ngân sách, tài chính hành chính sự nghiệp và đầu tư phát triển " * 3)[:200]
    long_summary = ("Hoàn thành xuất sắc nhiệm vụ chính trị, dẫn đầu phong trào thi đua của Khối; " * 10)[:600]
    collective = UnitFactory(name=long_name, parent=unit)
    person = PersonFactory(full_name="Nguyễn Thị Minh Khai", position="Trưởng phòng " * 15, unit=collective)
    _decision, nominees = decide(
        round,
        [("giay-khen-tap-the", collective, long_summary), ("giay-khen-ca-nhan", person, long_summary)],
    )

    for nominee in nominees:
        pages = certificate_pages(nominee)
        assert len(pages) == 1, nominee
        assert long_summary.split()[-2] in pages[0]
        assert "Nguyễn Đình Hải" in pages[0]  # the signer's name is on the page, not pushed off it


def test_the_longest_summary_the_form_takes_still_fits_the_certificate_on_one_page(unit):
    from awards.forms import SUMMARY_MAX_LENGTH, NomineeForm

    round = RoundFactory(year=2025)
    longest = ("Hoàn thành xuất sắc nhiệm vụ chính trị, dẫn đầu phong trào thi đua của Khối; " * 20)[
        :SUMMARY_MAX_LENGTH
    ]
    person = PersonFactory(full_name="Nguyễn Thị Minh Khai", unit=unit)
    _decision, nominees = decide(round, [("giay-khen-ca-nhan", person, longest)])
    assert len(certificate_pages(nominees[0])) == 1
    form = NomineeForm({"summary": longest + "x"}, proposal=nominees[0].proposal)
    assert not form.is_valid() and "summary" in form.errors


def test_a_title_certificate_names_the_title_by_its_printed_name(unit):
    round = RoundFactory(year=2025)
    person = PersonFactory(full_name="Phạm Văn Cường", unit=unit)
    _decision, [nominee] = decide(round, [("chien-si-thi-dua-co-so", person, "")])

    [page] = certificate_pages(nominee)

    assert "GIẤY CHỨNG NHẬN Đồng chí Phạm Văn Cường" in page
    assert "Đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" in page


def test_decision_for_individuals_only_says_ca_nhan(unit):
    round = RoundFactory(year=2025)
    people = [PersonFactory(unit=unit) for _ in range(2)]
    decision, _rows = decide(round, [("giay-khen-ca-nhan", p, "") for p in people])

    text = decision_text(decision)

    assert (
        "Điều 1. Tặng Giấy khen cho 02 cá nhân đã có thành tích xuất sắc trong phong trào thi đua yêu nước "
        "năm 2025 (có danh sách kèm theo)."
    ) in text
    assert (
        "Điều 2. Văn phòng Đảng ủy Khối, các đảng ủy, chi ủy cơ sở có liên quan và các cá nhân có tên tại Điều 1"
        in (text)
    )
    assert "tập thể" not in text.split("DANH SÁCH KHEN THƯỞNG")[0]
    assert_no_internal_name(text)


def test_decision_for_collectives_only_says_tap_the(unit):
    round = RoundFactory(year=2025)
    decision, _rows = decide(round, [("giay-khen-tap-the", UnitFactory(parent=unit), "")])

    text = decision_text(decision)

    assert "Điều 1. Tặng Giấy khen cho 01 tập thể đã có thành tích xuất sắc" in text
    assert "và các tập thể có tên tại Điều 1" in text
    assert "cá nhân" not in text.split("DANH SÁCH KHEN THƯỞNG")[0]
    assert_no_internal_name(text)


def test_decision_for_individuals_and_collectives_counts_both_under_one_giay_khen(unit):
    round = RoundFactory(year=2025)
    decision, _rows = decide(
        round,
        [
            ("giay-khen-ca-nhan", PersonFactory(unit=unit), ""),
            ("giay-khen-ca-nhan", PersonFactory(unit=unit), ""),
            ("giay-khen-tap-the", UnitFactory(parent=unit), ""),
        ],
    )

    text = decision_text(decision)

    assert "Điều 1. Tặng Giấy khen cho 02 cá nhân và 01 tập thể đã có thành tích xuất sắc" in text
    assert "và các cá nhân, tập thể có tên tại Điều 1" in text
    annex = text.split("DANH SÁCH KHEN THƯỞNG")[1]
    assert annex.count("Giấy khen") == 3
    assert_no_internal_name(text)


def test_decision_with_several_awards_counts_each_and_forwards_the_higher_ones(unit):
    movement_round = RoundFactory(year=2025)
    decision, _rows = decide(
        movement_round,
        [
            ("giay-khen-ca-nhan", PersonFactory(unit=unit), ""),
            ("giay-khen-tap-the", UnitFactory(parent=unit), ""),
            ("chien-si-thi-dua-co-so", PersonFactory(unit=unit), ""),
            ("chien-si-thi-dua-co-so", PersonFactory(unit=unit), ""),
            ("bang-khen-ubnd-tinh", PersonFactory(unit=unit), ""),
        ],
    )

    text = decision_text(decision)

    assert (
        "Điều 1. Khen thưởng 03 cá nhân và 01 tập thể đã có thành tích xuất sắc trong phong trào thi đua yêu nước "
        "năm 2025 (có danh sách kèm theo), gồm:"
    ) in text
    assert "- Tặng Giấy khen cho 01 cá nhân và 01 tập thể;" in text
    assert "- Công nhận danh hiệu “Chiến sĩ thi đua cơ sở” cho 02 cá nhân." in text
    assert (
        "Điều 2. Đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho 01 cá nhân đã có thành tích xuất sắc"
    ) in text
    assert "có tên tại Điều 1 và Điều 2 căn cứ Quyết định thi hành." in text
    assert "Điều 3." in text and "Điều 4." not in text
    assert "Bằng khen của Chủ tịch" not in text
    assert_no_internal_name(text)


def test_the_served_certificate_and_decision_print_no_internal_name(client, unit):
    round = RoundFactory(year=2026, kind=RoundKind.AD_HOC, name="Khen thưởng đột xuất năm 2026")
    decision, [nominee] = decide(round, [("giay-khen-dot-xuat", PersonFactory(unit=unit), "")])
    client.force_login(standing_member(username="thuongvu-doc"))

    certificate = client.get(reverse("awards:certificate_pdf", args=[nominee.pk]))
    decision_pdf = client.get(reverse("awards:decision_pdf", args=[decision.pk]))

    [page] = pages_of(certificate.content)
    assert "Đã có thành tích xuất sắc đột xuất trong năm 2026." in page
    assert "Điều 1. Tặng Giấy khen cho 01 cá nhân đã có thành tích xuất sắc đột xuất trong năm 2026" in " ".join(
        pages_of(decision_pdf.content)
    )
    for text in [page, *pages_of(decision_pdf.content)]:
        assert "Khen thưởng đột xuất năm 2026" not in text
        assert_no_internal_name(text)
