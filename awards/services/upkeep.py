"""What the services keep on every write, completed for rows written in bulk (bench_data, a load by SQL).

The services keep a round's dossier count, a ballot's numbered items and its count, the votes' link to their
ballot, a decision's numbered nominees and its count, as they write. Rows loaded in bulk skip the services, so the
loader calls complete_bulk_load once it is done: no page ever repairs a row on its way to reading it.
"""

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .. import upkeep
from ..models import Ballot, Decision, Proposal, Round, Vote
from .ballots import number_ballot_items
from .decisions import number_decision_nominees


@transaction.atomic
def complete_bulk_load():
    """Count every round's dossiers, number and count the items of every ballot and the nominees of every decision
    left uncounted, and point votes at their ballot; drop the cached counts and catalog (awards.upkeep). Idempotent;
    returns (rounds, ballots, decisions) touched."""
    per_round = Proposal.objects.filter(round=OuterRef("pk")).order_by().values("round").annotate(n=Count("pk"))
    rounds = Round.objects.update(proposal_count=Coalesce(Subquery(per_round.values("n")[:1]), 0))
    ballots = 0
    for ballot in Ballot.objects.filter(item_count__isnull=True).order_by("pk").iterator():
        number_ballot_items(ballot)
        Vote.objects.filter(item__ballot=ballot, ballot__isnull=True).update(ballot=ballot)
        ballots += 1
    decisions = 0
    for decision in Decision.objects.filter(nominee_count__isnull=True).order_by("pk").iterator():
        number_decision_nominees(decision)
        decisions += 1
    upkeep.everything_reloaded()
    return rounds, ballots, decisions
