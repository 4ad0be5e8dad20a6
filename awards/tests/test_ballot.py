"""The council's secret ballot: thresholds over total membership, recusal, one vote, closing, and secrecy."""

import pytest
from django.contrib import admin
from django.db import IntegrityError
from django.urls import get_resolver, reverse

from awards import services
from awards.enums import NomineeResult, ProposalState
from awards.models import Award, BallotItem, Vote
from awards.tests.conftest import attach_required, close_now, open_ballot
from awards.tests.factories import PersonRatingFactory, award
from emulation.errors import DomainError
from emulation.tests.factories import PersonFactory, UnitFactory, council_member, secretary_of

pytestmark = pytest.mark.django_db


def _verified(round, unit, secretary, office, names, code="giay-khen-ca-nhan"):
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    for name in names:
        person = PersonFactory(unit=unit, full_name=name)
        PersonRatingFactory(person=person, year=round.year, rating=4)
        services.add_nominee(proposal=proposal, by=secretary, award=award(code), person=person)
    attach_required(proposal, secretary)
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    services.verify_proposal(proposal=proposal, by=office)
    return proposal


def _items(ballot):
    return {item.nominee.name: item for item in ballot.items.select_related("nominee__person", "nominee__unit")}


@pytest.mark.parametrize(
    ("percent", "inclusive", "agree", "total", "passes"),
    [
        (80, True, 4, 5, True),
        (80, True, 3, 5, False),
        (90, True, 9, 10, True),
        (90, True, 8, 9, False),
        (50, False, 3, 5, True),
        (50, False, 2, 4, False),
        (50, False, 0, 0, False),
    ],
)
def test_threshold_is_a_share_of_the_total_membership(percent, inclusive, agree, total, passes):
    assert Award(threshold_percent=percent, threshold_inclusive=inclusive).passes(agree, total) is passes


def test_default_thresholds_are_ninety_eighty_and_a_majority():
    assert award("chien-si-thi-dua-toan-quoc").threshold_percent == 90
    assert award("chien-si-thi-dua-cap-tinh").threshold_percent == 80
    assert award("giay-khen-ca-nhan").threshold_percent == 50
    assert not award("giay-khen-ca-nhan").threshold_inclusive


def test_absent_members_count_against_the_threshold(round, unit, secretary, office, council):
    proposal = _verified(round, unit, secretary, office, ["Người Ba Phiếu", "Người Hai Phiếu"])
    council += [council_member(), council_member()]  # five members; two never vote
    ballot = open_ballot([proposal], office, round)
    items = _items(ballot)
    for member in council[:3]:
        services.cast_votes(ballot=ballot, by=member, choices={items["Người Ba Phiếu"].pk: "agree"})
    for member in council[:2]:
        services.cast_votes(ballot=ballot, by=member, choices={items["Người Hai Phiếu"].pk: "agree"})

    services.close_ballot(ballot=close_now(ballot), by=office)

    ballot.refresh_from_db()
    assert ballot.total_members == 5
    items = _items(ballot)
    assert (items["Người Ba Phiếu"].agree_count, items["Người Ba Phiếu"].passed) == (3, True)
    # two of two votes cast agree, but two of five members is not a majority of the council
    assert (items["Người Hai Phiếu"].agree_count, items["Người Hai Phiếu"].passed) == (2, False)
    assert items["Người Hai Phiếu"].nominee.result == NomineeResult.NOT_PASSED
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.VOTED


def test_members_of_the_nominees_unit_are_recused(client, verified_proposal, office, council, round):
    insider = council_member(username="hoidong-noi-bo")
    PersonFactory(unit=UnitFactory(parent=verified_proposal.unit), user=insider, full_name="Thành viên cùng đơn vị")
    ballot = open_ballot([verified_proposal], office, round)
    item = ballot.items.get()

    with pytest.raises(DomainError, match="không tham gia biểu quyết"):
        services.cast_votes(ballot=ballot, by=insider, choices={item.pk: "agree"})
    assert not Vote.objects.exists()
    client.force_login(insider)
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Không tham gia biểu quyết (cùng đơn vị)" in page
    assert 'name="item_' not in page


