"""The awards' panels on the home page: each role's pending work with counts and deadlines, in bounded queries."""

from django.utils import timezone

from emulation.models import Unit
from emulation.rules import is_council_member, is_office, is_standing_member, secretary_units

from . import selectors
from .enums import EDITABLE_STATES
from .models import Proposal

SHOWN = 5


def home_panels(user):
    panels = []
    if is_council_member(user):
        panels.append({"template": "awards/panels/council.html", "order": 20, "context": council_panel(user)})
    if is_standing_member(user):
        panels.append({"template": "awards/panels/standing.html", "order": 20, "context": standing_panel()})
    if is_office(user):
        queryset = selectors.proposals_to_verify()
        panels.append(
            {
                "template": "awards/panels/office.html",
                "order": 30,
                "context": {"proposals": list(queryset[:SHOWN]), "total": selectors.proposals_to_verify_count(user)},
            }
        )
    own = secretary_units(user)
    if own:
        panels.append({"template": "awards/panels/secretary.html", "order": 30, "context": secretary_panel(own)})
    return panels


def council_panel(user):
    """Open ballots the member has still to vote in, soonest closing first (at most 20 are read: the count says
    "20+" beyond)."""
    ballots = selectors.ballots_awaiting_vote(user)
    return {"ballots": ballots[:SHOWN], "total": len(ballots), "more": len(ballots) >= 20}


def standing_panel():
    """Public notices awaiting the Standing Committee's decision, the one whose notice ends first on top."""
    queryset = selectors.notices_awaiting_decision()
    notices = list(queryset.order_by("ends_on", "pk")[:SHOWN])
    total = len(notices) if len(notices) < SHOWN else queryset.count()
    return {"notices": notices, "total": total, "today": timezone.localdate()}


def secretary_panel(own):
    """For the user's units (and their sub-units) only: the dossiers to complete or fix, with their round's
    deadline, and the rounds open for proposals."""
    to_fix = Proposal.objects.filter(unit__in=Unit.objects.subtree_of(own), state__in=EDITABLE_STATES)
    proposals = list(
        to_fix.select_related("round", "unit")
        .only("state", "round__name", "round__submission_deadline", "unit__name")
        .order_by("round__submission_deadline", "pk")[:SHOWN]
    )
    rounds = list(selectors.open_rounds()[:SHOWN])
    return {
        "proposals": proposals,
        "proposal_total": len(proposals) if len(proposals) < SHOWN else to_fix.count(),
        "rounds": rounds,
        "today": timezone.localdate(),
    }
