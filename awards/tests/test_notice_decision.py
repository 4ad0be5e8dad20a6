"""Public notice, the Standing Committee's decision, forwarding, certificates and the generated PDFs."""

import datetime
import unicodedata
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards import services
from awards.enums import NomineeResult, ProposalState
from awards.models import AwardRecord
from awards.tests.conftest import close_now, open_ballot
from awards.tests.factories import InitiativeFactory, award, give
from emulation.errors import DomainError
from emulation.models import OrganizationProfile
from emulation.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


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
def passed_ballot(verified_proposal, office, council, round):
    ballot = open_ballot([verified_proposal], office, round)
    for member in council:
        services.cast_votes(ballot=ballot, by=member, choices={ballot.items.get().pk: "agree"})
    return services.close_ballot(ballot=close_now(ballot), by=office)


def _end_notice(notice):
    type(notice).objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    notice.refresh_from_db()
    return notice


def _decide(notice, standing):
    return services.record_decision(
        notice=notice,
        by=standing,
        number="125",
        date=datetime.date(2025, 12, 30),
        signer_name="Nguyễn Đình Hải",
        signer_position="BÍ THƯ",
    )


def _pdf_text(content):
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def test_notice_lasts_the_configured_working_days_and_takes_comments(
    client, passed_ballot, office, secretary, round, django_capture_on_commit_callbacks
):
    round.notice_days = 5
    round.save()
    notice = services.publish_notice(ballot=passed_ballot, by=office)
    assert (notice.ends_on - timezone.localdate()).days >= 5
    assert notice.ends_on.weekday() < 5

    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("awards:feedback_add", args=[notice.pk]), {"kind": "objection", "text": "Đề nghị xem lại."})
    assert notice.feedback.get().text == "Đề nghị xem lại."
    assert office.notifications.filter(title__contains="ý kiến mới").exists()
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "Lê Thị Được Đề Nghị" in page
    assert "Đề nghị xem lại." in page


def test_the_decision_waits_for_the_end_of_the_notice_and_every_resolution(passed_ballot, office, secretary, standing):
    notice = services.publish_notice(ballot=passed_ballot, by=office)
    feedback = services.send_feedback(notice=notice, by=secretary, kind="objection", text="Chưa rõ thành tích.")
    with pytest.raises(DomainError, match="Chưa hết thời gian công khai"):
        _decide(notice, standing)
    _end_notice(notice)
    with pytest.raises(DomainError, match="chưa được Văn phòng xử lý"):
        _decide(notice, standing)
    services.resolve_feedback(feedback=feedback, by=office, resolution="Đã xác minh, thành tích đúng.")
    with pytest.raises(PermissionDenied):
        _decide(notice, office)

    decision = _decide(notice, standing)

    nominee = passed_ballot.items.get().nominee
    nominee.refresh_from_db()
    assert nominee.result == NomineeResult.AWARDED
    record = AwardRecord.objects.get(person=nominee.person, award=nominee.award, year=2025)
    assert record.decision_number == "125-QĐ/ĐUK"
    assert record.decision == decision
    nominee.proposal.refresh_from_db()
    assert nominee.proposal.state == ProposalState.DECIDED


def test_no_comment_after_the_notice_ends(passed_ballot, office, secretary):
    notice = _end_notice(services.publish_notice(ballot=passed_ballot, by=office))
    with pytest.raises(DomainError, match="hết thời gian công khai"):
        services.send_feedback(notice=notice, by=secretary, kind="comment", text="Muộn.")


def test_awards_beyond_the_bloc_are_forwarded_and_their_answer_recorded(
    round, unit, secretary, office, standing, council
):
    person = PersonFactory(unit=unit, full_name="Hồ Sĩ Cấp Tỉnh")
    give(person, "chien-si-thi-dua-co-so", 2023, 2024, 2025)
    InitiativeFactory(unit=unit, authors=[person])
    from awards.tests.conftest import attach_required

    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    services.add_nominee(proposal=proposal, by=secretary, award=award("chien-si-thi-dua-cap-tinh"), person=person)
    attach_required(proposal, secretary)
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    services.verify_proposal(proposal=proposal, by=office)
    ballot = open_ballot([proposal], office, round)
    for member in council:
        services.cast_votes(ballot=ballot, by=member, choices={ballot.items.get().pk: "agree"})
    services.close_ballot(ballot=close_now(ballot), by=office)
    notice = _end_notice(services.publish_notice(ballot=ballot, by=office))
    decision = _decide(notice, standing)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.FORWARDED
    assert not AwardRecord.objects.filter(person=person, award=award("chien-si-thi-dua-cap-tinh")).exists()
    nominee = proposal.nominees.get()
    services.record_higher_answer(
        nominee=nominee,
        by=office,
        approved=True,
        decision_number="3012/QĐ-UBND",
        decision_date=datetime.date(2026, 1, 10),
    )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DECIDED
    record = AwardRecord.objects.get(person=person, award=award("chien-si-thi-dua-cap-tinh"), year=2025)
    assert record.issuer == "Chủ tịch Ủy ban nhân dân tỉnh"
    services.issue_certificates(decision=decision, by=office)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CERTIFIED


