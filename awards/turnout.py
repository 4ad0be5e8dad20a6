"""Who has voted on an open ballot, never how: the Office's turnout, and the test for closing a ballot early.

A member's part in a ballot is the nominees he or she may vote on: every nominee not withdrawn and not one the
member is recused from (awards/recusal.py). A member with no such nominee is not eligible for the ballot; an
eligible member has voted once he or she has voted on each of them. Only counts of votes per voter are read here,
never a choice.
"""

from dataclasses import dataclass

from django.db.models import Count

from emulation.enums import Role
from emulation.models import Person
from emulation.selectors import role_holders

from .enums import NomineeResult
from .models import BallotItem, Vote
from .recusal import recused_nominees


@dataclass(frozen=True)
class MemberTurnout:
    name: str
    voted: int  # nominees the member has voted on
    votable: int  # nominees the member may vote on

    @property
    def done(self):
        return self.voted >= self.votable

    @property
    def started(self):
        return self.voted > 0


@dataclass(frozen=True)
class Turnout:
    members: tuple  # the eligible members, by name
    recused_from_all: int  # council members recused from every nominee of the ballot

    @property
    def eligible(self):
        return len(self.members)

    @property
    def done(self):
        return tuple(m for m in self.members if m.done)

    @property
    def in_progress(self):
        return tuple(m for m in self.members if m.started and not m.done)

    @property
    def waiting(self):
        return tuple(m for m in self.members if not m.started)

    @property
    def complete(self):
        """Every eligible member has voted on every nominee he or she may vote on: nothing is left to wait for."""
        return all(m.done for m in self.members)


def council_members():
    """The council's active members with their person records (and units), in two queries."""
    users = list(role_holders(Role.COUNCIL))  # the members council_size() counts
    people = {p.user_id: p for p in Person.objects.filter(user__in=users).select_related("unit").order_by("pk")}
    return [(user, people.get(user.pk)) for user in users]


def _display_name(user, person):
    if person is not None:
        return person.full_name
    return user.get_full_name() or user.get_username()


def ballot_turnout(ballot):
    """The ballot's turnout in four queries whatever its size: members, their people, one count per member of the
    nominees he or she is recused from (one aggregate), and the number of votes each voter has cast."""
    members = council_members()
    active = BallotItem.objects.filter(ballot=ballot).exclude(nominee__result=NomineeResult.WITHDRAWN)
    counts = {"all": Count("pk")}
    for user, person in members:
        if person is not None:
            counts[f"recused_{user.pk}"] = Count("pk", filter=recused_nominees(person))
    totals = active.aggregate(**counts)
    votes = dict(
        Vote.objects.filter(ballot=ballot)
        .exclude(item__nominee__result=NomineeResult.WITHDRAWN)
        .order_by()
        .values("voter")
        .annotate(n=Count("pk"))
        .values_list("voter", "n")
    )
    eligible, recused_from_all = [], 0
    for user, person in members:
        votable = totals["all"] - (totals.get(f"recused_{user.pk}") or 0)
        if votable <= 0:
            recused_from_all += 1 if totals["all"] else 0
            continue
        eligible.append(MemberTurnout(_display_name(user, person), votes.get(user.pk, 0), votable))
    eligible.sort(key=lambda m: m.name)
    return Turnout(members=tuple(eligible), recused_from_all=recused_from_all)