def test_the_nominee_is_recused_from_his_own_nomination(verified_proposal, office, council, round):
    nominee = verified_proposal.nominees.get()
    member = council_member(username="hoidong-chinh-minh")
    nominee.person.user = member
    nominee.person.save()
    ballot = open_ballot([verified_proposal], office, round)
    with pytest.raises(DomainError):
        services.cast_votes(ballot=ballot, by=member, choices={ballot.items.get().pk: "agree"})


def test_a_member_cannot_vote_twice(verified_proposal, office, council, round):
    ballot = open_ballot([verified_proposal], office, round)
    item = ballot.items.get()
    services.cast_votes(ballot=ballot, by=council[0], choices={item.pk: "agree"})

    with pytest.raises(DomainError, match="mỗi thành viên chỉ bỏ một phiếu"):
        services.cast_votes(ballot=ballot, by=council[0], choices={item.pk: "disagree"})
    with pytest.raises(IntegrityError):
        Vote.objects.create(item=item, voter=council[0], choice="disagree")


def test_no_vote_after_closing_and_no_count_before(verified_proposal, office, council, round):
    ballot = open_ballot([verified_proposal], office, round)
    item = ballot.items.get()
    with pytest.raises(DomainError, match="Chưa đến thời điểm kết thúc"):
        services.close_ballot(ballot=ballot, by=office)

    close_now(ballot)
    with pytest.raises(DomainError, match="đã kết thúc"):
        services.cast_votes(ballot=ballot, by=council[0], choices={item.pk: "agree"})
    assert not Vote.objects.exists()


def test_only_council_members_vote(verified_proposal, office, council, round):
    ballot = open_ballot([verified_proposal], office, round)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.cast_votes(ballot=ballot, by=office, choices={ballot.items.get().pk: "agree"})


def test_opening_a_ballot_notifies_every_member_with_the_deadline(
    verified_proposal, office, council, round, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot([verified_proposal], office, round)
    for member in council:
        notification = member.notifications.get()
        assert notification.url == ballot.get_absolute_url()
        assert notification.deadline is not None


SECRET_VOTER = "Thành viên Hội đồng 0"


def _every_awards_url(objects):
    """A URL for every route of the awards app, so a new page cannot escape the secrecy check."""
    resolver = get_resolver()
    namespace = resolver.namespace_dict["awards"][1]
    route_names = {name for name in namespace.reverse_dict if isinstance(name, str)}
    kwargs = {
        "award_detail": {"pk": objects["award"].pk},
        "round_detail": {"pk": objects["round"].pk},
        "round_close": {"pk": objects["round"].pk},
        "proposal_create": {"round_pk": objects["round"].pk},
        "ballot_create": {"round_pk": objects["round"].pk},
        "proposal_detail": {"pk": objects["proposal"].pk},
        "proposal_edit": {"pk": objects["proposal"].pk},
        "nominee_add": {"pk": objects["proposal"].pk},
        "nominee_remove": {"pk": objects["proposal"].pk, "nominee_pk": objects["nominee"].pk},
        "nominee_override": {"pk": objects["proposal"].pk, "nominee_pk": objects["nominee"].pk},
        "attachment_add": {"pk": objects["proposal"].pk},
        "proposal_transition": {"pk": objects["proposal"].pk, "action": "verify"},
        "proposal_return": {"pk": objects["proposal"].pk},
        "proposal_withdraw": {"pk": objects["proposal"].pk},
        "proposal_version": {"pk": objects["proposal"].pk, "number": 1},
        "attachment_download": {"pk": objects["attachment"].pk},
        "higher_answer": {"nominee_pk": objects["nominee"].pk},
        "certificate_pdf": {"nominee_pk": objects["nominee"].pk},
        "ballot_detail": {"pk": objects["ballot"].pk},
        "ballot_vote": {"pk": objects["ballot"].pk},
        "ballot_turnout": {"pk": objects["ballot"].pk},
        "ballot_close": {"pk": objects["ballot"].pk},
        "ballot_minutes": {"pk": objects["ballot"].pk},
        "notice_publish": {"ballot_pk": objects["ballot"].pk},
        "notice_detail": {"pk": objects["notice"].pk},
        "notice_pdf": {"pk": objects["notice"].pk},
        "feedback_add": {"pk": objects["notice"].pk},
        "feedback_resolve": {"pk": objects["feedback"].pk},
        "decision_create": {"notice_pk": objects["notice"].pk},
        "decision_detail": {"pk": objects["decision"].pk},
        "decision_pdf": {"pk": objects["decision"].pk},
        "certificates_issue": {"pk": objects["decision"].pk},
        "person_awards": {"pk": objects["nominee"].person_id},
        "unit_awards": {"pk": objects["proposal"].unit_id},
    }
    # reverse() fails for a route with arguments missing above, so every route of the app is fetched
    urls = [reverse(f"awards:{name}", kwargs=kwargs.get(name, {})) for name in sorted(route_names)]
    return urls + [reverse("awards:lookup") + "?format=xlsx", "/", "/nhat-ky/", "/thong-bao/"]


def _text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf") and b"startxref" in content:
        from io import BytesIO

        from pypdf import PdfReader

        return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split())
    if "spreadsheet" in kind:
        from io import BytesIO

        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(content)).active
        return " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
    return content.decode("utf-8", errors="replace")