def test_decision_and_certificate_pdfs_read_back_in_vietnamese(client, passed_ballot, office, standing):
    notice = _end_notice(services.publish_notice(ballot=passed_ballot, by=office))
    decision = _decide(notice, standing)
    nominee = passed_ballot.items.get().nominee
    services.issue_certificates(decision=decision, by=office)
    client.force_login(standing)

    response = client.get(reverse("awards:decision_pdf", args=[decision.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for expected in [
        "ĐẢNG BỘ TỈNH HÀ TĨNH",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 125-QĐ/ĐUK",
        "Hà Tĩnh, ngày 30 tháng 12 năm 2025",
        "QUYẾT ĐỊNH",
        "DANH SÁCH KHEN THƯỞNG",
        "Lê Thị Được Đề Nghị",
        "Đảng bộ Sở Tài chính",
        "Tặng Giấy khen cho 01 cá nhân",
        "Nguyễn Đình Hải",
        "Nơi nhận:",
    ]:
        assert expected in text, expected
    assert "Giấy khen của Ban Thường vụ Đảng ủy Khối (cá nhân)" not in text  # the catalog's name stays inside

    response = client.get(reverse("awards:certificate_pdf", args=[nominee.pk]))
    reader = PdfReader(BytesIO(response.content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # A4 landscape
    text = _pdf_text(response.content)
    for expected in ["GIẤY KHEN", "Lê Thị Được Đề Nghị", "Đảng bộ Sở Tài chính", "125-QĐ/ĐUK", "Nguyễn Đình Hải"]:
        assert expected in text, expected


def test_certificates_are_issued_once_and_move_the_proposal_on(passed_ballot, office, standing):
    notice = _end_notice(services.publish_notice(ballot=passed_ballot, by=office))
    decision = _decide(notice, standing)
    assert services.issue_certificates(decision=decision, by=office) == 1
    proposal = passed_ballot.items.get().nominee.proposal
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CERTIFIED
    with pytest.raises(DomainError):
        services.issue_certificates(decision=decision, by=office)


def test_standing_committee_home_shows_the_decisions_waiting(client, passed_ballot, office, standing):
    services.publish_notice(ballot=passed_ballot, by=office)
    client.force_login(standing)
    page = client.get("/").content.decode()
    assert "Danh sách khen thưởng chờ quyết định" in page
    assert passed_ballot.round.name in page


def test_each_step_tells_whoever_acts_next(
    passed_ballot, office, secretary, standing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.publish_notice(ballot=passed_ballot, by=office)
    waiting = standing.notifications.get()
    assert waiting.deadline == notice.ends_on
    assert secretary.notifications.filter(url=notice.get_absolute_url()).exists()
    _end_notice(notice)
    with django_capture_on_commit_callbacks(execute=True):
        decision = _decide(notice, standing)
    assert office.notifications.filter(title__contains="cần cấp giấy khen").exists()
    assert secretary.notifications.filter(url=decision.get_absolute_url()).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_certificates(decision=decision, by=office)
    assert secretary.notifications.filter(title__contains="Đã cấp giấy khen").exists()


def test_the_decision_list_shows_how_many_nominees_each_decision_covers(client, passed_ballot, office, standing):
    from awards.models import Decision

    notice = _end_notice(services.publish_notice(ballot=passed_ballot, by=office))
    decision = _decide(notice, standing)
    assert decision.nominee_count == 1
    client.force_login(standing)
    assert client.get(reverse("awards:decision_list")).context["page"][0].nominee_count == 1

    assert decision.nominees.get().decision_position == 1
    Decision.objects.filter(pk=decision.pk).update(nominee_count=None)  # as a bulk load leaves them
    decision.nominees.update(decision_position=None)
    assert client.get(reverse("awards:decision_list")).status_code == 200
    assert Decision.objects.get(pk=decision.pk).nominee_count is None  # a read never writes
    services.complete_bulk_load()
    assert client.get(reverse("awards:decision_list")).context["page"][0].nominee_count == 1
    assert decision.nominees.get().decision_position == 1


def test_the_notice_and_decision_pages_number_their_nominees_across_pages(client, passed_ballot, office, standing):
    notice = _end_notice(services.publish_notice(ballot=passed_ballot, by=office))
    decision = _decide(notice, standing)
    client.force_login(office)
    for url in (notice.get_absolute_url(), decision.get_absolute_url()):
        page = client.get(url).context["page"]
        assert (page.start_index(), len(page.object_list)) == (1, 1)
        assert page.object_list[0].pk


def test_a_decision_left_without_a_subject_says_whom_it_commends_and_what_for_not_the_rounds_name(
    passed_ballot, office, standing, round
):
    notice = _end_notice(services.publish_notice(ballot=passed_ballot, by=office))
    decision = _decide(notice, standing)
    assert decision.subject.startswith("Về việc khen thưởng các cá nhân đã có thành tích xuất sắc ")
    assert round.name not in decision.subject
