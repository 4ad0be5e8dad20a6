"""Counts the lists show are kept on write; what a bulk load leaves uncounted is counted by the loader
(services.complete_bulk_load), never by the page that reads it."""

import pytest
from django.urls import reverse

from awards import services
from awards.models import Proposal, Round
from awards.tests.factories import ProposalFactory, RoundFactory
from emulation.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _count_shown(client, round):
    response = client.get(reverse("awards:round_list"))
    assert response.status_code == 200
    return {r.pk: r.proposal_count for r in response.context["page"]}[round.pk]


def test_round_list_counts_every_dossier_created(client, office, secretary, unit):
    round = RoundFactory()
    services.create_proposal(round=round, unit=unit, by=secretary)
    ProposalFactory(round=round)
    client.force_login(office)
    assert _count_shown(client, round) == 2


def test_a_round_written_in_bulk_is_counted_by_the_loader_not_by_the_page(client, office):
    round = RoundFactory()
    Proposal.objects.bulk_create([Proposal(round=round, unit=UnitFactory()) for _ in range(3)])  # no save()
    client.force_login(office)
    assert _count_shown(client, round) == 0  # the page reads what is stored, and writes nothing
    assert Round.objects.get(pk=round.pk).proposal_count == 0
    services.complete_bulk_load()
    assert _count_shown(client, round) == 3
    services.complete_bulk_load()  # idempotent
    assert Round.objects.get(pk=round.pk).proposal_count == 3


def test_deleting_a_dossier_counts_one_fewer(client, office):
    round = RoundFactory()
    kept, dropped = ProposalFactory(round=round), ProposalFactory(round=round)
    dropped.delete()
    client.force_login(office)
    assert _count_shown(client, round) == 1
    Proposal.objects.filter(pk=kept.pk).delete()  # a queryset delete sends the signal too
    assert _count_shown(client, round) == 0


def test_a_proposal_lists_count_is_cached_until_a_proposal_changes(client, office, secretary, unit):
    round = RoundFactory()
    proposal = services.create_proposal(round=round, unit=unit, by=secretary)
    Proposal.objects.filter(pk=proposal.pk).update(state="submitted")
    client.force_login(office)
    url = reverse("awards:proposal_list")
    assert client.get(url).context["page"].paginator.count == 1  # counted, then cached
    Proposal.objects.filter(pk=proposal.pk).update(state="draft")  # no signal: the cached count stands
    assert client.get(url).context["page"].paginator.count == 1
    Proposal.objects.filter(pk=proposal.pk).update(state="submitted")
    other = ProposalFactory(round=round, state="submitted")  # a save: every cached count is dropped
    assert client.get(url).context["page"].paginator.count == 2
    other.state = "draft"
    other.save()
    assert client.get(url).context["page"].paginator.count == 1


def test_the_offices_home_counts_dossiers_to_verify_until_one_changes(client, office):
    ProposalFactory(state="submitted")
    client.force_login(office)

    def shown():
        panels = [p for p in client.get("/").context["panels"] if p["template"] == "awards/panels/office.html"]
        return panels[0]["context"]["total"]

    assert shown() == 1
    waiting = ProposalFactory(state="verifying")
    assert shown() == 2
    waiting.state = "verified"
    waiting.save()
    assert shown() == 1