@pytest.fixture
def decided_world(round, unit, secretary, office, standing, council):
    """One ballot through to a decision, in which member 0 alone disagreed with the first nominee."""
    import datetime

    from django.utils import timezone

    proposal = _verified(round, unit, secretary, office, ["Phạm Văn Được Bầu", "Võ Thị Cũng Được"])
    ballot = open_ballot([proposal], office, round)
    items = list(ballot.items.order_by("pk"))
    services.cast_votes(ballot=ballot, by=council[0], choices={items[0].pk: "disagree", items[1].pk: "agree"})
    services.cast_votes(ballot=ballot, by=council[1], choices={items[0].pk: "agree", items[1].pk: "agree"})
    services.cast_votes(ballot=ballot, by=council[2], choices={items[0].pk: "agree", items[1].pk: "agree"})
    services.close_ballot(ballot=close_now(ballot), by=office)
    notice = services.publish_notice(ballot=ballot, by=office)
    feedback = services.send_feedback(notice=notice, by=secretary, kind="comment", text="Đồng tình.")
    services.resolve_feedback(feedback=feedback, by=office, resolution="Ghi nhận.")
    type(notice).objects.filter(pk=notice.pk).update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    notice.refresh_from_db()
    decision = services.record_decision(
        notice=notice,
        by=standing,
        number="7",
        date=timezone.localdate(),
        signer_name="Nguyễn Đình Hải",
        signer_position="BÍ THƯ",
    )
    nominee = proposal.nominees.order_by("pk").first()
    return {
        "award": nominee.award,
        "round": round,
        "proposal": proposal,
        "nominee": nominee,
        "attachment": proposal.attachments.first(),
        "ballot": ballot,
        "notice": notice,
        "feedback": feedback,
        "decision": decision,
    }


def test_no_page_export_or_response_shows_another_members_vote(client, decided_world, office, standing, council):
    urls = _every_awards_url(decided_world)
    viewers = [council[1], office, standing]
    for viewer in viewers:
        client.force_login(viewer)
        for url in urls:
            response = client.get(url)
            text = _text_of(response)
            assert SECRET_VOTER not in text, (viewer, url)
            assert council[0].username not in text, (viewer, url)
            assert "Bạn: Không đồng ý" not in text, (viewer, url)
    # the voter alone sees his or her own choice
    client.force_login(council[0])
    assert "Bạn: Không đồng ý" in client.get(decided_world["ballot"].get_absolute_url()).content.decode()


