"""Races on PostgreSQL: threads with their own connections submit, review, vote and request at the same instant.

Each race must end in exactly one winner (or every vote counted once), the others refused with a message,
and the audit log telling the same story as the rows.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from emulation.errors import DomainError
from emulation.models import AuditEntry
from emulation.tests.factories import PersonFactory, UnitFactory, council_member, office_user, secretary_of

from .concurrency import RUN, errors, race, winners

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 6


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("races need PostgreSQL row locks and separate connections")


@pytest.fixture(scope="module", autouse=True)
def _report_operations():
    yield
    print(f"\nconcurrency: {RUN['operations']} concurrent operations run")


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def draft_pledge(unit):
    from campaigns.models import PledgeTarget
    from campaigns.tests.factories import PledgeFactory, plan_with_criteria

    plan = plan_with_criteria()
    pledge = PledgeFactory(plan=plan, unit=unit)
    for criterion in plan.criteria.all():
        PledgeTarget.objects.create(pledge=pledge, criterion=criterion, value=Decimal("1"))
    return pledge


def _domain_refusals(results):
    refused = errors(results)
    assert all(isinstance(e, DomainError) for e in refused), refused
    return refused


def test_a_pledge_submitted_from_many_tabs_at_once_is_submitted_once(draft_pledge, unit):
    from campaigns.services import submit_pledge

    secretary = secretary_of(unit)
    results = race([lambda: submit_pledge(pledge=draft_pledge, by=secretary)] * THREADS)
    assert len(winners(results)) == 1
    assert len(_domain_refusals(results)) == THREADS - 1
    draft_pledge.refresh_from_db()
    assert draft_pledge.state == "submitted"
    assert AuditEntry.objects.filter(action="pledge.submitted", object_id=str(draft_pledge.pk)).count() == 1


def test_accept_and_return_at_the_same_time_one_wins_and_the_state_matches_it(draft_pledge, unit):
    from campaigns import services

    services.submit_pledge(pledge=draft_pledge, by=secretary_of(unit))
    office_a, office_b = office_user(), office_user()
    calls = [
        lambda: services.accept_pledge(pledge=draft_pledge, by=office_a, comment="đạt"),
        lambda: services.return_pledge(pledge=draft_pledge, by=office_b, comment="bổ sung"),
    ] * (THREADS // 2)
    results = race(calls)
    won = winners(results)
    assert len(won) == 1
    _domain_refusals(results)
    draft_pledge.refresh_from_db()
    assert draft_pledge.state == won[0].state
    reviews = AuditEntry.objects.filter(
        action__in=["pledge.accepted", "pledge.returned"], object_id=str(draft_pledge.pk)
    )
    assert reviews.count() == 1
    assert reviews.get().action == f"pledge.{'accepted' if won[0].state == 'accepted' else 'returned'}"


def test_one_result_report_per_unit_and_period_however_many_start_it(draft_pledge, unit):
    from campaigns.models import ResultReport
    from campaigns.services import start_result

    type(draft_pledge).objects.filter(pk=draft_pledge.pk).update(state="accepted")
    secretary = secretary_of(unit)
    results = race([lambda: start_result(pledge=draft_pledge, period="six_month", by=secretary)] * THREADS)
    assert ResultReport.objects.filter(unit=unit, plan=draft_pledge.plan, period="six_month").count() == 1
    for status, value in results:
        assert status == "ok" or isinstance(value, DomainError), value


@pytest.fixture
def ballot(unit):
    """An open ballot on two nominees of ``unit``, and five council members from other units."""
    from awards.catalog import load_catalog
    from awards.models import Award, Ballot, BallotItem, Nominee
    from awards.tests.factories import ProposalFactory, RoundFactory

    if not Award.objects.exists():
        from django.apps import apps

        load_catalog(apps.get_model)
    proposal = ProposalFactory(round=RoundFactory(), unit=unit, state="in_ballot")
    award = Award.objects.filter(subject="individual").first() or Award.objects.first()
    office = office_user()
    ballot = Ballot.objects.create(
        round=proposal.round, name="Bỏ phiếu", closes_at=timezone.now() + datetime.timedelta(hours=1), opened_by=office
    )
    for _ in range(2):
        nominee = Nominee.objects.create(proposal=proposal, person=PersonFactory(unit=unit), award=award)
        BallotItem.objects.create(ballot=ballot, nominee=nominee)
    members = []
    for _ in range(5):
        member = council_member()
        PersonFactory(unit=UnitFactory(), user=member)
        members.append(member)
    return ballot, members, office


def test_concurrent_votes_are_each_counted_once_and_a_double_click_is_refused(ballot):
    from awards.models import Ballot, Vote
    from awards.services import cast_votes, close_ballot

    ballot, members, office = ballot
    items = list(ballot.items.order_by("pk"))
    choices = {m.pk: ("agree" if i % 2 == 0 else "disagree") for i, m in enumerate(members)}
    calls = []
    for member in members:
        vote = {item.pk: choices[member.pk] for item in items}
        calls += [lambda member=member, vote=vote: cast_votes(ballot=ballot, by=member, choices=vote)] * 2
    results = race(calls)
    assert len(winners(results)) == len(members)
    _domain_refusals(results)
    assert Vote.objects.filter(item__ballot=ballot).count() == len(members) * len(items)
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    closes = race([lambda: close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), by=office)] * 3)
    assert len(winners(closes)) == 1
    agree = sum(1 for c in choices.values() if c == "agree")
    for item in ballot.items.all():
        assert (item.agree_count, item.disagree_count) == (agree, len(members) - agree)
    assert AuditEntry.objects.filter(action="award_ballot.closed", object_id=str(ballot.pk)).count() == 1


def test_a_vote_racing_the_close_is_either_counted_or_refused_never_lost(ballot):
    from awards.models import Ballot, Vote
    from awards.services import cast_votes, close_ballot

    ballot, members, office = ballot
    items = list(ballot.items.order_by("pk"))
    Ballot.objects.filter(pk=ballot.pk).update(closes_at=timezone.now() + datetime.timedelta(milliseconds=300))
    vote = {item.pk: "agree" for item in items}

    def late_close():
        import time

        time.sleep(0.35)
        return close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), by=office)

    def voter(member):
        def cast():
            import time

            time.sleep(0.3)
            return cast_votes(ballot=ballot, by=member, choices=vote)

        return cast

    results = race([late_close] + [voter(m) for m in members])
    closed = Ballot.objects.get(pk=ballot.pk)
    if closed.state == "closed":
        counted = Vote.objects.filter(item__ballot=ballot, choice="agree").count() // len(items)
        for item in closed.items.all():
            assert item.agree_count == counted
    accepted = sum(1 for status, value in results[1:] if status == "ok")
    assert Vote.objects.filter(item__ballot=ballot).count() == accepted * len(items)


def test_a_report_requested_many_times_at_once_exists_once():
    from reports.models import Report
    from reports.services import request_report

    office = office_user()
    start, end = datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)
    results = race([lambda: request_report(kind="quarterly", period_start=start, period_end=end, by=office)] * THREADS)
    assert Report.objects.filter(kind="quarterly", period_start=start, period_end=end).count() == 1
    assert len({value[0].pk for value in winners(results)}) == 1, errors(results)


def test_a_dossier_sent_from_many_tabs_at_once_is_sent_once_and_verified_once(unit):
    from awards.catalog import load_catalog
    from awards.models import Award, Nominee, Proposal, ProposalVersion
    from awards.services import start_verification, submit_proposal
    from awards.tests.factories import ProposalFactory

    if not Award.objects.exists():
        from django.apps import apps

        load_catalog(apps.get_model)
    proposal = ProposalFactory(unit=unit)
    award = Award.objects.get(code="giay-khen-ca-nhan")  # no quota: the race is about sending, not counting
    Nominee.objects.create(proposal=proposal, person=PersonFactory(unit=unit), award=award)
    secretary = secretary_of(unit)
    results = race([lambda: submit_proposal(proposal=proposal, by=secretary)] * THREADS)
    assert len(winners(results)) == 1, errors(results)
    _domain_refusals(results)
    assert ProposalVersion.objects.filter(proposal=proposal).count() == 1
    assert Proposal.objects.get(pk=proposal.pk).version == 1
    offices = [office_user() for _ in range(3)]
    starts = race([lambda o=o: start_verification(proposal=proposal, by=o) for o in offices])
    assert len(winners(starts)) == 1
    assert Proposal.objects.get(pk=proposal.pk).state == "verifying"
    moves = AuditEntry.objects.filter(object_id=str(proposal.pk), action__startswith="award_proposal.")
    assert [e.action for e in moves.order_by("pk")] == ["award_proposal.submit", "award_proposal.start_verification"]
