"""One rich world for the security tests: the demo data plus objects of unit A in every state the matrix needs.

Unit A is the demo's so-tai-chinh (secretary bithu1), unit B is so-ke-hoach (secretary bithu2); both sit in
cluster cum-1, whose lead unit is A. Private text of unit A carries a marker so a leak shows as a string in a body.
"""

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from emulation.enums import Role
from emulation.models import Person, Unit
from emulation.tests.factories import UserFactory

ROLES = ("office", "sec_a", "sec_b", "council", "standing", "propaganda", "organization", "inspection", "anon")
USERNAMES = {
    "office": "vanphong",
    "sec_a": "bithu1",
    "sec_b": "bithu2",
    # hoidong2 belongs to another unit than A, so he is not recused from A's nominees.
    "council": "hoidong2",
    "standing": "thuongvu",
    "propaganda": "tuyengiao",
    "organization": "bantochuc",
    "inspection": "uybankiemtra",
}
PASSWORD = "ThiDua@2025"


@dataclass
class World:
    users: dict
    unit_a: Unit
    unit_b: Unit
    objects: dict = field(default_factory=dict)
    # marker text -> roles that may read it somewhere in the portal
    markers: dict = field(default_factory=dict)


def _mark(world, name, obj, attr, readers):
    text = f"MARKER-{name}-A"
    type(obj).objects.filter(pk=obj.pk).update(**{attr: text})
    setattr(obj, attr, text)
    world.markers[text] = set(readers)
    return text