def test_totals_appear_only_after_closing(client, verified_proposal, office, council, round):
    ballot = open_ballot([verified_proposal], office, round)
    services.cast_votes(ballot=ballot, by=council[0], choices={ballot.items.get().pk: "disagree"})
    client.force_login(office)
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Không bỏ phiếu" not in page
    assert client.get(reverse("awards:ballot_minutes", args=[ballot.pk])).status_code == 404

    services.close_ballot(ballot=close_now(ballot), by=office)
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Không bỏ phiếu" in page
    minutes = _text_of(client.get(reverse("awards:ballot_minutes", args=[ballot.pk])))
    assert "BIÊN BẢN" in minutes
    assert "Không thông qua" in minutes


def test_votes_are_not_in_the_admin_nor_the_audit_log(verified_proposal, office, council, round):
    from emulation.models import AuditEntry

    ballot = open_ballot([verified_proposal], office, round)
    services.cast_votes(ballot=ballot, by=council[0], choices={ballot.items.get().pk: "disagree"})
    assert Vote not in admin.site._registry
    entry = AuditEntry.objects.get(action="award_ballot.voted")
    assert entry.actor is None
    assert entry.ip_address is None
    assert "disagree" not in str(entry.data)


def test_the_council_home_lists_ballots_until_the_member_has_voted(client, verified_proposal, office, council, round):
    insider = council_member(username="hoidong-cung-don-vi")
    PersonFactory(unit=verified_proposal.unit, user=insider)
    ballot = open_ballot([verified_proposal], office, round)
    client.force_login(council[0])
    assert ballot.name in client.get("/").content.decode()
    services.cast_votes(ballot=ballot, by=council[0], choices={ballot.items.get().pk: "agree"})
    assert ballot.name not in client.get("/").content.decode()
    client.force_login(insider)  # recused from the only nominee: nothing waits for this member
    assert ballot.name not in client.get("/").content.decode()


def test_the_offices_justification_is_shown_to_the_council(client, round, unit, secretary, office, council):
    person = PersonFactory(unit=unit, full_name="Người Chưa Đủ Dữ Liệu")  # no rating recorded: unknown
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    nominee = services.add_nominee(proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=person)
    attach_required(proposal, secretary)
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    services.override_condition(
        nominee=nominee, by=office, justification="Đơn vị mới thành lập, chưa tổ chức xếp loại."
    )
    services.verify_proposal(proposal=proposal, by=office)
    ballot = open_ballot([proposal], office, round)

    client.force_login(council[0])
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "Đơn vị mới thành lập, chưa tổ chức xếp loại." in page
    assert "Chưa đủ dữ liệu" in page


def test_decided_award_records_cannot_be_deleted_in_the_admin(rf, office):
    from awards.admin import AwardRecordAdmin
    from awards.models import AwardRecord

    admin_view = AwardRecordAdmin(AwardRecord, admin.site)
    assert not admin_view.has_delete_permission(rf.get("/"), AwardRecord(source="portal"))
    assert admin_view.has_delete_permission(rf.get("/"), AwardRecord(source="imported"))


def test_a_long_ballot_is_voted_page_by_page(client, round, unit, secretary, office, council, monkeypatch):
    monkeypatch.setattr("awards.views.ballots.BALLOT_PAGE_SIZE", 1)
    proposal = _verified(round, unit, secretary, office, ["Người Trang Một", "Người Trang Hai"])
    ballot = open_ballot([proposal], office, round)
    first, second = ballot.items.order_by("pk")
    client.force_login(council[0])

    page = client.get(ballot.get_absolute_url()).content.decode()
    assert f'name="item_{first.pk}"' in page
    assert f'name="item_{second.pk}"' not in page
    assert "Trang 1/2" in page
    response = client.post(reverse("awards:ballot_vote", args=[ballot.pk]), {f"item_{second.pk}": "agree", "page": "2"})
    assert response.url == f"{ballot.get_absolute_url()}?page=2"
    assert Vote.objects.get(voter=council[0]).item == second

    page = client.get(response.url).content.decode()
    assert "Bạn: Đồng ý" in page
    assert 'name="item_' not in page
    assert f'name="item_{first.pk}"' in client.get(ballot.get_absolute_url()).content.decode()


