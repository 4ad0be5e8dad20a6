"""The review workflow: every transition checked, atomic, logged and on the timeline; illegal ones refused."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from awards import services
from awards.enums import PROPOSAL_TRANSITIONS, ProposalState
from awards.models import NomineeComment, Proposal, ProposalVersion, Round
from awards.tests.conftest import attach_required
from awards.tests.factories import InitiativeFactory, PersonRatingFactory, award, give
from emulation.errors import DomainError
from emulation.models import AuditEntry
from emulation.tests.factories import PersonFactory
from emulation.workflow import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(round, unit, secretary):
    """A draft with one eligible and one not eligible nominee for the provincial title."""
    good = PersonFactory(unit=unit, full_name="Nguyễn Văn Đủ Điều Kiện")
    give(good, "chien-si-thi-dua-co-so", 2023, 2024, 2025)
    InitiativeFactory(unit=unit, authors=[good])
    gap = PersonFactory(unit=unit, full_name="Trần Thị Thiếu Năm")
    give(gap, "chien-si-thi-dua-co-so", 2023, 2025)
    PersonRatingFactory(person=gap, year=2024)
    InitiativeFactory(unit=unit, authors=[gap])
    proposal = services.create_proposal(round=round, unit=unit, by=secretary, achievement_report="Báo cáo lần đầu.")
    for person in (good, gap):
        services.add_nominee(proposal=proposal, by=secretary, award=award("chien-si-thi-dua-cap-tinh"), person=person)
    attach_required(proposal, secretary)
    return proposal


def test_every_action_missing_from_the_table_is_refused_in_every_state(proposal, office):
    actions = {action for moves in PROPOSAL_TRANSITIONS.values() for action in moves}
    for state in ProposalState:
        Proposal.objects.filter(pk=proposal.pk).update(state=state)
        proposal.refresh_from_db()
        for action in actions - set(PROPOSAL_TRANSITIONS[state]):
            with pytest.raises(DomainError, match="Không thể thực hiện"):
                transition(proposal, action, by=office)
            assert proposal.state == state


def test_an_illegal_transition_is_refused_with_a_clear_message(client, proposal, office, secretary):
    services.submit_proposal(proposal=proposal, by=secretary)
    client.force_login(office)
    response = client.post(f"/de-nghi-khen-thuong/{proposal.pk}/chuyen/verify/", follow=True)
    assert "Không thể thực hiện “Thẩm định đạt”: hồ sơ đang ở trạng thái “Đã gửi”." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED


def test_the_office_cannot_submit_and_the_secretary_cannot_verify(proposal, office, secretary):
    with pytest.raises(PermissionDenied):
        services.submit_proposal(proposal=proposal, by=office)
    services.submit_proposal(proposal=proposal, by=secretary)
    with pytest.raises(PermissionDenied):
        services.start_verification(proposal=proposal, by=secretary)


def test_return_with_comments_per_nominee_and_resubmission_keeps_the_earlier_version(proposal, office, secretary):
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    gap = proposal.nominees.get(person__full_name="Trần Thị Thiếu Năm")
    services.return_proposal(
        proposal=proposal, by=office, comment="Bổ sung hồ sơ.", nominee_comments={gap.pk: "Thiếu năm 2024."}
    )
    services.update_proposal(proposal=proposal, by=secretary, achievement_report="Báo cáo đã bổ sung.")
    services.submit_proposal(proposal=proposal, by=secretary)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.version == 2
    first, second = ProposalVersion.objects.filter(proposal=proposal).order_by("number")
    assert first.snapshot["achievement_report"] == "Báo cáo lần đầu."
    assert second.snapshot["achievement_report"] == "Báo cáo đã bổ sung."
    assert NomineeComment.objects.get(nominee=gap).text == "Thiếu năm 2024."


def test_unmet_condition_blocks_verification_until_the_office_justifies_it(client, proposal, office, secretary):
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    with pytest.raises(DomainError, match="Trần Thị Thiếu Năm"):
        services.verify_proposal(proposal=proposal, by=office)

    gap = proposal.nominees.get(person__full_name="Trần Thị Thiếu Năm")
    with pytest.raises(DomainError, match="giải trình"):
        services.override_condition(nominee=gap, by=office, justification="  ")
    services.override_condition(
        nominee=gap, by=office, justification="Năm 2024 đi học tập trung theo quyết định cử đi học."
    )
    services.verify_proposal(proposal=proposal, by=office)

    proposal.refresh_from_db()
    assert proposal.state == ProposalState.VERIFIED
    gap.refresh_from_db()
    assert gap.eligibility["ruling"] == "not_met"
    client.force_login(office)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Năm 2024 đi học tập trung" in page


def test_verification_requires_the_documents_of_the_award(round, unit, secretary, office):
    person = PersonFactory(unit=unit)
    PersonRatingFactory(person=person, year=2025)
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    services.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=person)
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    with pytest.raises(DomainError, match="thiếu tài liệu"):
        services.verify_proposal(proposal=proposal, by=office)


def test_every_transition_is_logged_with_who_and_why_and_shown_as_a_timeline(client, proposal, office, secretary):
    services.submit_proposal(proposal=proposal, by=secretary, comment="Gửi đúng hạn.")
    services.start_verification(proposal=proposal, by=office)
    services.return_proposal(proposal=proposal, by=office, comment="Thiếu xác nhận của thủ trưởng.")
    services.withdraw_proposal(proposal=proposal, by=secretary, comment="Đơn vị rút để hoàn thiện năm sau.")

    entries = AuditEntry.objects.for_object(proposal).order_by("created_at", "pk")
    transitions = [(e.action, e.actor, e.data.get("from"), e.data.get("to")) for e in entries if "from" in e.data]
    assert transitions == [
        ("award_proposal.submit", secretary, "draft", "submitted"),
        ("award_proposal.start_verification", office, "submitted", "verifying"),
        ("award_proposal.return", office, "verifying", "returned"),
        ("award_proposal.withdraw", secretary, "returned", "withdrawn"),
    ]
    client.force_login(secretary)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Lịch sử xử lý" in page
    for label in ["Gửi hồ sơ đề nghị", "Bắt đầu thẩm định", "Trả lại hồ sơ để bổ sung", "Rút hồ sơ đề nghị"]:
        assert label in page
    assert "Thiếu xác nhận của thủ trưởng." in page


def test_a_refused_transition_leaves_no_trace(proposal, office, secretary):
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.VERIFIED)
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError):
        services.submit_proposal(proposal=proposal, by=secretary)
    assert AuditEntry.objects.count() == before
    assert not ProposalVersion.objects.filter(proposal=proposal).exists()


def test_withdrawal_is_refused_after_the_decision(proposal, secretary):
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.DECIDED)
    with pytest.raises(DomainError, match="Không thể thực hiện “Rút hồ sơ đề nghị”"):
        services.withdraw_proposal(proposal=proposal, by=secretary, comment="Muốn rút.")


def test_nominee_must_belong_to_the_proposing_unit(round, unit, other_unit, secretary):
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    stranger = PersonFactory(unit=other_unit)
    with pytest.raises(DomainError, match="thuộc đơn vị mình"):
        services.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=stranger)


def test_submission_notifies_the_office_with_the_deadline(
    proposal, office, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_proposal(proposal=proposal, by=secretary)
    notification = office.notifications.get()
    assert proposal.unit.name in notification.title
    assert notification.deadline == proposal.round.submission_deadline


def test_a_thematic_round_names_its_phase_or_movement(office):
    import datetime

    with pytest.raises(DomainError):
        services.open_round(
            by=office,
            name="Khen thưởng chuyên đề",
            kind="thematic",
            year=2025,
            submission_deadline=datetime.date(2025, 12, 1),
            awards=[award("giay-khen-ca-nhan")],
        )


def test_only_the_office_opens_a_round(secretary):
    import datetime

    with pytest.raises(PermissionDenied):
        services.open_round(
            by=secretary,
            name="Đợt tự mở",
            kind="ad_hoc",
            year=2025,
            submission_deadline=datetime.date(2025, 12, 1),
            awards=[award("giay-khen-ca-nhan")],
        )


def test_a_thematic_round_without_phase_or_movement_is_refused_in_words(client):
    from emulation.tests.factories import office_user

    client.force_login(office_user())
    response = client.post(
        reverse("awards:round_create"),
        {"name": "Chuyên đề", "kind": "thematic", "year": 2026, "submission_deadline": "2026-12-20", "notice_days": 5},
    )
    assert response.status_code == 200
    assert "phải gắn với một đợt thi đua hoặc một phong trào" in response.content.decode()
    assert not Round.objects.filter(name="Chuyên đề").exists()