def build_world():
    """Seed the demo, add the two observer accounts, and put unit A's objects in known states."""
    from awards import services as award_services
    from awards.enums import ProposalState
    from awards.models import Attachment, Ballot, Decision, Nominee, Proposal, PublicNotice, Round
    from campaigns.enums import ExemplarKind, ExemplarState, InitiativeState
    from campaigns.models import Covenant, Evidence, Exemplar, Initiative, Pledge, ResultReport, YearPlan
    from reports.models import Report

    call_command("seed_demo", stdout=io.StringIO())
    from django.contrib.auth.models import User

    if not User.objects.filter(username="bantochuc").exists():
        UserFactory(username="bantochuc", password=PASSWORD, roles=[(Role.ORGANIZATION, None)])
        UserFactory(username="uybankiemtra", password=PASSWORD, roles=[(Role.INSPECTION, None)])
    users = {role: User.objects.get(username=name) for role, name in USERNAMES.items()}
    users["anon"] = None
    unit_a = Unit.objects.get(code="so-tai-chinh")
    unit_b = Unit.objects.get(code="so-ke-hoach")
    world = World(users=users, unit_a=unit_a, unit_b=unit_b)
    o = world.objects
    office = users["office"]

    readers = {"office", "sec_a", "council", "standing", "propaganda", "organization", "inspection"}

    o["unit_a"] = unit_a
    o["unit_b"] = unit_b
    o["launched_plan"] = YearPlan.objects.filter(state="launched").get()
    o["draft_plan"] = YearPlan.objects.filter(state="draft").get()
    o["term"] = o["launched_plan"].term
    o["movement"] = o["term"].movements.first()
    o["phase"] = o["launched_plan"].phases.first()
    o["criterion"] = o["launched_plan"].criteria.first()
    o["pledge"] = Pledge.objects.filter(plan=o["launched_plan"], unit=unit_a).exclude(state="superseded").get()
    o["registration"] = o["pledge"].registrations.first()
    o["result"] = ResultReport.objects.filter(plan=o["launched_plan"], unit=unit_a).get()
    o["covenant"] = Covenant.objects.get(plan=o["launched_plan"], lead_unit=unit_a)
    o["cluster"] = unit_a.cluster
    o["person_a"] = Person.objects.filter(unit=unit_a, user__isnull=True).first()
    o["published_exemplar"] = Exemplar.objects.get(unit=unit_a, state=ExemplarState.PUBLISHED)
    o["exemplar"] = Exemplar.objects.create(
        unit=unit_a, kind=ExemplarKind.GOOD_DEED, title="x", summary="x", proposed_by=users["sec_a"]
    )
    o["initiative"] = Initiative.objects.create(
        unit=unit_a, title="x", description="x", state=InitiativeState.PROPOSED, proposed_by=users["sec_a"]
    )
    o["evidence"] = Evidence.objects.create(
        report=o["result"],
        file=ContentFile(b"%PDF-1.4 minh chung", name="minh-chung.pdf"),
        original_name="minh-chung.pdf",
        content_type="application/pdf",
        size=19,
        uploaded_by=users["sec_a"],
    )
    _mark(world, "pledge", o["pledge"], "commitment", readers)
    _mark(world, "result", o["result"], "narrative", readers)
    _mark(world, "exemplar", o["exemplar"], "summary", readers)
    _mark(world, "initiative", o["initiative"], "description", readers)
    _mark(world, "evidence", o["evidence"], "description", readers)
    # A's year-end report still in draft, with a file: the unit's working copy, read by nobody else until sent.
    from campaigns import services as campaign_services

    o["draft_result"] = campaign_services.start_result(pledge=o["pledge"], period="year_end", by=users["sec_a"])
    o["draft_evidence"] = Evidence.objects.create(
        report=o["draft_result"],
        file=ContentFile(b"%PDF-1.4 minh chung nhap", name="minh-chung-nhap.pdf"),
        original_name="minh-chung-nhap.pdf",
        content_type="application/pdf",
        size=24,
        uploaded_by=users["sec_a"],
    )
    _mark(world, "draft-result", o["draft_result"], "narrative", {"sec_a"})
    _mark(world, "draft-evidence", o["draft_evidence"], "description", {"sec_a"})

    proposals = Proposal.objects.filter(unit=unit_a)
    o["draft_proposal"] = proposals.get(state=ProposalState.DRAFT)
    o["draft_nominee"] = o["draft_proposal"].nominees.first()
    o["draft_attachment"] = Attachment.objects.filter(proposal=o["draft_proposal"]).first()
    o["certified_proposal"] = proposals.filter(state=ProposalState.CERTIFIED).first()
    o["certified_nominee"] = o["certified_proposal"].nominees.first()
    o["certified_attachment"] = Attachment.objects.filter(proposal=o["certified_proposal"]).first()
    _mark(world, "draft-proposal", o["draft_proposal"], "achievement_report", {"sec_a"})
    _mark(world, "draft-nominee", o["draft_nominee"], "summary", {"sec_a"})

    # A's dossier under verification goes to an open ballot; its text is readable by the filed-proposal readers.
    ballot_proposal = proposals.get(state=ProposalState.VERIFYING)
    Proposal.objects.filter(pk=ballot_proposal.pk).update(state=ProposalState.VERIFIED)
    o["open_ballot"] = award_services.open_ballot(
        round=ballot_proposal.round,
        proposals=[ballot_proposal],
        closes_at=timezone.now() + timedelta(days=3),
        by=office,
    )
    o["ballot_proposal"] = Proposal.objects.get(pk=ballot_proposal.pk)
    o["ballot_nominee"] = Nominee.objects.filter(proposal=ballot_proposal).first()
    _mark(world, "ballot-proposal", o["ballot_proposal"], "achievement_report", readers)
    # Last year's list: voted, published, objected to and decided (this year's is still open for comments).
    o["notice"] = PublicNotice.objects.get(state="decided")
    o["closed_ballot"] = Ballot.objects.get(notice=o["notice"])
    o["feedback"] = o["notice"].feedback.first()
    o["decision"] = Decision.objects.get()
    o["round"] = o["ballot_proposal"].round
    o["unit_report"] = Report.objects.get(unit=unit_a)
    o["bloc_report"] = Report.objects.filter(unit__isnull=True).first()
    o["open_round"] = Round.objects.filter(state="open").first()
    return world
