"""The invariants the database itself refuses to break: each proven by writing the duplicate directly."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from emulation.tests.factories import PersonFactory, UnitFactory, council_member, office_user, standing_member

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def ballot_world():
    from awards.catalog import load_catalog
    from awards.models import Award, Ballot, BallotItem, Nominee
    from awards.tests.factories import ProposalFactory, RoundFactory

    if not Award.objects.exists():
        from django.apps import apps

        load_catalog(apps.get_model)
    unit = UnitFactory()
    proposal = ProposalFactory(round=RoundFactory(), unit=unit, state="in_ballot")
    nominee = Nominee.objects.create(proposal=proposal, person=PersonFactory(unit=unit), award=Award.objects.first())
    ballot = Ballot.objects.create(
        round=proposal.round, name="B", closes_at=timezone.now() + datetime.timedelta(hours=1), opened_by=office_user()
    )
    item = BallotItem.objects.create(ballot=ballot, nominee=nominee)
    return proposal, nominee, ballot, item


def test_one_vote_per_member_per_nominee(ballot_world):
    from awards.models import Vote

    *_rest, item = ballot_world
    member = council_member()
    Vote.objects.create(item=item, voter=member, choice="agree")
    refused(lambda: Vote.objects.create(item=item, voter=member, choice="disagree"))


def test_a_nominee_is_on_a_ballot_once(ballot_world):
    from awards.models import BallotItem

    _proposal, nominee, ballot, _item = ballot_world
    refused(lambda: BallotItem.objects.create(ballot=ballot, nominee=nominee))


def test_one_notice_per_ballot_and_one_decision_per_notice(ballot_world):
    from awards.models import Decision, PublicNotice

    *_rest, ballot, _item = ballot_world
    office, standing = office_user(), standing_member()
    notice = PublicNotice.objects.create(ballot=ballot, ends_on=timezone.localdate(), published_by=office)
    refused(lambda: PublicNotice.objects.create(ballot=ballot, ends_on=timezone.localdate(), published_by=office))
    fields = {"date": timezone.localdate(), "signer_name": "A", "signer_position": "B", "subject": "C"}
    Decision.objects.create(notice=notice, number="1/QĐ", recorded_by=standing, **fields)
    refused(lambda: Decision.objects.create(notice=notice, number="2/QĐ", recorded_by=standing, **fields))


def test_one_live_proposal_per_unit_and_round_and_one_copy_per_submission(ballot_world):
    from awards.models import Proposal, ProposalVersion

    proposal, *_rest = ballot_world
    refused(lambda: Proposal.objects.create(round=proposal.round, unit=proposal.unit))
    ProposalVersion.objects.create(proposal=proposal, number=1)
    refused(lambda: ProposalVersion.objects.create(proposal=proposal, number=1))


def test_one_current_pledge_per_unit_and_plan_and_one_result_per_period():
    from campaigns.models import ResultReport
    from campaigns.tests.factories import PlanFactory, PledgeFactory

    plan, unit = PlanFactory(), UnitFactory()
    pledge = PledgeFactory(plan=plan, unit=unit)
    refused(lambda: PledgeFactory(plan=plan, unit=unit, revision=2))
    ResultReport.objects.create(plan=plan, unit=unit, pledge=pledge, period="six_month")
    refused(lambda: ResultReport.objects.create(plan=plan, unit=unit, pledge=pledge, period="six_month"))


def test_a_unit_signs_a_covenant_once_and_a_target_is_set_once():
    from campaigns.models import Covenant, CovenantSignature, PledgeTarget
    from campaigns.tests.factories import CriterionFactory, PledgeFactory

    unit = UnitFactory()
    pledge = PledgeFactory(unit=unit)
    covenant = Covenant.objects.create(plan=pledge.plan, cluster=unit.cluster, lead_unit=unit, title="G", text="T")
    signer = office_user()
    CovenantSignature.objects.create(covenant=covenant, unit=unit, signed_by=signer)
    refused(lambda: CovenantSignature.objects.create(covenant=covenant, unit=unit, signed_by=signer))
    criterion = CriterionFactory(plan=pledge.plan)
    PledgeTarget.objects.create(pledge=pledge, criterion=criterion, value=Decimal(1))
    refused(lambda: PledgeTarget.objects.create(pledge=pledge, criterion=criterion, value=Decimal(2)))
    refused(lambda: PledgeTarget.objects.filter(pledge=pledge).update(value=Decimal(-1)))


def test_one_report_per_kind_and_period():
    from reports.models import Report

    start, end = datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)
    Report.objects.create(kind="quarterly", period_start=start, period_end=end)
    refused(lambda: Report.objects.create(kind="quarterly", period_start=start, period_end=end))
    refused(lambda: Report.objects.create(kind="quarterly", period_start=end, period_end=start))


def test_the_audit_log_is_append_only():
    from emulation.models import AuditEntry
    from emulation.services import log_action

    entry = log_action(actor=office_user(), action="test.checked", comment="x")
    with pytest.raises(Exception):  # noqa: B017, PT011 - the model refuses, whatever the exception's class
        entry.comment = "sửa"
        entry.save()
    with pytest.raises(Exception):  # noqa: B017, PT011
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).comment == "x"