def test_the_ballot_list_shows_a_member_how_many_nominees_he_voted_on(client, round, unit, secretary, office, council):
    proposal = _verified(round, unit, secretary, office, ["Người Một", "Người Hai"])
    ballot = open_ballot([proposal], office, round)
    first = ballot.items.order_by("pk").first()
    services.cast_votes(ballot=ballot, by=council[0], choices={first.pk: "agree"})
    assert Vote.objects.get().ballot == ballot
    client.force_login(council[0])
    row = client.get(reverse("awards:ballot_list")).context["page"][0]
    assert (row.item_count, row.my_vote_count) == (2, 1)
    client.force_login(council[1])
    assert client.get(reverse("awards:ballot_list")).context["page"][0].my_vote_count == 0


def test_a_ballot_written_in_bulk_is_completed_by_the_loader_not_by_the_list(
    client, verified_proposal, office, council, round
):
    from awards.models import Ballot

    ballot = open_ballot([verified_proposal], office, round)
    assert ballot.item_count == 1
    assert ballot.items.get().position == 1
    services.cast_votes(ballot=ballot, by=council[0], choices={ballot.items.get().pk: "agree"})
    # as a bulk load leaves them: no count, no positions, votes without their ballot
    Ballot.objects.filter(pk=ballot.pk).update(item_count=None)
    BallotItem.objects.update(position=None)
    Vote.objects.update(ballot=None)
    client.force_login(office)
    assert client.get(reverse("awards:ballot_list")).status_code == 200
    assert Ballot.objects.get(pk=ballot.pk).item_count is None  # a read never writes
    services.complete_bulk_load()
    assert client.get(reverse("awards:ballot_list")).context["page"][0].item_count == 1
    assert ballot.items.get().position == 1
    client.force_login(council[0])
    assert client.get(reverse("awards:ballot_list")).context["page"][0].my_vote_count == 1


def test_the_ballot_lists_nominees_by_proposing_unit(client, round, office, council):
    units = [UnitFactory(name=f"Đơn vị {n}") for n in "BA"]
    proposals = []
    for unit in units:
        proposals.append(_verified(round, unit, secretary_of(unit), office, [f"Người của {unit.name}"]))
    ballot = open_ballot(proposals, office, round)
    client.force_login(office)
    rows = client.get(ballot.get_absolute_url()).context["rows"]
    expected = sorted(units, key=lambda unit: unit.path)
    assert [row["item"].nominee.proposal.unit for row in rows] == expected
    assert [row["item"].position for row in rows] == [1, 2]


def test_the_council_home_waits_only_where_the_member_may_still_vote(client, round, unit, secretary, office, council):
    from awards.selectors import ballots_awaiting_vote

    proposal = _verified(round, unit, secretary, office, ["Người Một", "Người Hai"])
    ballot = open_ballot([proposal], office, round)
    below = council_member(username="hoidong-cap-duoi")
    PersonFactory(unit=UnitFactory(parent=UnitFactory(parent=unit)), user=below)  # recused: inside the unit
    above = council_member(username="hoidong-cap-tren")
    PersonFactory(unit=unit.parent or UnitFactory(), user=above)
    first, second = ballot.items.order_by("pk")

    assert ballots_awaiting_vote(below) == []
    assert ballots_awaiting_vote(above) == [ballot]  # a unit above the proposing one is not recused
    assert ballots_awaiting_vote(council[0]) == [ballot]
    services.cast_votes(ballot=ballot, by=council[0], choices={first.pk: "agree"})
    assert ballots_awaiting_vote(council[0]) == [ballot]  # one nominee left
    type(second.nominee).objects.filter(pk=second.nominee_id).update(result=NomineeResult.WITHDRAWN)
    assert ballots_awaiting_vote(council[0]) == []  # the other was withdrawn
    himself = council_member(username="hoidong-duoc-de-nghi")
    first.nominee.person.user = himself
    first.nominee.person.save()
    assert ballots_awaiting_vote(himself) == []  # the only nominee left is the member himself
