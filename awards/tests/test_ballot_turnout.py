"""The ballot for those who vote and count: the Office's live turnout (who, never how), the early close once every
eligible member has voted, the recused apart as the minutes count them, the dossier one click from the ballot."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards import documents, services
from awards.enums import BallotState
from awards.models import Ballot
from awards.tests.conftest import attach_required, close_now, open_ballot
from awards.tests.factories import PersonRatingFactory, award
from awards.turnout import ballot_turnout
from emulation.errors import DomainError
from emulation.models import AuditEntry
from emulation.tests.factories import PersonFactory, UnitFactory, council_member, secretary_of

pytestmark = pytest.mark.django_db

SUMMARY = "Chủ trì số hóa toàn bộ hồ sơ quyết toán của Sở."


def _verified(round, unit, secretary, office, names):
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    for name in names:
        person = PersonFactory(unit=unit, full_name=name)
        PersonRatingFactory(person=person, year=round.year, rating=4)
        services.add_nominee(
            proposal=proposal, by=secretary, award=award("giay-khen-ca-nhan"), person=person, summary=SUMMARY
        )
    attach_required(proposal, secretary)
    services.submit_proposal(proposal=proposal, by=secretary)
    services.start_verification(proposal=proposal, by=office)
    services.verify_proposal(proposal=proposal, by=office)
    return proposal


@pytest.fixture
def insider(unit):
    """A fourth council member who works in the proposing unit: recused from each of its nominees."""
    member = council_member(username="hoidong-noi-bo")
    PersonFactory(unit=UnitFactory(parent=unit), user=member, full_name="Thành viên Cùng Đơn Vị")
    return member


@pytest.fixture
def ballot(round, unit, secretary, office, council, insider):
    proposal = _verified(round, unit, secretary, office, ["Người Thứ Nhất", "Người Thứ Hai"])
    return open_ballot([proposal], office, round)


def _vote_all(ballot, member, choice="agree"):
    return services.cast_votes(ballot=ballot, by=member, choices={item.pk: choice for item in ballot.items.all()})


def _turnout_html(client, ballot):
    response = client.get(reverse("awards:ballot_turnout", args=[ballot.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_office_sees_who_has_voted_and_never_how(client, ballot, office, council):
    first, _second = ballot.items.order_by("position")
    _vote_all(ballot, council[0], "disagree")
    services.cast_votes(ballot=ballot, by=council[1], choices={first.pk: "agree"})
    client.force_login(office)

    html = _turnout_html(client, ballot)
    done = re.search(r'data-turnout="done">(.*?)</dd>', html).group(1)
    in_progress = re.search(r'data-turnout="in-progress">(.*?)</dd>', html).group(1)
    waiting = re.search(r'data-turnout="waiting">(.*?)</dd>', html).group(1)
    assert done == "Thành viên Hội đồng 0"
    assert "Thành viên Hội đồng 1 (1/2 trường hợp)" in in_progress
    assert waiting == "Thành viên Hội đồng 2"
    # the insider may vote on none of the unit's nominees: not among those awaited, counted apart
    assert "Thành viên Cùng Đơn Vị" not in html
    assert "1 thành viên không tham gia biểu quyết trường hợp nào" in html
    assert "1/3" in html
    for choice in ("Đồng ý", "Không đồng ý", "disagree", "agree"):
        assert choice not in html
    assert 'hx-trigger="every 10s"' in html
    # the ballot's own page carries the same block
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert 'id="ballot-turnout"' in page and "Thành viên Hội đồng 0" in page


def test_only_the_office_reads_the_turnout(client, ballot, council, secretary, standing):
    _vote_all(ballot, council[0])
    url = reverse("awards:ballot_turnout", args=[ballot.pk])
    for user in (council[1], secretary, standing):
        client.force_login(user)
        assert client.get(url).status_code == 403
        if user != secretary:
            page = client.get(ballot.get_absolute_url()).content.decode()
            assert 'id="ballot-turnout"' not in page
            assert "Thành viên Hội đồng 0" not in page


def test_after_the_tally_the_turnout_names_no_one(client, ballot, office, council):
    for member in council:
        _vote_all(ballot, member)
    services.close_ballot(ballot=ballot, by=office)
    client.force_login(office)
    html = _turnout_html(client, ballot)
    assert "Thành viên Hội đồng" not in html
    assert "hx-trigger" not in html
    assert 'id="ballot-turnout"' not in client.get(ballot.get_absolute_url()).content.decode()


def test_the_early_close_waits_for_every_eligible_member(client, ballot, office, council):
    client.force_login(office)
    for member in council[:2]:
        _vote_all(ballot, member)
    assert not ballot_turnout(ballot).complete
    assert "Kết thúc sớm và kiểm phiếu" not in client.get(ballot.get_absolute_url()).content.decode()
    with pytest.raises(DomainError, match="còn thành viên Hội đồng chưa bỏ phiếu"):
        services.close_ballot(ballot=ballot, by=office)
    response = client.post(reverse("awards:ballot_close", args=[ballot.pk]), follow=True)
    assert "còn thành viên Hội đồng chưa bỏ phiếu" in response.content.decode()
    assert Ballot.objects.get(pk=ballot.pk).state == BallotState.OPEN

    # the last eligible member votes; the insider, recused from every nominee, is not waited for
    _vote_all(ballot, council[2])
    assert ballot_turnout(ballot).complete
    assert "Kết thúc sớm và kiểm phiếu" in _turnout_html(client, ballot)
    planned = ballot.closes_at
    client.post(reverse("awards:ballot_close", args=[ballot.pk]))

    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED
    assert ballot.closes_at == ballot.tallied_at < planned  # the minutes say when it really ended
    entry = AuditEntry.objects.get(action="award_ballot.closed")
    assert entry.data["early"] is True
    assert entry.data["planned_closes_at"] == planned.isoformat()


def test_the_early_close_counts_as_the_close_at_the_deadline(ballot, office, council):
    first, second = ballot.items.order_by("position")
    services.cast_votes(ballot=ballot, by=council[0], choices={first.pk: "agree", second.pk: "disagree"})
    services.cast_votes(ballot=ballot, by=council[1], choices={first.pk: "agree", second.pk: "agree"})
    services.cast_votes(ballot=ballot, by=council[2], choices={first.pk: "agree", second.pk: "disagree"})

    def figures():
        items = ballot.items.select_related("nominee").order_by("position")
        return [(i.agree_count, i.disagree_count, i.recused_count, i.passed, i.nominee.result) for i in items]

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        services.close_ballot(ballot=ballot, by=office)
        early = figures()
        raise Undo
    assert Ballot.objects.get(pk=ballot.pk).state == BallotState.OPEN
    services.close_ballot(ballot=close_now(ballot), by=office)

    assert figures() == early
    # four members: three agree and the insider recused; a majority over 50% of four needs three
    assert [row[:4] for row in early] == [(3, 0, 1, True), (1, 2, 1, False)]


def test_the_recused_column_is_the_minutes_figure(client, ballot, office, council, monkeypatch):
    first, second = ballot.items.order_by("position")
    services.cast_votes(ballot=ballot, by=council[0], choices={first.pk: "agree", second.pk: "disagree"})
    services.cast_votes(ballot=ballot, by=council[1], choices={first.pk: "agree"})  # no vote on the second
    services.close_ballot(ballot=close_now(ballot), by=office)
    client.force_login(office)

    rows = client.get(ballot.get_absolute_url()).context["rows"]
    page = client.get(ballot.get_absolute_url()).content.decode()
    tallies = [row["item"].tally for row in rows]
    # four members: the insider recused from both, council[2] absent from both, council[1] from the second
    assert [(t.agree, t.disagree, t.absent, t.recused) for t in tallies] == [(2, 0, 1, 1), (0, 1, 2, 1)]
    assert all(t.agree + t.disagree + t.absent + t.recused == t.total for t in tallies)
    assert page.count('data-label="Không tham gia">1</td>') == 2
    assert 'data-label="Không bỏ phiếu">2</td>' in page

    rendered = {}

    def keep_html(template, context):
        from django.template.loader import render_to_string

        rendered["html"] = render_to_string(template, context)
        return b"%PDF"

    monkeypatch.setattr(documents, "render_pdf", keep_html)
    client.get(reverse("awards:ballot_minutes", args=[ballot.pk]))
    cells = re.findall(r'<td class="num">(\d+)</td>', rendered["html"])
    # per row: number, agree, disagree, did not vote, recused: the page's figures
    rows_of_minutes = [cells[k : k + 5] for k in range(0, len(cells), 5)]
    assert [[int(v) for v in row[1:]] for row in rows_of_minutes] == [
        [t.agree, t.disagree, t.absent, t.recused] for t in tallies
    ]


def test_a_council_member_reads_the_dossier_from_the_ballot(client, ballot, council, insider):
    nominee = ballot.items.order_by("position").first().nominee
    attachment = nominee.attachments.first()
    assert attachment is not None
    for member in (council[0], insider):  # the recused member reads the dossier too
        client.force_login(member)
        page = client.get(ballot.get_absolute_url()).content.decode()
        assert SUMMARY in page
        assert nominee.proposal.get_absolute_url() in page
        assert attachment.get_absolute_url() in page
        assert client.get(nominee.proposal.get_absolute_url()).status_code == 200
        response = client.get(attachment.get_absolute_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_no_secretary_reaches_the_ballot_nor_another_units_dossier(client, ballot, other_secretary, secretary):
    nominee = ballot.items.order_by("position").first().nominee
    attachment = nominee.attachments.first()
    client.force_login(other_secretary)
    assert client.get(ballot.get_absolute_url()).status_code == 403
    assert client.get(nominee.proposal.get_absolute_url()).status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 404
    client.force_login(secretary)  # the unit's own secretary reads the dossier, not the ballot
    assert client.get(ballot.get_absolute_url()).status_code == 403


def test_the_ballot_page_with_turnout_does_not_grow(client, round, unit, other_unit, secretary, office, council):
    """The same number of queries for a ballot of 2 nominees and one of 12, with more members than votes."""
    for index in range(3):
        member = council_member(username=f"hoidong-them-{index}")
        PersonFactory(unit=UnitFactory(), user=member)
    small = open_ballot([_verified(round, unit, secretary, office, ["Người A", "Người B"])], office, round)
    names = [f"Người số {n}" for n in range(12)]
    large = open_ballot([_verified(round, other_unit, secretary_of(other_unit), office, names)], office, round)
    counts = {}
    for ballot in (small, large):
        _vote_all(ballot, council[0])
        for user in (office, council[1]):
            client.force_login(user)
            for name in ("awards:ballot_detail", "awards:ballot_turnout"):
                client.get(reverse(name, args=[ballot.pk]))  # process-wide caches warm, as on a running server
                with CaptureQueriesContext(connection) as context:
                    client.get(reverse(name, args=[ballot.pk]))
                counts.setdefault((user.username, name), []).append(len(context.captured_queries))
    for key, (on_small, on_large) in counts.items():
        assert on_small == on_large <= 20, (key, on_small, on_large)


def test_past_its_time_the_turnout_stops_refreshing_and_the_tally_is_offered(client, ballot, office, council):
    _vote_all(ballot, council[0])
    close_now(ballot)
    client.force_login(office)
    html = _turnout_html(client, ballot)
    assert "Thành viên Hội đồng 0" in html  # not tallied yet: no total to set the names beside
    assert "hx-trigger" not in html
    assert "Đã hết thời gian bỏ phiếu" in html
    assert "Kết thúc sớm và kiểm phiếu" not in html
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert reverse("awards:ballot_close", args=[ballot.pk]) in page
