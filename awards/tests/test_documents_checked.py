"""Every document the awards produce passes the document checker: the ballot minutes, the decision with its
annex, the certificates of an individual and of a collective; and each number comes from the register."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards import services
from awards.tests.conftest import attach_required, close_now, open_ballot
from awards.tests.factories import PersonRatingFactory, RoundFactory, UnitRatingFactory, award
from emulation.enums import DocumentKind
from emulation.errors import DomainError
from emulation.models import DocumentNumber, OrganizationProfile
from emulation.tests.document_checker import DocumentSpec, assert_party_document, read_lines
from emulation.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db
SECRETARY = "Trần Thị Thư Ký"
SIGNER = "Nguyễn Đình Hải"


@pytest.fixture(autouse=True)
def profile(db):
    return OrganizationProfile.objects.create(
        superior_body="ĐẢNG BỘ TỈNH HÀ TĨNH",
        issuing_body="ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        place="Hà Tĩnh",
        number_suffix="ĐUK",
        signer_name=SIGNER,
        council_secretary_name=SECRETARY,
        recipients="Ban Thường vụ Đảng ủy Khối,\nLưu Văn phòng Đảng ủy Khối.",
    )


@pytest.fixture
def round(db):
    return RoundFactory(year=2025, awards=["giay-khen-ca-nhan", "giay-khen-tap-the"])


@pytest.fixture
def dossier(round, unit, secretary, office):
    """A dossier with an individual and a collective nominee, both eligible, verified by the Office."""
    person = PersonFactory(unit=unit, full_name="Lê Thị Được Đề Nghị")
    PersonRatingFactory(person=person, year=2025, rating=4)
    cell = UnitFactory(name="Chi bộ Phòng Ngân sách", parent=unit)
    UnitRatingFactory(unit=cell, year=2025, rating=4)
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    services.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=person)
    services.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-tap-the"), unit=cell)
    attach_required(proposal, secretary)
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    services.verify_proposal(proposal=proposal, by=office)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def closed_ballot(dossier, office, council, round):
    ballot = open_ballot([dossier], office, round)
    for member in council:
        services.cast_votes(ballot=ballot, by=member, choices={item.pk: "agree" for item in ballot.items.all()})
    return services.close_ballot(ballot=close_now(ballot), by=office)


@pytest.fixture
def decision(closed_ballot, office, standing):
    notice = services.publish_notice(ballot=closed_ballot, by=office)
    type(notice).objects.filter(pk=notice.pk).update(ends_on=notice.ends_on - datetime.timedelta(days=30))
    notice.refresh_from_db()
    decision = services.record_decision(
        notice=notice, by=standing, date=datetime.date(2025, 12, 30), signer_name=SIGNER, signer_position="BÍ THƯ"
    )
    services.issue_certificates(decision=decision, by=office)
    return decision


def _get_pdf(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


def internal_names():
    """The catalog's names that differ from what the documents print (the award's display title)."""
    from awards.models import Award

    return [a.name for a in Award.objects.all() if getattr(a, "title_on_documents", a.name) != a.name]


def test_the_ballot_minutes_carry_their_number_and_the_secretary_signs_on_the_page_of_the_text(
    client, closed_ballot, office
):
    pdf = _get_pdf(client, office, "awards:ballot_minutes", closed_ballot.pk)

    assert closed_ballot.minutes_number == 1
    assert_party_document(pdf, DocumentSpec(kind="BB", title="BIÊN BẢN", signer_name=SECRETARY, recipients=False))
    assert any(line.text == "Số 1-BB/ĐUK" for line in read_lines(pdf)[0])
    # Rendering again reads the stored number: the register is not asked twice.
    assert (
        _get_pdf(client, office, "awards:ballot_minutes", closed_ballot.pk)
        and DocumentNumber.objects.filter(kind=DocumentKind.MINUTES).count() == 1
    )


def test_the_decision_and_its_annex_pass_the_checker_with_the_registers_number(client, decision, standing):
    pdf = _get_pdf(client, standing, "awards:decision_pdf", decision.pk)
    assert decision.number == "1"
    assert_party_document(
        pdf, DocumentSpec(kind="QĐ", title="QUYẾT ĐỊNH", signer_name=SIGNER, internal_names=internal_names())
    )
    assert any(line.text == "Số 1-QĐ/ĐUK" for line in read_lines(pdf)[0])


@pytest.mark.parametrize("who", ["person", "unit"])
def test_the_certificates_of_an_individual_and_a_collective_pass_the_checker_on_one_page(
    client, decision, standing, who
):
    nominee = decision.nominees.get(**{f"{who}__isnull": False})
    pdf = _get_pdf(client, standing, "awards:certificate_pdf", nominee.pk)
    spec = DocumentSpec(
        title="GIẤY KHEN",
        signer_name=SIGNER,
        recipients=False,
        one_page=True,
        date_line_in_header=False,
        internal_names=internal_names(),
    )
    assert_party_document(pdf, spec)


def test_the_notice_takes_the_next_tb_number_and_the_register_never_repeats_a_number(closed_ballot, office, standing):
    notice = services.publish_notice(ballot=closed_ballot, by=office)
    assert notice.number == 1
    type(notice).objects.filter(pk=notice.pk).update(ends_on=notice.ends_on - datetime.timedelta(days=30))
    notice.refresh_from_db()
    with pytest.raises(DomainError, match="đã được cấp"):
        from campaigns.numbering import reserve_number

        reserve_number(kind=DocumentKind.NOTICE, date=datetime.date.today(), number=1)
    period = DocumentNumber.objects.get(kind=DocumentKind.NOTICE).period
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentNumber.objects.create(kind=DocumentKind.NOTICE, period=period, number=1)


def test_a_decision_number_given_by_hand_is_entered_in_the_register_and_refused_twice(closed_ballot, office, standing):
    from campaigns.numbering import issue_number, reserve_number

    reserve_number(kind=DocumentKind.DECISION, date=datetime.date(2025, 12, 30), number=125)
    notice = services.publish_notice(ballot=closed_ballot, by=office)
    type(notice).objects.filter(pk=notice.pk).update(ends_on=notice.ends_on - datetime.timedelta(days=30))
    notice.refresh_from_db()
    with pytest.raises(DomainError, match="đã được cấp"):
        services.record_decision(
            notice=notice,
            by=standing,
            number="125",
            date=datetime.date(2025, 12, 30),
            signer_name=SIGNER,
            signer_position="BÍ THƯ",
        )
    assert not type(notice).objects.get(pk=notice.pk).state == "decided"  # refused: nothing written
    # The counter moved past the hand-given number.
    assert issue_number(kind=DocumentKind.DECISION, date=datetime.date(2025, 12, 31))[0] == 126


def test_the_public_notice_is_a_numbered_thong_bao_that_passes_the_checker(client, closed_ballot, office, secretary):
    notice = services.publish_notice(ballot=closed_ballot, by=office)
    pdf = _get_pdf(client, secretary, "awards:notice_pdf", notice.pk)
    assert_party_document(
        pdf, DocumentSpec(kind="TB", title="THÔNG BÁO", signer_name=SIGNER, internal_names=internal_names())
    )
    lines = [line.text for page in read_lines(pdf) for line in page]
    assert "Số 1-TB/ĐUK" in lines and "Lê Thị Được Đề Nghị" in " ".join(lines)
