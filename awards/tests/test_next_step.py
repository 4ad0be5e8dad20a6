"""Every step of the award review says who must act now and by when, on each record's page; each role's home lists
exactly its pending awards work with counts and deadlines."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services
from awards.enums import BallotState, NoticeState, ProposalState, RoundState
from awards.models import Ballot, Proposal, PublicNotice, Round
from awards.tests.conftest import close_now, open_ballot
from awards.tests.factories import ProposalFactory, RoundFactory
from emulation.models import Unit
from emulation.tests.factories import UnitFactory, secretary_of
from emulation.workflow import next_step

OFFICE = "Văn phòng Đảng ủy Khối"
STANDING = "Ban Thường vụ Đảng ủy Khối"
COUNCIL = "Thành viên Hội đồng Thi đua - Khen thưởng"


def test_a_dossier_waits_for_the_unit_then_the_office_the_council_the_standing_committee():
    round = Round(submission_deadline=timezone.localdate() + datetime.timedelta(days=3))
    unit = Unit(name="Đảng bộ Sở Tài chính")
    draft = next_step(Proposal(round=round, unit=unit, state=ProposalState.DRAFT))
    assert "Đảng bộ Sở Tài chính" in draft["actor"] and draft["due"] == round.submission_deadline
    expected = {
        ProposalState.SUBMITTED: OFFICE,
        ProposalState.VERIFYING: OFFICE,
        ProposalState.VERIFIED: OFFICE,
        ProposalState.IN_BALLOT: COUNCIL,
        ProposalState.VOTED: OFFICE,
        ProposalState.PUBLIC_NOTICE: STANDING,
        ProposalState.DECIDED: OFFICE,
    }
    for state, actor in expected.items():
        assert str(next_step(Proposal(round=round, unit=unit, state=state))["actor"]) == actor, state
    assert "Đảng bộ Sở Tài chính" in next_step(Proposal(round=round, unit=unit, state=ProposalState.RETURNED))["actor"]
    assert "Cấp trên" in str(next_step(Proposal(round=round, unit=unit, state=ProposalState.FORWARDED))["actor"])
    for state in (ProposalState.CERTIFIED, ProposalState.NOT_PASSED, ProposalState.WITHDRAWN):
        assert next_step(Proposal(round=round, unit=unit, state=state))["done"]


def test_a_round_a_ballot_and_a_notice_are_due_by_their_own_dates():
    deadline = timezone.localdate() - datetime.timedelta(days=1)
    step = next_step(Round(state=RoundState.OPEN, submission_deadline=deadline))
    assert step["due"] == deadline and step["overdue"]
    closes = timezone.now() + datetime.timedelta(hours=2)
    step = next_step(Ballot(state=BallotState.OPEN, closes_at=closes))
    assert str(step["actor"]) == COUNCIL and step["due"] == closes and step["due_has_time"] and not step["overdue"]
    # Once the voting time is over the ballot waits for the Office's count, not for the council, and is not late.
    step = next_step(Ballot(state=BallotState.OPEN, closes_at=timezone.now() - datetime.timedelta(minutes=1)))
    assert str(step["actor"]) == OFFICE and step["due"] is None and not step["overdue"]
    # A notice waits for the Standing Committee with no deadline: its decision opens after the notice ends.
    for ends in (timezone.localdate() + datetime.timedelta(days=5), timezone.localdate() - datetime.timedelta(days=1)):
        step = next_step(PublicNotice(state=NoticeState.OPEN, ends_on=ends))
        assert str(step["actor"]) == STANDING and step["due"] is None and not step["overdue"]
    for record in (Round(state=RoundState.CLOSED), Ballot(state=BallotState.CLOSED), PublicNotice(state="decided")):
        assert next_step(record)["done"]


@pytest.fixture
def notice(verified_proposal, office, council, round):
    ballot = open_ballot([verified_proposal], office, round)
    for member in council:
        services.cast_votes(ballot=ballot, by=member, choices={ballot.items.get().pk: "agree"})
    ballot = services.close_ballot(ballot=close_now(ballot), by=office)
    return services.publish_notice(ballot=ballot, by=office)


def test_each_awards_record_page_shows_who_acts_next(client, notice, office, standing, secretary, unit, round):
    client.force_login(office)
    for record, text in [
        (round, "Đang chờ: Các đơn vị (nộp hồ sơ đề nghị)"),
        (notice.ballot, "Đã hoàn tất"),
        (notice, f"Đang chờ: {STANDING}"),
        (Proposal.objects.get(unit=unit), f"Đang chờ: {STANDING}"),
    ]:
        page = client.get(record.get_absolute_url()).content.decode()
        assert "next-step" in page and text in page, record
    page = client.get(round.get_absolute_url()).content.decode()
    assert f"Hạn: {round.submission_deadline:%d/%m/%Y}" in page

    PublicNotice.objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    notice.refresh_from_db()
    decision = services.record_decision(
        notice=notice,
        by=standing,
        number="125",
        date=timezone.localdate(),
        signer_name="Nguyễn Đình Hải",
        signer_position="BÍ THƯ",
    )
    page = client.get(decision.get_absolute_url()).content.decode()
    assert f"Đang chờ: {OFFICE}" in page

    draft = ProposalFactory(round=RoundFactory(), unit=unit)
    client.force_login(secretary)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Đang chờ: Bí thư hoặc người được giao của Đảng bộ Sở Tài chính" in page


def test_a_council_member_sees_the_ballots_to_vote_with_their_closing_time(client, verified_proposal, office, council):
    ballot = open_ballot([verified_proposal], office, verified_proposal.round)
    client.force_login(council[0])
    page = client.get(reverse("home")).content.decode()
    assert ballot.name in page and timezone.localtime(ballot.closes_at).strftime("%d/%m/%Y %H:%M") in page
    services.cast_votes(ballot=ballot, by=council[0], choices={ballot.items.get().pk: "agree"})
    page = client.get(reverse("home")).content.decode()
    assert ballot.name not in page and "Không có việc cần xử lý" in page


def test_the_standing_committee_sees_the_notices_awaiting_its_decision(client, notice, standing):
    client.force_login(standing)
    page = client.get(reverse("home")).content.decode()
    assert notice.ballot.round.name in page and '<span class="badge text-bg-warning">1</span>' in page


def test_a_secretarys_home_lists_its_dossiers_to_fix_and_never_another_units(client, unit, secretary, db):
    round = RoundFactory(name="Khen thưởng chuyên đề")
    other = UnitFactory(name="Đảng bộ Sở Y tế")
    secretary_of(other)
    ProposalFactory(round=round, unit=unit, state=ProposalState.RETURNED)
    ProposalFactory(round=round, unit=other, state=ProposalState.DRAFT)
    client.force_login(secretary)
    page = client.get(reverse("home")).content.decode()
    assert "Hồ sơ cần hoàn thiện hoặc bổ sung" in page and "Trả lại để bổ sung" in page
    assert f"{round.submission_deadline:%d/%m/%Y}" in page
    assert "Đảng bộ Sở Y tế" not in page


def test_a_counted_ballot_waits_for_the_office_to_publish_its_list(client, verified_proposal, office, council, round):
    """The ballot's own states end at the count; the page still says the Office has the next step until the list
    is published."""
    ballot = open_ballot([verified_proposal], office, round)
    for member in council:
        services.cast_votes(ballot=ballot, by=member, choices={ballot.items.get().pk: "agree"})
    ballot = services.close_ballot(ballot=close_now(ballot), by=office)
    client.force_login(office)
    assert f"Đang chờ: {OFFICE}" in client.get(ballot.get_absolute_url()).content.decode()
    services.publish_notice(ballot=ballot, by=office)
    assert "Đã hoàn tất" in client.get(ballot.get_absolute_url()).content.decode()
